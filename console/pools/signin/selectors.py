"""A pool's sign-in experience as one typed value, read fresh from Cognito (an edit form
must show what Cognito has now, not the cached description)."""

from dataclasses import dataclass, field

from console.cognito import pool_config
from console.cognito import pools as cognito_pools
from console.pools.tiers import DEFAULT_TIER, pool_tier, threat_mode

# DeviceConfiguration as the three choices Cognito's own console offers.
DEVICES_OFF, DEVICES_ALWAYS, DEVICES_ON_PROMPT = "off", "always", "user_opt_in"


@dataclass(frozen=True)
class SignInSettings:
    mfa_mode: str = "OFF"
    totp: bool = False
    sms: bool = False
    email: bool = False
    passkeys: bool = False  # a WebAuthn configuration exists (kept as it is)
    recovery: list[str] = field(default_factory=list)  # mechanism names, first tried first
    auto_verified: list[str] = field(default_factory=list)
    keep_original: list[str] = field(default_factory=list)
    devices: str = DEVICES_OFF
    device_challenge_new: bool = False
    sms_available: bool = False  # the pool has an SMS role to send codes through
    email_via_ses: bool = False  # email MFA needs the pool to send through SES
    tier: str = DEFAULT_TIER
    threat_mode: str = "OFF"  # threat protection keeps the pool on the Plus plan
    first_factors: list[str] = field(default_factory=lambda: ["PASSWORD"])  # choice-based sign-in
    passkey_rp_id: str = ""  # empty: Cognito uses the pool's domain
    passkey_verification: str = "preferred"

    @property
    def recovery_order(self) -> str:
        return ",".join(self.recovery)


def _devices(config: dict | None) -> str:
    if not config:
        return DEVICES_OFF
    return DEVICES_ON_PROMPT if config.get("DeviceOnlyRememberedOnUserPrompt") else DEVICES_ALWAYS


def signin_from_cognito(described: dict, mfa: dict) -> SignInSettings:
    """Build the value from DescribeUserPool's UserPool and GetUserPoolMfaConfig's answer."""
    mechanisms = (described.get("AccountRecoverySetting") or {}).get("RecoveryMechanisms") or []
    devices = described.get("DeviceConfiguration") or {}
    passkeys = mfa.get("WebAuthnConfiguration") or {}
    factors = ((described.get("Policies") or {}).get("SignInPolicy") or {}).get("AllowedFirstAuthFactors")
    return SignInSettings(
        mfa_mode=mfa.get("MfaConfiguration") or "OFF",
        totp=bool((mfa.get("SoftwareTokenMfaConfiguration") or {}).get("Enabled")),
        sms=bool((mfa.get("SmsMfaConfiguration") or {}).get("SmsConfiguration")),
        email=bool(mfa.get("EmailMfaConfiguration")),
        passkeys=bool(mfa.get("WebAuthnConfiguration")),
        recovery=[m["Name"] for m in sorted(mechanisms, key=lambda m: m.get("Priority", 0))],
        auto_verified=list(described.get("AutoVerifiedAttributes") or []),
        keep_original=list(
            (described.get("UserAttributeUpdateSettings") or {}).get("AttributesRequireVerificationBeforeUpdate") or []
        ),
        devices=_devices(devices),
        device_challenge_new=bool(devices.get("ChallengeRequiredOnNewDevice")),
        sms_available=bool((described.get("SmsConfiguration") or {}).get("SnsCallerArn")),
        email_via_ses=(described.get("EmailConfiguration") or {}).get("EmailSendingAccount") == "DEVELOPER",
        tier=pool_tier(described),
        threat_mode=threat_mode(described),
        first_factors=list(factors or ["PASSWORD"]),
        passkey_rp_id=passkeys.get("RelyingPartyId") or "",
        passkey_verification=passkeys.get("UserVerification") or "preferred",
    )


def signin_get(pool_id: str) -> SignInSettings:
    described = cognito_pools.pool_describe(pool_id, fresh=True)
    return signin_from_cognito(described, pool_config.mfa_config_get(pool_id))
