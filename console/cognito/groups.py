"""Groups of a pool."""

from console.cognito.pagination import iterate
from console.cognito.pools import region_of
from console.cognito.types import Group, group_from_cognito


def groups_list(pool_id: str) -> list[Group]:
    raw = iterate("list_groups", "Groups", region=region_of(pool_id), UserPoolId=pool_id)
    return sorted((group_from_cognito(g) for g in raw), key=lambda g: g.name.lower())
