"""Saving log delivery: SetLogDeliveryConfiguration replaces every log configuration, so the
request is the current list with only the changed sources rebuilt; audited with before and after."""

from console.cognito import pools as cognito_pools
from console.cognito import security
from console.pools.changes import ChangeRefused, audited, change_allowed, changes_between
from console.pools.log_delivery.forms import AUTH_EVENTS_FEATURE, destination_of
from console.pools.log_delivery.selectors import AUTH_EVENTS, DESTINATIONS, NOTIFICATIONS
from console.pools.tiers import PLUS, needs, pool_tier

# Each form field: the event source it sets and that source's log level.
SOURCES = {"notifications_arn": (NOTIFICATIONS, "ERROR"), "auth_events_arn": (AUTH_EVENTS, "INFO")}


def log_configuration(source: str, level: str, arn: str) -> dict:
    block = destination_of(arn)
    return {"EventSource": source, "LogLevel": level, block: {DESTINATIONS[block]: arn}}


def log_request(current: list[dict], d: dict, changed: set[str]) -> list[dict]:
    """The whole request: the current configurations, with each changed source rebuilt
    (or removed when its ARN was emptied)."""
    by_source = {c["EventSource"]: c for c in current}
    for name, (source, level) in SOURCES.items():
        if name not in changed:
            continue
        by_source.pop(source, None)
        if d[name]:
            by_source[source] = log_configuration(source, level, d[name])
    return [by_source[source] for source in sorted(by_source)]


def log_delivery_save(*, operator, pool_id: str, cleaned: dict, changed: set[str], reason: str = "") -> list[dict]:
    """Save the form's changes and nothing else; returns what changed, as audited."""
    reason = change_allowed("pool.log_delivery", operator=operator, pool_id=pool_id, reason=reason)
    changed = set(changed) & set(SOURCES)
    described = cognito_pools.pool_describe(pool_id, fresh=True)
    plan = needs(AUTH_EVENTS_FEATURE, PLUS, pool_tier(described))
    refused = "auth_events_arn" in changed and cleaned["auth_events_arn"] and plan
    before = security.log_delivery_get(pool_id)
    after = log_request(before, cleaned, changed)
    diff = changes_between({c["EventSource"]: c for c in before}, {c["EventSource"]: c for c in after})
    if not diff:
        return []

    def call():
        if refused:  # inside the audited call, so the refusal is recorded too
            raise ChangeRefused(plan, code="FeatureUnavailableInTier")
        security.log_delivery_set(pool_id, after)

    audited("pool.log_delivery", call, pool_id=pool_id, target=described.get("Name", ""), reason=reason,
            params={"changes": diff})
    return diff
