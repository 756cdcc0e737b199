"""Bulk actions and exports: choose users, confirm, start a job; reverse; download an export."""

import csv
import io

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from console.accounts.permissions import require
from console.cognito import provisioning
from console.cognito.errors import CognitoError
from console.jobs import bulk, drafts, export
from console.jobs.lifecycle import job_audit
from console.jobs.models import BulkDraft
from console.jobs.views import _job_for
from console.users import selectors
from console.users.actions import user_label

MAX_LIST_BYTES = 5 * 1024 * 1024
SHOWN_USERS = 20  # the ticked users the confirmation names one by one
SEARCH_FIELDS = ("q", "attr", "match", "status", "enabled", "group")


def _search_selection(data) -> dict:
    return {
        "type": "search",
        "query": {
            "text": (data.get("q") or "").strip(),
            "attribute": data.get("attr") or "email",
            "exact": data.get("match") == "exact",
            "status": data.get("status") or "",
            "enabled": data.get("enabled") or "",
            "group": (data.get("group") or "").strip(),
        },
    }


def _list_entries(request) -> list[str]:
    """Usernames or emails, one a line (pasted), or the first column (or the username/email
    column) of an uploaded CSV."""
    entries = [line.strip() for line in (request.POST.get("identifiers") or "").splitlines()]
    upload = request.FILES.get("file")
    if upload is not None:
        if upload.size > MAX_LIST_BYTES:
            raise bulk.BulkRefused("The file is larger than 5 MB; paste the names or choose users by search.")
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise bulk.BulkRefused("The file is not UTF-8 text.") from exc
        rows = list(csv.reader(io.StringIO(text)))
        column = 0
        if rows:
            header = [c.strip().lower() for c in rows[0]]
            for name in ("username", "cognito:username", "email"):
                if name in header:
                    column = header.index(name)
                    rows = rows[1:]
                    break
        entries += [r[column].strip() for r in rows if len(r) > column]
    return [e for e in entries if e]


def _selection(request) -> dict:
    scope = request.POST.get("scope") or "selected"
    if scope == "selected":
        return {"type": "usernames", "usernames": request.POST.getlist("u")}
    if scope == "search":
        return _search_selection(request.POST)
    if scope == "group":
        return {"type": "group", "group": (request.POST.get("members_of") or "").strip()}
    if scope == "list":
        return {"type": "list", "usernames": _list_entries(request)}
    raise bulk.BulkRefused("Choose the users.")


@require_GET
@never_cache
@require("run_bulk")
def bulk_choose(request, pool_id):
    """Users from a pasted list, an uploaded CSV, or the members of a group."""
    return render(request, "jobs/bulk_choose.html", _choose_context(request, pool_id))


def _choose_context(request, pool_id) -> dict:
    try:
        groups = sorted(provisioning.group_names(pool_id))
    except CognitoError:
        groups = []
    return {"pool_id": pool_id, "actions": bulk.allowed_actions(request.user), "groups": groups}


def _unique(names) -> list[str]:
    return list(dict.fromkeys(n.strip() for n in names if n and n.strip()))


def _new_draft(request, pool_id: str, allowed) -> BulkDraft:
    """The first post (users table or list page): the chosen users and action, kept on the server."""
    action = bulk.ACTIONS.get(request.POST.get("action", ""))
    if action is None or action not in allowed:
        raise bulk.BulkRefused("Choose an action your role may run.")
    selection = _selection(request)
    if "usernames" in selection:
        selection["usernames"] = _unique(selection["usernames"])
        if not selection["usernames"]:
            raise bulk.BulkRefused("No users chosen: tick some users, or paste their names.")
        if len(selection["usernames"]) > bulk.MAX_LISTED:
            raise bulk.BulkRefused(f"At most {bulk.MAX_LISTED:,} users per list; choose them by search instead.")
    else:
        selectors.query_check(bulk.query_of(selection))
        if selection["type"] == "group" and not selection["group"]:
            raise bulk.BulkRefused("Choose a group.")
    return drafts.draft_create(operator=request.user, pool_id=pool_id, action=action.name, selection=selection)


def _draft_context(draft: BulkDraft, action) -> dict:
    selection = draft.selection
    context = {"action": action, "draft": draft, "scope": selection.get("type")}
    names = selection.get("usernames")
    if names is not None:
        seconds = bulk.estimate_seconds(action, len(names), lookups=selection["type"] == "list")
        shown = names[:SHOWN_USERS]
        named = selectors.users_named(draft.pool_id, shown)  # name and email, not bare usernames
        context.update(
            count=len(names),
            shown=[(n, user_label(named.get(n), n)) for n in shown],
            more=max(len(names) - SHOWN_USERS, 0),
            estimate=bulk.estimate_text(seconds),
        )
    else:
        context["described"] = bulk.describe_selection(selection)
        context["preview"] = drafts.draft_preview(draft)
        context["per_minute"] = int(60 / max(bulk.estimate_seconds(action, 1), 1e-6))
    return context


