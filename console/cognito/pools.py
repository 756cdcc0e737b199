"""User pools: listing and describing."""

from django.conf import settings

from console.cognito.client import cognito
from console.cognito.errors import CognitoError, translated
from console.cognito.pagination import iterate
from console.cognito.types import PoolSummary


def pools_list(*, regions: list[str] | None = None) -> list[PoolSummary]:
    """Every pool in the configured regions, sorted by name."""
    pools = []
    for region in regions or settings.CONSOLE_REGIONS:
        for raw in iterate("list_user_pools", "UserPools", region=region, MaxResults=60):
            pools.append(
                PoolSummary(
                    id=raw["Id"],
                    name=raw["Name"],
                    region=region,
                    created=raw.get("CreationDate"),
                    modified=raw.get("LastModifiedDate"),
                )
            )
    return sorted(pools, key=lambda p: (p.name.lower(), p.id))


def pool_describe(pool_id: str) -> dict:
    """DescribeUserPool's UserPool, as Cognito returns it."""
    with translated("DescribeUserPool"):
        return cognito(region_of(pool_id)).describe_user_pool(UserPoolId=pool_id)["UserPool"]


def region_of(pool_id: str) -> str:
    """A pool id is '<region>_<suffix>', so its region needs no lookup."""
    region, sep, _ = pool_id.partition("_")
    if not sep or not region:
        raise CognitoError(f"{pool_id!r} is not a user pool id.", code="InvalidParameterException")
    return region
