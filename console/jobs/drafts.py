"""Bulk selections waiting for the operator's confirmation (BulkDraft rows).

The confirm page carries one draft token instead of every chosen name, so a list of
50,000 names confirms like a list of two. For "all users matching a search" and "the
members of a group" the draft also counts the users, page by page through the shared
rate limiter, a slice at a time, so the page can poll it and show the exact number
(with progress in a large pool) before anything starts.
"""

import time
from datetime import timedelta

from django.http import Http404
from django.utils import timezone

from console.cognito.client import limited_calls
from console.jobs.bulk import query_of
from console.jobs.models import BulkDraft
from console.users import selectors

DRAFT_LIFETIME = timedelta(days=1)
COUNT_PAGE = 60  # ListUsers' largest page
COUNT_SLICE_SECONDS = 1.0  # counting work per poll, so no request holds a worker long
PREVIEW_ROWS = 20


def draft_create(*, operator, pool_id: str, action: str, selection: dict) -> BulkDraft:
    drafts_expire()
    return BulkDraft.objects.create(operator=operator, pool_id=pool_id, action=action, selection=selection)


def drafts_expire() -> int:
    """Drafts nobody confirmed (pasted usernames and emails) go after DRAFT_LIFETIME: with the
    next draft, and from the reaper when nobody starts one."""
    return BulkDraft.objects.filter(created_at__lt=timezone.now() - DRAFT_LIFETIME).delete()[0]


def draft_get(*, operator, pool_id: str, token: str) -> BulkDraft:
    """The operator's own draft for this pool; anyone else's (or an expired one) is not found."""
    draft = BulkDraft.objects.filter(token=token, operator=operator, pool_id=pool_id).first()
    if draft is None or draft.created_at < timezone.now() - DRAFT_LIFETIME:
        raise Http404("This confirmation has expired: choose the users again.")
    return draft


def _page(draft: BulkDraft, token: str | None) -> selectors.UserPage:
    query = query_of(draft.selection)
    query.tokens = [token] if token else []
    # A count of a large pool is a loop of ListUsers calls: each passes the limiter.
    with limited_calls():
        return selectors.users_search(draft.pool_id, query, limit=COUNT_PAGE)


def draft_preview(draft: BulkDraft) -> list:
    """The first users of a run-time selection; the page they come from also starts the count
    (and ends it, for up to one page of users) unless counting has begun already."""
    page = _page(draft, None)
    BulkDraft.objects.filter(pk=draft.pk, counted=0, count_token="", count_done=False).update(
        counted=len(page.users), count_token=page.next_token or "", count_done=not page.next_token
    )
    draft.refresh_from_db()
    return page.users[:PREVIEW_ROWS]


def draft_count_step(draft: BulkDraft, *, seconds: float = COUNT_SLICE_SECONDS) -> BulkDraft:
    """Count on from where the last step stopped, for about `seconds`. Two polls at once
    cannot count a page twice: a step is saved only if nobody moved the count meanwhile."""
    if draft.count_done:
        return draft
    start_counted, start_token = draft.counted, draft.count_token
    counted, token = start_counted, start_token or None
    deadline = time.monotonic() + seconds
    while token and time.monotonic() < deadline:
        page = _page(draft, token)
        counted += len(page.users)
        token = page.next_token
    BulkDraft.objects.filter(pk=draft.pk, counted=start_counted, count_token=start_token).update(
        counted=counted, count_token=token or "", count_done=not token
    )
    draft.refresh_from_db()
    return draft