@require_POST
@never_cache
@require("run_bulk")
def bulk_confirm(request, pool_id):
    """The confirm page (action, users, exact count, reason, time estimate) for a new selection;
    with go=1 and the selection's draft token, start the job."""
    context = {**_choose_context(request, pool_id), "post": request.POST, "error": ""}
    starting = request.POST.get("go") == "1"
    try:
        if starting:
            draft = drafts.draft_get(operator=request.user, pool_id=pool_id, token=request.POST.get("draft", ""))
        else:
            draft = _new_draft(request, pool_id, context["actions"])
        action = bulk.ACTIONS.get(draft.action)
        if action not in context["actions"]:
            raise bulk.BulkRefused("Choose an action your role may run.")
        context.update(_draft_context(draft, action))
        if starting:
            job = _start(request, pool_id, draft)
            messages.success(request, f"Bulk job #{job.pk} started.")
            return redirect("jobs:detail", job_id=job.pk)
    except (bulk.BulkRefused, selectors.QueryError, CognitoError) as exc:
        context["error"] = getattr(exc, "message", None) or str(exc)
    status = 400 if context["error"] and starting else 200
    return render(request, "jobs/bulk_confirm.html", context, status=status)


def _start(request, pool_id: str, draft: BulkDraft):
    params = {k: request.POST.get(k, "") for k in ("group_param", "attribute", "value")}
    params["group"] = params.pop("group_param")
    job = bulk.bulk_start(
        operator=request.user,
        pool_id=pool_id,
        action=draft.action,
        selection=draft.selection,
        params=params,
        reason=request.POST.get("reason", ""),
        typed_count=request.POST.get("typed_count", ""),
    )
    draft.delete()  # one job per confirmation: a second post of the page finds nothing to start
    return job


@require_GET
@never_cache
@require("run_bulk")
def bulk_count(request, pool_id, token):
    """The count of a search or group selection, a step further each poll (htmx, every second)."""
    draft = drafts.draft_get(operator=request.user, pool_id=pool_id, token=token)
    error = ""
    try:
        draft = drafts.draft_count_step(draft)
    except (selectors.QueryError, CognitoError) as exc:
        error = getattr(exc, "message", None) or str(exc)
    context = {"pool_id": pool_id, "draft": draft, "count_error": error, "action": bulk.ACTIONS.get(draft.action)}
    return render(request, "jobs/bulk_confirm.html#count", context)


@require_POST
@require("run_bulk")
def bulk_reverse_view(request, job_id: int):
    job = _job_for(request, job_id)
    try:
        new = bulk.bulk_reverse(operator=request.user, job=job, reason=request.POST.get("reason", "").strip()[:500])
    except bulk.BulkRefused as exc:
        messages.warning(request, str(exc))
        return redirect("jobs:detail", job_id=job.pk)
    messages.success(request, f"Job #{new.pk} reverses job #{job.pk}.")
    return redirect("jobs:detail", job_id=new.pk)


# --- Export ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@never_cache
@require("export_users")
def export_new(request, pool_id):
    data = request.POST if request.method == "POST" else request.GET
    scope = data.get("scope") or ("search" if any(data.get(f) for f in SEARCH_FIELDS) else "pool")
    context = {**_choose_context(request, pool_id), "scope": scope, "data": data, "error": ""}
    if scope == "search":
        context["described"] = bulk.describe_selection(_search_selection(data))
    if request.method == "POST":
        if scope == "search":
            selection = _search_selection(data)
        elif scope == "group":
            selection = {"type": "group", "group": (data.get("members_of") or "").strip()}
        else:
            selection = {"type": "pool"}
        try:
            if selection["type"] == "group" and not selection["group"]:
                raise bulk.BulkRefused("Choose a group.")
            job = export.export_start(
                operator=request.user, pool_id=pool_id, selection=selection, reason=data.get("reason", "")[:500]
            )
            return redirect("jobs:detail", job_id=job.pk)
        except (bulk.BulkRefused, selectors.QueryError) as exc:
            context["error"] = str(exc)
    return render(request, "jobs/export_new.html", context, status=400 if context["error"] else 200)


@never_cache
@require_GET
@require("export_users")
def export_download(request, job_id: int):
    job = _job_for(request, job_id)
    path = export.export_file(job)
    if path is None:
        raise Http404("No file: the export has not finished, or its file has expired.")
    # Personal data leaves the console: who took it is worth a line in the trail.
    job_audit(job, "download")
    return FileResponse(open(path, "rb"), as_attachment=True, filename=f"users-{job.pool_id}-job-{job.pk}.csv")  # noqa: SIM115
