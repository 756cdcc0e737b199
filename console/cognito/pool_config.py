"""A pool's sign-in configuration that UpdateUserPool does not own, and its tags.

SetUserPoolMfaConfig resets every factor block the request leaves out (an email MFA
configuration, passkeys), so it is only ever sent a whole request: the one
GetUserPoolMfaConfig returned, with the caller's changes laid over it (mfa_config_request).
Every call that changes the pool forgets its cached description (pool_changed), which
carries the MFA mode and the tags."""

from console.cognito.client import cognito
from console.cognito.errors import translated
from console.cognito.pools import pool_changed, region_of

# GetUserPoolMfaConfig's blocks that SetUserPoolMfaConfig takes back unchanged.
MFA_BLOCKS = (
    "SmsMfaConfiguration",
    "SoftwareTokenMfaConfiguration",
    "EmailMfaConfiguration",
    "WebAuthnConfiguration",
)


def mfa_config_get(pool_id: str) -> dict:
    """The pool's whole MFA configuration: the mode and every factor block Cognito returned."""
    with translated("GetUserPoolMfaConfig"):
        raw = cognito(region_of(pool_id)).get_user_pool_mfa_config(UserPoolId=pool_id)
    config = {key: raw[key] for key in MFA_BLOCKS if raw.get(key)}
    config["MfaConfiguration"] = raw.get("MfaConfiguration") or "OFF"
    return config


def mfa_config_set(pool_id: str, config: dict) -> None:
    """SetUserPoolMfaConfig with a whole configuration (as mfa_config_get returns it)."""
    params = {key: config[key] for key in MFA_BLOCKS if config.get(key)}
    with pool_changed(pool_id), translated("SetUserPoolMfaConfig"):
        cognito(region_of(pool_id)).set_user_pool_mfa_config(
            UserPoolId=pool_id, MfaConfiguration=config.get("MfaConfiguration") or "OFF", **params
        )


def tags_put(pool_id: str, arn: str, tags: dict[str, str]) -> None:
    """Add tags or change their values (TagResource overwrites a key it is given)."""
    with pool_changed(pool_id), translated("TagResource"):
        cognito(region_of(pool_id)).tag_resource(ResourceArn=arn, Tags=tags)


def tags_remove(pool_id: str, arn: str, keys: list[str]) -> None:
    with pool_changed(pool_id), translated("UntagResource"):
        cognito(region_of(pool_id)).untag_resource(ResourceArn=arn, TagKeys=keys)


def mfa_factors_set(pool_id: str, *, mode: str, totp: bool, sms_configuration: dict | None = None) -> None:
    """The pool settings page's MFA change (mode, TOTP, SMS on exactly when an SMS configuration
    is given), with every other block (email codes, passkeys, the SMS message) sent back as it was."""
    config = mfa_config_get(pool_id)
    config["MfaConfiguration"] = mode
    config["SoftwareTokenMfaConfiguration"] = {"Enabled": totp}
    if sms_configuration:
        config["SmsMfaConfiguration"] = {**config.get("SmsMfaConfiguration", {}), "SmsConfiguration": sms_configuration}
    else:
        config.pop("SmsMfaConfiguration", None)
    mfa_config_set(pool_id, config)
