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


def group_get(pool_id: str, group: str) -> Group:
    with translated("GetGroup"):
        raw = cognito(region_of(pool_id)).get_group(UserPoolId=pool_id, GroupName=group)
    return group_from_cognito(raw["Group"])


def _group_params(description: str, precedence: int | None, role_arn: str) -> dict:
    params = {"Description": description}
    if precedence is not None:
        params["Precedence"] = precedence
    if role_arn:
        params["RoleArn"] = role_arn
    return params


def group_create(
    pool_id: str, group: str, *, description: str = "", precedence: int | None = None, role_arn: str = ""
) -> None:
    with translated("CreateGroup"):
        cognito(region_of(pool_id)).create_group(
            UserPoolId=pool_id, GroupName=group, **_group_params(description, precedence, role_arn)
        )


def group_update(pool_id: str, group: str, *, description: str, precedence: int | None, role_arn: str) -> None:
    """UpdateGroup with every field, so nothing the caller did not mean to change is lost."""
    with translated("UpdateGroup"):
        cognito(region_of(pool_id)).update_group(
            UserPoolId=pool_id, GroupName=group, **_group_params(description, precedence, role_arn)
        )


def group_delete(pool_id: str, group: str) -> None:
    with translated("DeleteGroup"):
        cognito(region_of(pool_id)).delete_group(UserPoolId=pool_id, GroupName=group)


def group_member_count(pool_id: str, group: str) -> int:
    """Cognito has no count: walk ListUsersInGroup (60 per call)."""
    raw = iterate("list_users_in_group", "Users", region=region_of(pool_id), UserPoolId=pool_id, GroupName=group)
    return sum(1 for _ in raw)
