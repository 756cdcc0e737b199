"""Groups of a pool."""

from console.cognito.client import cognito
from console.cognito.errors import translated
from console.cognito.pagination import iterate, page
from console.cognito.pools import region_of
from console.cognito.types import Group, group_from_cognito, user_from_cognito


def groups_list(pool_id: str) -> list[Group]:
    raw = iterate("list_groups", "Groups", region=region_of(pool_id), UserPoolId=pool_id)
    return sorted((group_from_cognito(g) for g in raw), key=lambda g: g.name.lower())


def groups_of_user(pool_id: str, username: str) -> list[Group]:
    raw = iterate(
        "admin_list_groups_for_user", "Groups", region=region_of(pool_id), UserPoolId=pool_id, Username=username
    )
    return sorted((group_from_cognito(g) for g in raw), key=lambda g: g.name.lower())


def members_page(pool_id: str, group: str, *, limit: int = 60, token: str | None = None):
    """One page of ListUsersInGroup: (users, next token)."""
    raw, next_token = page(
        "list_users_in_group",
        "Users",
        "NextToken",
        "NextToken",
        token=token,
        region=region_of(pool_id),
        UserPoolId=pool_id,
        GroupName=group,
        Limit=limit,
    )
    return [user_from_cognito(u) for u in raw], next_token


def group_add_user(pool_id: str, group: str, username: str) -> None:
    with translated("AdminAddUserToGroup"):
        cognito(region_of(pool_id)).admin_add_user_to_group(UserPoolId=pool_id, GroupName=group, Username=username)


def group_remove_user(pool_id: str, group: str, username: str) -> None:
    with translated("AdminRemoveUserFromGroup"):
        cognito(region_of(pool_id)).admin_remove_user_from_group(UserPoolId=pool_id, GroupName=group, Username=username)
