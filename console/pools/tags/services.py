"""Changing a pool's tags: what to add or change goes through TagResource, what to remove
through UntagResource, both audited as one event with before and after."""

from console.cognito import pool_config
from console.cognito import pools as cognito_pools
from console.pools.changes import audited, change_allowed


def tags_current(pool_id: str) -> tuple[str, dict[str, str]]:
    """(the pool's ARN, its tags as Cognito has them now). DescribeUserPool carries the tags
    (UserPoolTags), so one fresh describe answers both."""
    described = cognito_pools.pool_describe(pool_id, fresh=True)
    return described.get("Arn", ""), dict(described.get("UserPoolTags") or {})


def tags_save(*, operator, pool_id: str, wanted: dict[str, str], reason: str = "") -> list[dict]:
    """Make the pool's tags exactly `wanted`; returns what changed, as audited."""
    reason = change_allowed("pool.tags", operator=operator, pool_id=pool_id, reason=reason)
    arn, current = tags_current(pool_id)
    put = {k: v for k, v in wanted.items() if current.get(k) != v}
    removed = sorted(set(current) - set(wanted))
    diff = [{"field": k, "before": current.get(k), "after": v} for k, v in sorted(put.items())]
    diff += [{"field": k, "before": current[k], "after": None} for k in removed]
    if not diff:
        return []

    def call():
        if put:
            pool_config.tags_put(pool_id, arn, put)
        if removed:
            pool_config.tags_remove(pool_id, arn, removed)

    audited("pool.tags", call, pool_id=pool_id, target=pool_id, reason=reason, params={"changes": diff})
    return diff
