"""The Cognito prefix domain of a pool (<prefix>.auth.<region>.amazoncognito.com)."""

from console.cognito.client import cognito
from console.cognito.errors import translated
from console.cognito.pools import pool_changed, region_of


def domain_describe(pool_id: str, domain: str) -> dict:
    """DescribeUserPoolDomain's description ({} when there is no such domain)."""
    with translated("DescribeUserPoolDomain"):
        raw = cognito(region_of(pool_id)).describe_user_pool_domain(Domain=domain)
    return raw.get("DomainDescription") or {}


def domain_url(pool_id: str, domain: str) -> str:
    return f"https://{domain}.auth.{region_of(pool_id)}.amazoncognito.com"


def domain_create(pool_id: str, domain: str) -> None:
    # The pool's description names its domain.
    with pool_changed(pool_id), translated("CreateUserPoolDomain"):
        cognito(region_of(pool_id)).create_user_pool_domain(UserPoolId=pool_id, Domain=domain)


def domain_delete(pool_id: str, domain: str) -> None:
    with pool_changed(pool_id), translated("DeleteUserPoolDomain"):
        cognito(region_of(pool_id)).delete_user_pool_domain(UserPoolId=pool_id, Domain=domain)
