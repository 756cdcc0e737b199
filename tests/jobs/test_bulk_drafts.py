"""The bulk selection kept on the server (BulkDraft): long lists confirm, the count is exact."""

import re

import pytest
from django.urls import reverse

from console.cognito import limiter
from console.jobs import drafts
from console.jobs.models import BulkDraft, Job
from tests.fixtures.cognito import build_pool
from tests.jobs.test_bulk_views import confirm_url, draft_of

pytestmark = pytest.mark.django_db


def test_it_confirms_a_pasted_list_of_50000_names(pool, helpdesk_client):
    names = [f"person{i:05d}@example.com" for i in range(50_000)]
    page = helpdesk_client.post(
        confirm_url(pool), {"action": "sign_out", "scope": "list", "identifiers": "\n".join(names)}
    )
    body = page.content.decode()
    assert 'data-count="50000"' in body
    # One token goes back, not 50,000 fields (Django refuses more than 1,000).
    assert body.count('type="hidden"') < 10 and len(body) < 50_000
    response = helpdesk_client.post(confirm_url(pool), {"draft": draft_of(page), "go": "1", "reason": "INC-50k"})
    job = Job.objects.get()
    assert response.status_code == 302 and job.total == 50_000
    assert job.items.order_by("seq").first().key == names[0] and job.items.order_by("-seq").first().key == names[-1]
    assert not BulkDraft.objects.exists()


def test_a_confirmation_starts_one_job_only(pool, helpdesk_client):
    choice = {"action": "sign_out", "scope": "selected", "u": [pool.users["user0@example.com"]]}
    token = draft_of(helpdesk_client.post(confirm_url(pool), choice))
    go = {"draft": token, "go": "1", "reason": "INC-1"}
    assert helpdesk_client.post(confirm_url(pool), go).status_code == 302
    assert helpdesk_client.post(confirm_url(pool), go).status_code == 404
    assert Job.objects.count() == 1


def test_a_draft_belongs_to_its_operator(pool, helpdesk_client, admin_client):
    choice = {"action": "sign_out", "scope": "selected", "u": [pool.users["user0@example.com"]]}
    token = draft_of(helpdesk_client.post(confirm_url(pool), choice))
    assert admin_client.post(confirm_url(pool), {"draft": token, "go": "1", "reason": "x"}).status_code == 404
    assert admin_client.get(reverse("jobs:bulk_count", args=[pool.id, token])).status_code == 404
    assert not Job.objects.exists()


def test_the_refused_reason_keeps_the_draft_and_says_why(pool, helpdesk_client, settings):
    settings.CONSOLE_REASON_REQUIRED = True
    choice = {"action": "sign_out", "scope": "selected", "u": [pool.users["user0@example.com"]]}
    token = draft_of(helpdesk_client.post(confirm_url(pool), choice))
    response = helpdesk_client.post(confirm_url(pool), {"draft": token, "go": "1", "reason": ""})
    assert response.status_code == 400 and "Give a reason" in response.content.decode()
    assert f'value="{token}"' in response.content.decode() and not Job.objects.exists()


def test_it_counts_a_search_of_21_to_60_users_exactly(aws, helpdesk_client):
    pool = build_pool(users=45)
    page = helpdesk_client.post(confirm_url(pool), {"action": "sign_out", "scope": "search", "q": "user"})
    body = page.content.decode()
    assert 'data-count="45"' in body and "45 users" in body
    assert "hx-trigger" not in body.split('id="bulk-count"')[1].split(">")[0]


def test_it_counts_a_large_search_through_the_limiter_with_progress(aws, helpdesk_client, monkeypatch):
    pool = build_pool(users=130)
    acquired = []
    real = limiter.acquire
    monkeypatch.setattr(limiter, "acquire", lambda op, region, **kw: acquired.append(op) or real(op, region, **kw))
    page = helpdesk_client.post(confirm_url(pool), {"action": "sign_out", "scope": "search", "q": "user"})
    body = page.content.decode()
    assert 'data-counting="60"' in body and 'hx-trigger="every 1s"' in body
    count_url = re.search(r'hx-get="([^"]+/count/[^"]+)"', body).group(1)
    fragment = helpdesk_client.get(count_url, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-count="130"' in fragment and "hx-trigger" not in fragment
    assert [op for op in acquired if op.startswith("ListUsers")] == ["ListUsers"] * 3  # pages of 60, 60, 10
    assert not Job.objects.exists()


def test_counting_resumes_where_the_last_poll_stopped(aws, hugo):
    pool = build_pool(users=130)
    draft = drafts.draft_create(
        operator=hugo, pool_id=pool.id, action="sign_out", selection={"type": "search", "query": {"text": "user"}}
    )
    drafts.draft_preview(draft)
    draft = drafts.draft_count_step(draft, seconds=0)  # a poll with no time left counts nothing
    assert (draft.counted, draft.count_done) == (60, False)
    draft = drafts.draft_count_step(draft)
    assert (draft.counted, draft.count_done) == (130, True)


def test_the_reaper_removes_drafts_after_their_day_even_if_no_new_draft_comes(hugo, monkeypatch):
    """Drafts hold pasted usernames and emails: SECURITY.md promises a day at most."""
    from datetime import timedelta

    from django.utils import timezone

    from console.jobs import services

    monkeypatch.setattr("console.jobs.services.job_enqueue", lambda job_id: True)
    old = drafts.draft_create(operator=hugo, pool_id="us-east-1_x", action="disable", selection={"names": ["a"]})
    fresh = drafts.draft_create(operator=hugo, pool_id="us-east-1_x", action="disable", selection={"names": ["b"]})
    BulkDraft.objects.filter(pk=old.pk).update(created_at=timezone.now() - drafts.DRAFT_LIFETIME - timedelta(minutes=1))
    assert services.jobs_reap()["drafts_removed"] == 1
    assert list(BulkDraft.objects.values_list("pk", flat=True)) == [fresh.pk]
