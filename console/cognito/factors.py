"""A user's sign-in factors and MFA preferences, and their remembered devices (issue 13, items 1-2).

Each function is one Cognito call unless it says otherwise; failures leave as CognitoError.
"""

from dataclasses import dataclass, field

from console.cognito.client import cognito
from console.cognito.errors import CognitoError, translated
from console.cognito.pools import region_of
from console.cognito.users import UNAVAILABLE_CODES, Device, device_from_cognito, user_get

# The MFA methods AdminSetUserMFAPreference knows, by the name of its settings parameter.
MFA_SETTINGS = {
    "sms": "SMSMfaSettings",
    "totp": "SoftwareTokenMfaSettings",
    "email": "EmailMfaSettings",
    "webauthn": "WebAuthnMfaSettings",
}
# WebAuthn (passkeys as a second factor) has no "preferred" flag in Cognito's API.
NO_PREFERRED = {"webauthn"}
DEVICE_STATUSES = ("remembered", "not_remembered")


@dataclass
class AuthFactors:
    # What the user has set up: PASSWORD, EMAIL_OTP, SMS_OTP, WEB_AUTHN, SOFTWARE_TOKEN (empty when unknown).
    configured: list[str] = field(default_factory=list)
    mfa_enabled: list[str] = field(default_factory=list)  # SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP, ...
    preferred: str = ""
    # False when the backend has no AdminGetUserAuthFactors: preferences come from AdminGetUser alone.
    from_factors: bool = True


def _call(pool_id: str, operation: str, method: str, **params):
    with translated(operation):
        return getattr(cognito(region_of(pool_id)), method)(UserPoolId=pool_id, **params)


def auth_factors_get(pool_id: str, username: str) -> AuthFactors:
    """AdminGetUserAuthFactors; where the backend lacks it, AdminGetUser's MFA settings (two calls)."""
    try:
        raw = _call(pool_id, "AdminGetUserAuthFactors", "admin_get_user_auth_factors", Username=username)
    except CognitoError as exc:
        if exc.code not in UNAVAILABLE_CODES:
            raise
        user = user_get(pool_id, username)
        return AuthFactors(mfa_enabled=list(user.mfa_methods), preferred=user.preferred_mfa or "", from_factors=False)
    return AuthFactors(
        configured=list(raw.get("ConfiguredUserAuthFactors") or []),
        mfa_enabled=list(raw.get("UserMFASettingList") or []),
        preferred=raw.get("PreferredMfaSetting") or "",
    )


def software_token_delete(pool_id: str, username: str) -> None:
    """Remove the user's authenticator app (TOTP): they must register one again to use it."""
    _call(pool_id, "AdminDeleteSoftwareToken", "admin_delete_software_token", Username=username)


def mfa_preference_set(pool_id: str, username: str, settings: dict[str, tuple[bool, bool]]) -> None:
    """settings: method ("sms", "totp", "email", "webauthn") -> (enabled, preferred). Methods left out
    keep their setting."""
    params = {}
    for method, (enabled, preferred) in settings.items():
        value = {"Enabled": enabled}
        if method not in NO_PREFERRED:
            value["PreferredMfa"] = preferred and enabled
        params[MFA_SETTINGS[method]] = value
    _call(pool_id, "AdminSetUserMFAPreference", "admin_set_user_mfa_preference", Username=username, **params)


def mfa_preferences_clear(pool_id: str, username: str) -> None:
    """Every MFA method off and none preferred, in one call."""
    mfa_preference_set(pool_id, username, {method: (False, False) for method in MFA_SETTINGS})


def device_get(pool_id: str, username: str, device_key: str) -> Device:
    raw = _call(pool_id, "AdminGetDevice", "admin_get_device", Username=username, DeviceKey=device_key)["Device"]
    return device_from_cognito(raw)


def device_forget(pool_id: str, username: str, device_key: str) -> None:
    _call(pool_id, "AdminForgetDevice", "admin_forget_device", Username=username, DeviceKey=device_key)


def device_status_update(pool_id: str, username: str, device_key: str, status: str) -> None:
    if status not in DEVICE_STATUSES:
        raise ValueError(status)
    _call(
        pool_id,
        "AdminUpdateDeviceStatus",
        "admin_update_device_status",
        Username=username,
        DeviceKey=device_key,
        DeviceRememberedStatus=status,
    )
