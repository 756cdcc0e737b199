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


def audit_for_user(pool_id: str, username: str, limit: int = 50) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(pool_id=pool_id, target=username)[:limit])
