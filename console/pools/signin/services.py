"""Saving a pool's sign-in experience: UpdateUserPool for recovery, verification and devices
(through the one whole-configuration rule, changes.py) and SetUserPoolMfaConfig with every
factor block Cognito returned (only the factors the operator changed are touched), audited
as one event with before and after."""

import copy

from console.cognito import pool_config
from console.pools.changes import ChangeRefused, audited, change_allowed, changes_between, update_prepared
from console.pools.settings.services import POOL
from console.pools.signin.forms import MFA_FIELDS, PASSKEY_FIELDS, PASSWORDLESS_WITH_MFA, POOL_FIELDS
from console.pools.signin.selectors import DEVICES_OFF, DEVICES_ON_PROMPT
from console.pools.tiers import ORDER, pool_tier, signin_refusals, threat_mode

# Cognito requires the {####} placeholder; used when email codes are first turned on.
EMAIL_MFA_DEFAULT = {"Subject": "Your sign-in code", "Message": "Your sign-in code is {####}"}


def recovery_request(order: str) -> dict:
    names = [n for n in order.split(",") if n]
    return {"RecoveryMechanisms": [{"Priority": i, "Name": n} for i, n in enumerate(names, start=1)]}


def pool_changes(d: dict, changed: set[str]) -> dict:
    """UpdateUserPool changes for the form: only what the operator changed."""
    changes: dict = {}
    if "recovery" in changed and d["recovery"]:
        changes["AccountRecoverySetting"] = recovery_request(d["recovery"])
    if "auto_verified" in changed:
        changes["AutoVerifiedAttributes"] = list(d["auto_verified"])
    if changed & {"auto_verified", "keep_original"}:
        changes["UserAttributeUpdateSettings"] = {"AttributesRequireVerificationBeforeUpdate": list(d["keep_original"])}
    if changed & {"devices", "device_challenge_new"} and d["devices"] != DEVICES_OFF:
        changes["DeviceConfiguration"] = {
            "ChallengeRequiredOnNewDevice": d["device_challenge_new"],
            "DeviceOnlyRememberedOnUserPrompt": d["devices"] == DEVICES_ON_PROMPT,
        }
    if "tier" in changed:
        changes["UserPoolTier"] = d["tier"]
    if "first_factors" in changed:
        changes["Policies"] = {"SignInPolicy": {"AllowedFirstAuthFactors": list(d["first_factors"])}}
    return changes


def mfa_request(current: dict, d: dict, changed: set[str], sms_configuration: dict | None) -> dict:
    """The whole SetUserPoolMfaConfig request: the current one with the changed factors laid
    over it (an unchanged block, such as passkeys or an email message, goes back as it was)."""
    config = copy.deepcopy(current)
    if "mfa_mode" in changed:
        config["MfaConfiguration"] = d["mfa_mode"]
    if "mfa_totp" in changed:
        config["SoftwareTokenMfaConfiguration"] = {"Enabled": d["mfa_totp"]}
    if "mfa_sms" in changed:
        if d["mfa_sms"]:
            block = config.get("SmsMfaConfiguration") or {}
            sms = block.get("SmsConfiguration") or sms_configuration
            config["SmsMfaConfiguration"] = {**block, "SmsConfiguration": sms}
        else:
            config.pop("SmsMfaConfiguration", None)
    if "mfa_email" in changed:
        if d["mfa_email"]:
            config["EmailMfaConfiguration"] = config.get("EmailMfaConfiguration") or dict(EMAIL_MFA_DEFAULT)
        else:
            config.pop("EmailMfaConfiguration", None)
    if changed & set(PASSKEY_FIELDS):
        block = {**config.get("WebAuthnConfiguration", {}), "UserVerification": d["passkey_verification"]}
        block.pop("RelyingPartyId", None)  # empty: Cognito uses the pool's domain
        if d["passkey_rp_id"]:
            block["RelyingPartyId"] = d["passkey_rp_id"]
        config["WebAuthnConfiguration"] = block
    return config


def refusal(request: dict, mfa: dict, changed: set[str]) -> str:
    """Why the pool these requests would make is not allowed (its plan, passwordless sign-in with
    MFA required), or "": the rule holds for every caller, not only the form."""
    factors = ((request.get("Policies") or {}).get("SignInPolicy") or {}).get("AllowedFirstAuthFactors") or []
    if set(factors) - {"PASSWORD"} and mfa.get("MfaConfiguration") == "ON":
        return PASSWORDLESS_WITH_MFA
    problems = signin_refusals(tier=pool_tier(request), first_factors=factors,
                               email_mfa=bool(mfa.get("EmailMfaConfiguration")),
                               passkeys=bool(changed & set(PASSKEY_FIELDS)) and bool(mfa.get("WebAuthnConfiguration")),
                               threat_mode=threat_mode(request) if "tier" in changed else "OFF")
    return next(iter(problems.values()), "")


def signin_save(*, operator, pool_id: str, cleaned: dict, changed: set[str], reason: str = "") -> list[dict]:
    """Save the form's changes and nothing else; returns what changed, as audited."""
    reason = change_allowed("pool.signin", operator=operator, pool_id=pool_id, reason=reason)
    changed = set(changed) & {*MFA_FIELDS, *PASSKEY_FIELDS, *POOL_FIELDS}
    update = update_prepared(POOL, pool_id, changes=pool_changes(cleaned, changed))
    request = update.request
    if changed & {"devices"} and cleaned["devices"] == DEVICES_OFF:
        # Device remembering is off when the pool has no DeviceConfiguration at all.
        request = {k: v for k, v in request.items() if k != "DeviceConfiguration"}
    diff = changes_between(update.current, request)

    mfa_before = pool_config.mfa_config_get(pool_id) if changed & {*MFA_FIELDS, *PASSKEY_FIELDS} else {}
    mfa_after = mfa_request(mfa_before, cleaned, changed, update.described.get("SmsConfiguration"))
    diff += changes_between(mfa_before, mfa_after, prefix="MFA.")
    if not diff:
        return []
    problem = refusal(request, mfa_after or pool_config.mfa_config_get(pool_id), changed)
    # A lower plan is set after the factors it no longer allows are turned off; a higher one before.
    downgrade = ORDER.index(pool_tier(request)) < ORDER.index(pool_tier(update.current))

    def call():
        if problem:  # inside the audited call, so the refusal is recorded too
            raise ChangeRefused(problem, code="FeatureUnavailableInTier")
        if mfa_after != mfa_before and downgrade:
            pool_config.mfa_config_set(pool_id, mfa_after)
        if request != update.current:
            POOL.send(request)
        if mfa_after != mfa_before and not downgrade:
            pool_config.mfa_config_set(pool_id, mfa_after)

    target = update.described.get("Name", "")
    audited("pool.signin", call, pool_id=pool_id, target=target, reason=reason, params={"changes": diff})
    return diff
