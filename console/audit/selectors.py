"""Reading the audit log."""

from django.db.models import QuerySet

from console.audit.models import AuditEvent


def audit_events(
    *,
    operator: str = "",
    action: str = "",
    pool_id: str = "",
    target: str = "",
    outcome: str = "",
    since=None,
    until=None,
    allowed_pools: list[str] | None = None,
) -> QuerySet[AuditEvent]:
    # Each filter applies only when the auditor set it; an empty value means "any".
    lookups = {
        "operator_name__iexact": operator,
        "action__startswith": action,
        "pool_id": pool_id,
        "target__iexact": target,
        "outcome": outcome,
        "created_at__date__gte": since,
        "created_at__date__lte": until,
    }
    events = AuditEvent.objects.filter(**{lookup: value for lookup, value in lookups.items() if value})
    return _within_pools(events, allowed_pools)


def _within_pools(events: QuerySet[AuditEvent], allowed_pools: list[str] | None) -> QuerySet[AuditEvent]:
    """An operator limited to some pools sees only their events (and none of other pools')."""
    if allowed_pools:
        return events.filter(pool_id__in=allowed_pools)
    return events


def audit_actions(*, allowed_pools: list[str] | None = None) -> list[str]:
    """The actions the log holds (what an auditor can filter by)."""
    events = _within_pools(AuditEvent.objects.all(), allowed_pools)
    return list(events.order_by().values_list("action", flat=True).distinct())


def audit_for_user(pool_id: str, username: str, limit: int = 50) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(pool_id=pool_id, target=username)[:limit])


def audit_last_pool(operator) -> str:
    """The pool this operator last did something in (signed in earlier or elsewhere): where
    their work most likely continues. Empty when they have not touched a pool yet."""
    event = AuditEvent.objects.filter(operator=operator).exclude(pool_id="").only("pool_id").first()
    return event.pool_id if event else ""
