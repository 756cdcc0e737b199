"""Users of a pool: listing and reading."""

from console.cognito.client import cognito
from console.cognito.errors import translated
from console.cognito.pagination import page
from console.cognito.pools import region_of
from console.cognito.types import CognitoUser, user_from_cognito


def users_page(
    pool_id: str, *, filter_expression: str = "", limit: int = 60, token: str | None = None
) -> tuple[list[CognitoUser], str | None]:
    """One page of ListUsers: exactly one Cognito call."""
    params = {"UserPoolId": pool_id, "Limit": limit}
    if filter_expression:
        params["Filter"] = filter_expression
    raw, next_token = page(
        "list_users", "Users", "PaginationToken", "PaginationToken", token=token, region=region_of(pool_id), **params
    )
    return [user_from_cognito(u) for u in raw], next_token


def user_get(pool_id: str, username: str) -> CognitoUser:
    with translated("AdminGetUser"):
        raw = cognito(region_of(pool_id)).admin_get_user(UserPoolId=pool_id, Username=username)
    return user_from_cognito(raw)
