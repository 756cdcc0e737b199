"""Pool configuration moto lacks, added to the emulator process (console.emulator.moto_main
applies it through cognito_fixes.apply) so the console's sign-in and tags pages round-trip:

- SetUserPoolMfaConfig / GetUserPoolMfaConfig keep the email (EmailMfaConfiguration) and
  passkey (WebAuthnConfiguration) blocks, and accept email codes as the only factor; moto
  dropped both blocks.
- ListTagsForResource, TagResource and UntagResource on a pool's ARN, kept in the pool's
  UserPoolTags (which DescribeUserPool returns, as Cognito does); moto had none of them.
"""

from moto.cognitoidp import responses
from moto.cognitoidp.exceptions import InvalidParameterException, ResourceNotFoundError
from moto.core.responses import ActionResult, EmptyResult

FACTORS = ("SmsMfaConfiguration", "SoftwareTokenMfaConfiguration", "EmailMfaConfiguration", "WebAuthnConfiguration")


def _mfa_config(pool) -> dict:
    config = {
        "SmsMfaConfiguration": pool.sms_mfa_config,
        "SoftwareTokenMfaConfiguration": pool.token_mfa_config,
        **getattr(pool, "console_mfa_blocks", {}),
        "MfaConfiguration": pool.mfa_config,
    }
    return {k: v for k, v in config.items() if v is not None}


def set_user_pool_mfa_config(self):
    pool = self.backend.describe_user_pool(self._get_param("UserPoolId"))
    mode = self._get_param("MfaConfiguration")
    blocks = {key: self._get_param(key, None) for key in FACTORS}
    if mode not in ("ON", "OFF", "OPTIONAL"):
        raise InvalidParameterException("[MfaConfiguration] must be one of 'ON', 'OFF', or 'OPTIONAL'.")
    if mode != "OFF" and not any(blocks.values()):
        raise InvalidParameterException("At least one MFA factor configuration must be provided.")
    if blocks["SmsMfaConfiguration"] is not None and "SmsConfiguration" not in blocks["SmsMfaConfiguration"]:
        raise InvalidParameterException("[SmsConfiguration] is a required member of [SmsMfaConfiguration].")
    pool.mfa_config = mode
    pool.sms_mfa_config = blocks["SmsMfaConfiguration"]
    pool.token_mfa_config = blocks["SoftwareTokenMfaConfiguration"]
    pool.console_mfa_blocks = {k: blocks[k] for k in ("EmailMfaConfiguration", "WebAuthnConfiguration")}
    return ActionResult(_mfa_config(pool))


def get_user_pool_mfa_config(self):
    return ActionResult(_mfa_config(self.backend.describe_user_pool(self._get_param("UserPoolId"))))


def _pool_tags(backend, arn: str) -> dict:
    for pool in backend.user_pools.values():
        if pool.arn == arn:
            return pool.extended_config.setdefault("UserPoolTags", {})
    raise ResourceNotFoundError(f"Resource {arn} does not exist.")


def list_tags_for_resource(self):
    return ActionResult({"Tags": dict(_pool_tags(self.backend, self._get_param("ResourceArn")))})


def tag_resource(self):
    _pool_tags(self.backend, self._get_param("ResourceArn")).update(self._get_param("Tags") or {})
    return EmptyResult()


def untag_resource(self):
    tags = _pool_tags(self.backend, self._get_param("ResourceArn"))
    for key in self._get_param("TagKeys") or []:
        tags.pop(key, None)
    return EmptyResult()


def apply() -> None:
    for handler in (
        set_user_pool_mfa_config,
        get_user_pool_mfa_config,
        list_tags_for_resource,
        tag_resource,
        untag_resource,
    ):
        setattr(responses.CognitoIdpResponse, handler.__name__, handler)
