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
    events = AuditEvent.objects.all()
    if operator:
        events = events.filter(operator_name__iexact=operator)
    if action:
        events = events.filter(action__startswith=action)
    if pool_id:
        events = events.filter(pool_id=pool_id)
    if target:
        events = events.filter(target__iexact=target)
    if outcome:
        events = events.filter(outcome=outcome)
    if since:
        events = events.filter(created_at__date__gte=since)
    if until:
        events = events.filter(created_at__date__lte=until)
    if allowed_pools:
        # An operator limited to some pools sees only their events (and none of other pools').
        events = events.filter(pool_id__in=allowed_pools)
    return events


def audit_actions(*, allowed_pools: list[str] | None = None) -> list[str]:
    """The actions the log holds (what an auditor can filter by)."""
    events = AuditEvent.objects.all()
    if allowed_pools:
        events = events.filter(pool_id__in=allowed_pools)
    return list(events.order_by().values_list("action", flat=True).distinct())


def audit_for_user(pool_id: str, username: str, limit: int = 50) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(pool_id=pool_id, target=username)[:limit])


def audit_last_pool(operator) -> str:
    """The pool this operator last did something in (signed in earlier or elsewhere): where
    their work most likely continues. Empty when they have not touched a pool yet."""
    event = AuditEvent.objects.filter(operator=operator).exclude(pool_id="").only("pool_id").first()
    return event.pool_id if event else ""
