"""The bulk kind: one action (disable, add to group, ...) on many users, one item per user.

Each user's change goes through the same service as the single-user action (so it is
audited alike, one event per user, linked to the job); the runner charges the shared rate
limiter for every call it makes. Selections known up front (ticked rows, a pasted list) become
items at once; "all users matching a search" and "the members of a group" are enumerated by
the job itself when it first runs (console.jobs.bulk_handler, which runs the job).
"""

import math

from django.db import transaction

from console.accounts.permissions import check_perm, has_perm
from console.accounts.policy import ReasonMissing, action_allowed
from console.cognito import limiter, provisioning
from console.cognito.client import quota_values
from console.jobs.lifecycle import job_create, job_started
from console.jobs.models import Job, JobItem
from console.users import selectors
from console.users.actions import BULK_ACTIONS, UserAction

ITEM_BATCH = 2000
MAX_LISTED = 50_000  # usernames pasted, uploaded or ticked in one job
ENUMERATE_PAGE = 60


class BulkRefused(Exception):
    """The bulk job cannot start as asked; the message says why."""


# The bulk actions are the catalogue's (console/users/actions.py): one table for the user page,
# the action view and bulk jobs. `operations` there serve only the time estimate.
ACTIONS = BULK_ACTIONS
BulkAction = UserAction

# Attributes a bulk "set" must not touch: identifiers and verification flags have their own actions.
NOT_SETTABLE = {"sub", "email", "phone_number", "email_verified", "phone_number_verified"}


def allowed_actions(operator) -> list[BulkAction]:
    if not has_perm(operator, "run_bulk"):
        return []
    return [a for a in ACTIONS.values() if has_perm(operator, a.permission)]


def estimate_seconds(action: BulkAction, count: int, *, lookups: bool = False) -> float:
    """The time the console's share of the rate limits allows for `count` users: calls in the
    same quota category share one bucket, so the slowest category sets the pace."""
    per_category: dict[str, float] = {}
    account = quota_values()  # the budgets the limiter will apply (the account's quotas, cached)
    for op in (*action.operations, *(("AdminGetUser",) if lookups else ())):
        limit = limiter.limit_for(op, account)
        per_category[limit.category] = per_category.get(limit.category, 0) + 1 / limit.rate
    return count * max(per_category.values(), default=0)


def describe_selection(selection: dict) -> str:
    kind = selection.get("type")
    if kind == "search":
        q = selection.get("query") or {}
        parts = []
        if q.get("text"):
            parts.append(f"{q.get('attribute', 'email')} {'=' if q.get('exact') else 'starts with'} {q['text']!r}")
        if q.get("status"):
            parts.append(f"status {q['status']}")
        if q.get("enabled"):
            parts.append("enabled" if q["enabled"] == "yes" else "disabled")
        if q.get("group"):
            parts.append(f"in group {q['group']}")
        return "all users matching " + (", ".join(parts) or "no filter (every user of the pool)")
    if kind == "group":
        return f"all members of group {selection.get('group')}"
    if kind == "list":
        return "users from a list"
    return "selected users"


def query_of(selection: dict) -> selectors.UserQuery:
    q = selection.get("query") or {}
    if selection.get("type") == "group":
        q = {"group": selection.get("group", "")}
    return selectors.UserQuery(
        text=q.get("text", ""),
        attribute=q.get("attribute", "email"),
        exact=bool(q.get("exact")),
        status=q.get("status", ""),
        enabled=q.get("enabled", ""),
        group=q.get("group", ""),
    )


# --- Start ----------------------------------------------------------------------


def _check_params(pool_id: str, action: BulkAction, params: dict) -> dict:
    clean = {}
    if "group" in action.needs:
        group = (params.get("group") or "").strip()
        if not group:
            raise BulkRefused("Choose a group.")
        if group not in provisioning.group_names(pool_id):
            raise BulkRefused(f"The pool has no group {group!r}.")
        clean["group"] = group
    if "attribute" in action.needs:
        name = (params.get("attribute") or "").strip()
        schema = provisioning.pool_schema(pool_id)
        attr = schema.attributes.get(name)
        if attr is None or name in NOT_SETTABLE or not attr.mutable:
            what = name or "That attribute"
            raise BulkRefused(f"{what} cannot be set in bulk (unknown, read-only or an identifier).")
        value = params.get("value") or ""
        if len(value) > 2048:
            raise BulkRefused("A value has at most 2048 characters.")
        clean.update(attribute=name, value=value)
    return clean


