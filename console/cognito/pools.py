"""User pools: listing, describing, creating, updating and deleting.

The one cache of pool descriptions (and of the pools list) lives here, in the shared cache:
every change the console makes to a pool goes through a function of the gateway that forgets
it (pool_changed), so no caller can change a pool and leave a stale description behind."""

import contextlib
import copy

from django.conf import settings
from django.core.cache import cache

from console.cognito.client import cognito
from console.cognito.errors import CognitoError, translated
from console.cognito.pagination import iterate
from console.cognito.types import IdentityProviderSummary, PoolSummary, identity_provider_from_cognito

# Describe returns these inside AdminCreateUserConfig, but Cognito rejects
# UnusedAccountValidityDays once the password policy sets
# TemporaryPasswordValidityDays (which every pool created since 2018 does).
_DEPRECATED_WITH_TEMP_PASSWORD_DAYS = "UnusedAccountValidityDays"


POOLS_CACHE_KEY = "console:pools:{}"
POOLS_CACHE_SECONDS = 30
DESCRIBE_CACHE_KEY = "console:pool-describe:{}"


def _pools_key(regions: list[str]) -> str:
    return POOLS_CACHE_KEY.format(",".join(regions))


def pools_list(*, regions: list[str] | None = None, fresh: bool = False) -> list[PoolSummary]:
    """Every pool in the regions (the configured ones by default), sorted by name; cached
    briefly because the layout's pool switcher needs the list on every page."""
    key = _pools_key(regions or settings.CONSOLE_REGIONS)
    pools = None if fresh else cache.get(key)
    if pools is None:
        pools = _pools_list(regions or settings.CONSOLE_REGIONS)
        cache.set(key, pools, POOLS_CACHE_SECONDS)
    return pools


def _pools_list(regions: list[str]) -> list[PoolSummary]:
    pools = []
    for region in regions:
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


def pool_describe(pool_id: str, *, fresh: bool = False, via=None) -> dict:
    """DescribeUserPool's UserPool, as Cognito returns it (plain dicts and lists), from the
    shared cache unless `fresh` (an update must start from what Cognito has now).

    DescribeUserPool has one of Cognito's smallest quotas and the description drives every
    user page, the pools list and every job. `via` is a function returning the client to call
    on a miss (jobs pass one that goes through the rate limiter)."""
    key = DESCRIBE_CACHE_KEY.format(pool_id)
    described = None if fresh else cache.get(key)
    if described is None:
        described = pool_describe_uncached(pool_id, client=via() if via else None)
        cache.set(key, described, settings.CONSOLE_POOL_DESCRIBE_CACHE_SECONDS)
    return described


def pool_describe_uncached(pool_id: str, *, client=None) -> dict:
    with translated("DescribeUserPool"):
        client = client or cognito(region_of(pool_id))
        return client.describe_user_pool(UserPoolId=pool_id)["UserPool"]


def pool_forget(pool_id: str | None = None) -> None:
    """Forget the cached pools list and, with an id, that pool's description."""
    cache.delete(_pools_key(settings.CONSOLE_REGIONS))
    if pool_id:
        cache.delete(DESCRIBE_CACHE_KEY.format(pool_id))


@contextlib.contextmanager
def pool_changed(pool_id: str | None):
    """Around every call that changes a pool: forget its cached description afterwards,
    whether or not the call succeeded (a failed call may have changed part of it)."""
    try:
        yield
    finally:
        pool_forget(pool_id)


def region_of(pool_id: str) -> str:
    """A pool id is '<region>_<suffix>', so its region needs no lookup."""
    region, sep, _ = pool_id.partition("_")
    if not sep or not region:
        raise CognitoError(f"{pool_id!r} is not a user pool id.", code="InvalidParameterException")
    return region


