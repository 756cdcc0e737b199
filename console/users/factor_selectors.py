"""What the user page shows about a user's sign-in factors, MFA preferences and remembered
devices (issue 13, items 1-2), and what the pool will ask them at their next sign-in."""

from dataclasses import dataclass, field

from console.cognito import factors as cognito_factors
from console.cognito import sessions as cognito_sessions
from console.cognito import users as cognito_users
from console.cognito.errors import CognitoError
from console.users.selectors import BackendData, backend_optional, pool_settings

# How Cognito names each MFA method in UserMFASettingList / PreferredMfaSetting, in words.
MFA_LABELS = {
    "SMS_MFA": "a code by SMS",
    "SOFTWARE_TOKEN_MFA": "a code from their authenticator app",
    "EMAIL_OTP": "a code by email",
    "WEB_AUTHN": "their passkey",
}


@dataclass
class SignInSecurity:
    factors: cognito_factors.AuthFactors | None = None
    factors_error: str = ""
    devices: BackendData = field(default_factory=BackendData)
    sessions: BackendData = field(default_factory=BackendData)
    pool_mfa: str = "OFF"  # ON (required), OPTIONAL, OFF
    next_sign_in: str = ""  # what the user will be asked, in words, where MFA is required

    @property
    def has_authenticator(self) -> bool:
        return has_authenticator(self.factors)


def has_authenticator(factors: cognito_factors.AuthFactors | None) -> bool:
    return bool(factors) and ("SOFTWARE_TOKEN" in factors.configured or "SOFTWARE_TOKEN_MFA" in factors.mfa_enabled)


def no_authenticator(pool_id: str, username: str) -> str:
    """Why a bulk "remove authenticator app" leaves this user alone ("" when they have one)."""
    if has_authenticator(cognito_factors.auth_factors_get(pool_id, username)):
        return ""
    return "No authenticator app registered."


def next_sign_in_text(pool_mfa: str, factors: cognito_factors.AuthFactors | None) -> str:
    """The sentence a helpdesk agent reads to the caller of a pool where MFA is required."""
    if pool_mfa != "ON" or factors is None:
        return ""
    enabled = [m for m in factors.mfa_enabled if m in MFA_LABELS]
    asked = "MFA is required in this pool: at the next sign-in the user is asked for"
    if factors.preferred in MFA_LABELS:
        return f"{asked} {MFA_LABELS[factors.preferred]}."
    if enabled:
        return f"{asked} " + " or ".join(MFA_LABELS[m] for m in enabled) + "."
    return (
        "MFA is required in this pool and this user has no MFA method on: at the next sign-in Cognito sends a code "
        "to a verified phone number or email address where the pool allows that method, otherwise it asks them to "
        "set up an authenticator app before they can continue."
    )


def user_sign_in_security(pool_id: str, username: str) -> SignInSecurity:
    """Factors (AdminGetUserAuthFactors, or AdminGetUser where the backend lacks it), devices
    (AdminListDevices), sessions (AdminListUserSessions) and the pool's MFA mode from the shared
    cache of pool descriptions."""
    result = SignInSecurity(pool_mfa=pool_settings(pool_id).get("MfaConfiguration") or "OFF")
    try:
        result.factors = cognito_factors.auth_factors_get(pool_id, username)
    except CognitoError as exc:
        result.factors_error = exc.message
    result.devices = backend_optional(lambda: cognito_users.devices_list(pool_id, username), ask_emulator=True)
    result.sessions = backend_optional(lambda: cognito_sessions.sessions_list(pool_id, username), ask_emulator=True)
    result.next_sign_in = next_sign_in_text(result.pool_mfa, result.factors)
    return result
