"""Group membership: the one place it changes, whoever asks (user page, group page, jobs)."""

from functools import partial

from console.audit.services import audited
from console.cognito import groups as cognito_groups
from console.groups.selectors import group_member_count_forget


def membership_add(*, pool_id: str, group: str, username: str, reason: str = "", job_id: int | None = None) -> None:
    _membership_change("group.add_member", cognito_groups.group_add_user, pool_id, group, username, reason, job_id)


def membership_remove(*, pool_id: str, group: str, username: str, reason: str = "", job_id: int | None = None) -> None:
    _membership_change(
        "group.remove_member", cognito_groups.group_remove_user, pool_id, group, username, reason, job_id
    )


def _membership_change(action, change, pool_id, group, username, reason, job_id) -> None:
    """Adding and removing alike: audited against the user, and the group's cached member count forgotten."""
    change = partial(change, pool_id, group, username)
    audited(action, change, pool_id=pool_id, target=username, reason=reason, params={"group": group}, job_id=job_id)
    group_member_count_forget(pool_id, group)


# --- Groups themselves (admin only: the views require manage_pools) -----------------


def group_create(
    *,
    pool_id: str,
    group: str,
    description: str = "",
    precedence: int | None = None,
    role_arn: str = "",
    reason: str = "",
) -> None:
    fields = {"description": description, "precedence": precedence, "role_arn": role_arn}
    change = partial(cognito_groups.group_create, pool_id, group, **fields)
    audited("group.create", change, pool_id=pool_id, target=group, reason=reason, params=fields)


def group_update(
    *, pool_id: str, group: str, description: str, precedence: int | None, role_arn: str, reason: str = ""
) -> list[dict]:
    """Update a group, sending every field; audited with before/after of what changed."""
    current = cognito_groups.group_get(pool_id, group)
    before = {"description": current.description, "precedence": current.precedence, "role_arn": current.role_arn}
    after = {"description": description, "precedence": precedence, "role_arn": role_arn}
    diff = [{"field": k, "before": before[k], "after": after[k]} for k in before if before[k] != after[k]]
    if not diff:
        return []
    change = partial(cognito_groups.group_update, pool_id, group, **after)
    audited("group.update", change, pool_id=pool_id, target=group, reason=reason, params={"changes": diff})
    return diff


def group_delete(*, pool_id: str, group: str, reason: str = "") -> None:
    change = partial(cognito_groups.group_delete, pool_id, group)
    audited("group.delete", change, pool_id=pool_id, target=group, reason=reason, params={})
