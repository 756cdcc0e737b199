"""Cognito's feature plans (UserPoolTier) and what each unlocks: the one place the console
decides whether a setting needs a higher plan, used by the forms (to say so) and the services
(to refuse, whoever calls them)."""

LITE, ESSENTIALS, PLUS = "LITE", "ESSENTIALS", "PLUS"
DEFAULT_TIER = ESSENTIALS  # what Cognito reports for a pool created without a plan
ORDER = (LITE, ESSENTIALS, PLUS)
TIER_CHOICES = [
    (LITE, "Lite: passwords, TOTP and SMS MFA, federation, Lambda triggers"),
    (ESSENTIALS, "Essentials: adds choice-based sign-in (passkeys, email and SMS codes), email MFA, "
                 "managed login"),
    (PLUS, "Plus: adds threat protection (risk-based actions, compromised credentials, IP lists) and "
           "user auth event logs"),
]
LABELS = {LITE: "Lite", ESSENTIALS: "Essentials", PLUS: "Plus"}


def pool_tier(described: dict) -> str:
    return described.get("UserPoolTier") or DEFAULT_TIER


def threat_mode(described: dict) -> str:
    """UserPoolAddOns.AdvancedSecurityMode of a description or an UpdateUserPool request."""
    return (described.get("UserPoolAddOns") or {}).get("AdvancedSecurityMode") or "OFF"


def at_least(tier: str, needed: str) -> bool:
    return ORDER.index(tier if tier in ORDER else DEFAULT_TIER) >= ORDER.index(needed)


def needs(feature: str, needed: str, tier: str) -> str:
    """The message for a setting the plan does not allow, or "" when it does."""
    if at_least(tier, needed):
        return ""
    return f"{feature} needs the {LABELS[needed]} feature plan or higher; this pool is on {LABELS.get(tier, tier)}."


def signin_refusals(*, tier: str, first_factors: list[str], email_mfa: bool, passkeys: bool,
                    threat_mode: str) -> dict[str, str]:
    """{form field: why the plan does not allow it} for the sign-in settings a pool would have."""
    problems = {
        "first_factors": needs("Sign-in without a password", ESSENTIALS, tier)
        if set(first_factors) - {"PASSWORD"} else "",
        "mfa_email": needs("Email MFA", ESSENTIALS, tier) if email_mfa else "",
        "passkey_rp_id": needs("Passkeys", ESSENTIALS, tier) if passkeys else "",
        "tier": "Threat protection is on and needs the Plus plan: turn it off on the threat protection page first."
        if threat_mode != "OFF" and tier != PLUS else "",
    }
    return {field: message for field, message in problems.items() if message}