def shape_filtered(value, shape):
    """Keep only what the API model's input shape accepts, recursively.

    DescribeX returns read-only fields (ids, dates, status) that UpdateX refuses,
    so an update request built from a describe must drop them."""
    if shape.type_name == "structure":
        if not isinstance(value, dict):
            return value
        return {k: shape_filtered(v, shape.members[k]) for k, v in value.items() if k in shape.members}
    if shape.type_name == "list" and isinstance(value, list):
        return [shape_filtered(v, shape.member) for v in value]
    if shape.type_name == "map" and isinstance(value, dict):
        return {k: shape_filtered(v, shape.value) for k, v in value.items()}
    return value


def update_request_base(operation: str, described: dict, *, region: str | None = None) -> dict:
    """The keys of `described` that the operation accepts: the whole current
    configuration, so an update changes only what the caller then overrides."""
    shape = cognito(region).meta.service_model.operation_model(operation).input_shape
    return shape_filtered(copy.deepcopy(described), shape)


def pool_update_request(described: dict) -> dict:
    """UpdateUserPool's request for a pool as described, changing nothing."""
    request = update_request_base("UpdateUserPool", described, region=region_of(described["Id"]))
    request["UserPoolId"] = described["Id"]
    request.setdefault("PoolName", described.get("Name"))
    temp_days = (request.get("Policies") or {}).get("PasswordPolicy", {}).get("TemporaryPasswordValidityDays")
    if temp_days is not None and "AdminCreateUserConfig" in request:
        request["AdminCreateUserConfig"].pop(_DEPRECATED_WITH_TEMP_PASSWORD_DAYS, None)
    return request


def pool_create(region: str, request: dict) -> dict:
    with pool_changed(None), translated("CreateUserPool"):
        return cognito(region).create_user_pool(**request)["UserPool"]


def pool_update(request: dict) -> None:
    with pool_changed(request["UserPoolId"]), translated("UpdateUserPool"):
        cognito(region_of(request["UserPoolId"])).update_user_pool(**request)


def pool_delete(pool_id: str) -> None:
    with pool_changed(pool_id), translated("DeleteUserPool"):
        cognito(region_of(pool_id)).delete_user_pool(UserPoolId=pool_id)


def pool_mfa_get(pool_id: str) -> dict:
    """GetUserPoolMfaConfig without the response metadata."""
    with translated("GetUserPoolMfaConfig"):
        raw = cognito(region_of(pool_id)).get_user_pool_mfa_config(UserPoolId=pool_id)
    raw.pop("ResponseMetadata", None)
    return raw


def pool_mfa_set(pool_id: str, *, mode: str, totp: bool, sms_configuration: dict | None = None) -> None:
    """Set the MFA mode and factors; SMS is on exactly when an SMS configuration
    (the SNS role Cognito sends through) is given."""
    params = {
        "UserPoolId": pool_id,
        "MfaConfiguration": mode,
        "SoftwareTokenMfaConfiguration": {"Enabled": totp},
    }
    if sms_configuration:
        params["SmsMfaConfiguration"] = {"SmsConfiguration": sms_configuration}
    with pool_changed(pool_id), translated("SetUserPoolMfaConfig"):
        cognito(region_of(pool_id)).set_user_pool_mfa_config(**params)


def pool_add_custom_attributes(pool_id: str, attributes: list[dict]) -> None:
    with pool_changed(pool_id), translated("AddCustomAttributes"):
        cognito(region_of(pool_id)).add_custom_attributes(UserPoolId=pool_id, CustomAttributes=attributes)


def pool_tags(pool_id: str, arn: str) -> dict[str, str]:
    with translated("ListTagsForResource"):
        return cognito(region_of(pool_id)).list_tags_for_resource(ResourceArn=arn).get("Tags", {})


def identity_providers_list(pool_id: str) -> list[IdentityProviderSummary]:
    """The summary ListIdentityProviders gives (name and type)."""
    raw = iterate("list_identity_providers", "Providers", region=region_of(pool_id), UserPoolId=pool_id)
    return [identity_provider_from_cognito(p) for p in raw]