def bulk_start(
    *,
    operator,
    pool_id: str,
    action: str,
    selection: dict,
    params: dict | None = None,
    reason: str = "",
    typed_count: str = "",
    enqueue: bool = True,
) -> Job:
    """A bulk Job: items now for a known list of users, or at run time for a search or a group."""
    check_perm(operator, "run_bulk")
    spec = ACTIONS.get(action)
    if spec is None:
        raise BulkRefused("Choose an action.")
    try:
        # The same policy as the single-user action: permission, pool scope, reason.
        reason = action_allowed(
            operator=operator, permission=spec.permission, pool_id=pool_id, reason=reason, asks_reason=spec.asks_reason
        )
    except ReasonMissing as exc:
        raise BulkRefused(str(exc)) from exc
    params = _check_params(pool_id, spec, params or {})
    kind = selection.get("type")
    names: list[str] = []
    if kind in ("usernames", "list"):
        seen = set()
        for raw in selection.get("usernames") or []:
            name = raw.strip()
            if name and name not in seen and len(name) <= 255:
                seen.add(name)
                names.append(name)
        if not names:
            raise BulkRefused("No users chosen.")
        if len(names) > MAX_LISTED:
            raise BulkRefused(f"At most {MAX_LISTED:,} users per list; choose them by search instead.")
    elif kind in ("search", "group"):
        selectors.query_check(query_of(selection))
        if kind == "group" and not selection.get("group"):
            raise BulkRefused("Choose a group.")
    else:
        raise BulkRefused("Choose the users.")
    if action == "delete":
        expected = str(len(names)) if names else "all"
        if typed_count.strip().lower().replace(",", "") != expected:
            raise BulkRefused(
                f"To delete, type the number of users ({len(names)})." if names else 'To delete, type "all".'
            )
    summary = f"{spec.label}: {len(names):,} user{'s' if len(names) != 1 else ''}" if names else spec.label
    with transaction.atomic():
        job = job_create(
            operator,
            Job.KIND_BULK,
            pool_id=pool_id,
            title=f"{summary}: {describe_selection(selection)}" if not names else summary,
            options={
                "action": action,
                "params": params,
                "reason": reason,
                "selection": {k: v for k, v in selection.items() if k != "usernames"},
                "enumerated": bool(names),
                "reverses": selection.get("reverses"),
                "header": ["username"],
            },
        )
        lookup = kind == "list"
        create_items(job, (({"lookup": True} if lookup else {}, n) for n in names))
        job.total = len(names)
        job.save(update_fields=["total"])
        started = {"action": action, **params, "users": len(names) or describe_selection(selection)}
        job_started(job, operator=operator, reason=reason, params=started, enqueue=enqueue)
    return job


def create_items(job: Job, entries, start: int = 1) -> int:
    batch, seq = [], start - 1
    for payload, key in entries:
        seq += 1
        batch.append(JobItem(job=job, seq=seq, key=key[:255], payload=payload))
        if len(batch) >= ITEM_BATCH:
            JobItem.objects.bulk_create(batch)
            batch.clear()
    if batch:
        JobItem.objects.bulk_create(batch)
    return seq - start + 1


def reversible(job: Job) -> bool:
    return (
        job.kind == Job.KIND_BULK
        and job.status in Job.ENDED
        and bool(ACTIONS.get((job.options or {}).get("action", ""), None) and ACTIONS[job.options["action"]].inverse)
        and JobItem.objects.filter(job=job, status=JobItem.DONE).exists()
    )


def bulk_reverse(*, operator, job: Job, reason: str = "", enqueue: bool = True) -> Job:
    """The inverse action on exactly the users the job changed (skipped and failed users are left alone)."""
    if not reversible(job):
        raise BulkRefused(
            "Only a finished job of a reversible action (disable, enable, group add/remove) that "
            "changed some users can be reversed."
        )
    spec = ACTIONS[job.options["action"]]
    usernames = [
        (item.payload or {}).get("username") or item.key
        for item in JobItem.objects.filter(job=job, status=JobItem.DONE).order_by("seq").iterator(chunk_size=2000)
    ]
    return bulk_start(
        operator=operator,
        pool_id=job.pool_id,
        action=spec.inverse,
        selection={"type": "usernames", "usernames": usernames, "reverses": job.pk},
        params=job.options.get("params") or {},
        reason=reason or f"Reverses job #{job.pk}",
        enqueue=enqueue,
    )


def estimate_text(seconds: float) -> str:
    """'about 1 second', 'about 3 minutes', 'about 1.5 hours'."""
    if seconds < 60:
        count, unit = max(1, math.ceil(seconds)), "second"
    elif seconds < 3600:
        count, unit = math.ceil(seconds / 60), "minute"
    else:
        return f"about {seconds / 3600:.1f} hours"
    return f"about {count} {unit}{'' if count == 1 else 's'}"
