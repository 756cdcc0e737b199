"""A pool's own settings: created, changed and deleted only through here, audited.

The request builders turn the settings forms' cleaned data into Cognito's requests; the
changes to an existing pool go through the one whole-configuration rule (changes.py)."""

from django.conf import settings

from console.audit.models import AuditEvent
from console.audit.services import audit_record
from console.cognito import pool_config
from console.cognito import pools as cognito_pools
from console.cognito.errors import CognitoError
from console.pools.attributes.services import custom_attribute_request
from console.pools.changes import (
    ChangeRefused,
    Updatable,
    audited,
    change_allowed,
    changes_between,
    update_prepared,
)
from console.pools.selectors import mfa_state

POOL = Updatable(
    describe=lambda pool_id: cognito_pools.pool_describe(pool_id, fresh=True),
    as_request=cognito_pools.pool_update_request,
    send=cognito_pools.pool_update,
    # Alternatives rather than independent settings (Cognito's default email vs an SES identity).
    replaced_whole=("EmailConfiguration", "SmsConfiguration"),
    # SetUserPoolMfaConfig owns the MFA mode; UpdateUserPool keeps the current one.
    kept=("MfaConfiguration",),
)

# The settings form's fields that make up the password policy.
PASSWORD_FIELDS = [
    "password_min_length",
    "require_uppercase",
    "require_lowercase",
    "require_numbers",
    "require_symbols",
    "temporary_password_days",
]


# --- Request builders (from a settings form's cleaned data) ---------------------------


def password_policy_request(d: dict) -> dict:
    return {
        "MinimumLength": d["password_min_length"],
        "RequireUppercase": d["require_uppercase"],
        "RequireLowercase": d["require_lowercase"],
        "RequireNumbers": d["require_numbers"],
        "RequireSymbols": d["require_symbols"],
        "TemporaryPasswordValidityDays": d["temporary_password_days"],
    }


def email_configuration_request(d: dict, current: dict | None = None) -> dict:
    """Keeps the parts of the current configuration the form does not show
    (reply-to, configuration set) when staying with SES."""
    if d["email_sending"] == "COGNITO_DEFAULT":
        config = {"EmailSendingAccount": "COGNITO_DEFAULT"}
        if current and current.get("ReplyToEmailAddress"):
            config["ReplyToEmailAddress"] = current["ReplyToEmailAddress"]
        return config
    config = dict(current or {})
    config.update({"EmailSendingAccount": "DEVELOPER", "SourceArn": d["ses_identity_arn"]})
    if d["email_from"]:
        config["From"] = d["email_from"]
    else:
        config.pop("From", None)
    return config


def sms_configuration_request(d: dict, current: dict | None = None) -> dict | None:
    arn = d["sms_role_arn"]
    if not arn:
        return None
    if current and current.get("SnsCallerArn") == arn:
        return current
    # Cognito puts the external id into the role's trust policy condition.
    return {"SnsCallerArn": arn, "ExternalId": "cognito-console"}


def mfa_request(d: dict) -> dict:
    on = d["mfa_mode"] != "OFF"
    return {"mode": d["mfa_mode"], "totp": on and d["mfa_totp"], "sms": on and d["mfa_sms"]}


def pool_create_request(d: dict) -> dict:
    """CreateUserPool's request for the creation form's cleaned data."""
    sign_in = d["sign_in"]
    request = {
        "PoolName": d["name"],
        "Policies": {"PasswordPolicy": password_policy_request(d)},
        "DeletionProtection": "ACTIVE" if d["deletion_protection"] else "INACTIVE",
        "UsernameConfiguration": {"CaseSensitive": d["case_sensitive"]},
        "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": not d["self_signup"]},
        "EmailConfiguration": email_configuration_request(d),
        "MfaConfiguration": "OFF",
    }
    aliases = [a for a in sign_in if a != "username"]
    if "username" in sign_in:
        if aliases:
            request["AliasAttributes"] = aliases
    else:
        request["UsernameAttributes"] = aliases
    required = set(d["required_attributes"])
    verified = [a for a in ("email", "phone_number") if a in aliases or a in required]
    sms = sms_configuration_request(d)
    if sms:
        request["SmsConfiguration"] = sms
    else:
        verified = [a for a in verified if a != "phone_number"]  # verifying a phone needs SMS
    if verified:
        request["AutoVerifiedAttributes"] = verified
    recovery = [{"Priority": 1, "Name": "verified_email"}] if "email" in verified else []
    if "phone_number" in verified:
        recovery.append({"Priority": len(recovery) + 1, "Name": "verified_phone_number"})
    if recovery:
        request["AccountRecoverySetting"] = {"RecoveryMechanisms": recovery}
    schema = [
        {"Name": a, "AttributeDataType": "String", "Required": True, "Mutable": True} for a in d["required_attributes"]
    ]
    schema += [custom_attribute_request(name=n, data_type=t) for n, t in d["custom_attributes"]]
    if schema:
        request["Schema"] = schema
    return request


def pool_settings_changes(d: dict, changed: set[str], described: dict) -> dict:
    """UpdateUserPool changes for the settings form: only what the operator changed."""
    changes: dict = {}
    if "name" in changed:
        changes["PoolName"] = d["name"]
    if changed & set(PASSWORD_FIELDS):
        changes["Policies"] = {"PasswordPolicy": password_policy_request(d)}
    if "self_signup" in changed:
        changes["AdminCreateUserConfig"] = {"AllowAdminCreateUserOnly": not d["self_signup"]}
    if "deletion_protection" in changed:
        changes["DeletionProtection"] = "ACTIVE" if d["deletion_protection"] else "INACTIVE"
    if changed & {"email_sending", "ses_identity_arn", "email_from"}:
        changes["EmailConfiguration"] = email_configuration_request(d, described.get("EmailConfiguration"))
    if "sms_role_arn" in changed:
        sms = sms_configuration_request(d, described.get("SmsConfiguration"))
        if sms:
            changes["SmsConfiguration"] = sms
    return changes


# --- Services ------------------------------------------------------------------------


def pool_create(*, operator, region: str, request: dict, mfa: dict | None = None, reason: str = "") -> tuple[str, str]:
    """Create a pool from a CreateUserPool request: (pool id, warning or "").

    MFA factors are set after creation because Cognito takes them only through
    SetUserPoolMfaConfig; if that step fails the pool still exists, so the
    caller gets a warning rather than an error (and no second pool on retry)."""
    reason = change_allowed("pool.create", operator=operator, pool_id=None, reason=reason)
    if region not in settings.CONSOLE_REGIONS:
        raise ChangeRefused(f"{region} is not one of the console's regions.")
    name = request.get("PoolName", "")
    # Flattened, because the audit scrubber drops keys such as "PasswordPolicy".
    params = {"settings": changes_between({}, request), "mfa": mfa or {"mode": "OFF"}}
    try:
        created = cognito_pools.pool_create(region, request)
    except CognitoError as exc:
        audit_record(
            action="pool.create",
            outcome=AuditEvent.OUTCOME_FAILURE,
            target=name,
            reason=reason,
            error_code=exc.code,
            message=exc.message,
            params=params,
        )
        raise
    pool_id = created["Id"]
    audit_record(action="pool.create", pool_id=pool_id, target=name, reason=reason, params=params)
    if not mfa or mfa.get("mode", "OFF") == "OFF":
        return pool_id, ""
    sms_configuration = request.get("SmsConfiguration") if mfa.get("sms") else None
    try:
        audited(
            "pool.update",
            lambda: cognito_pools.pool_mfa_set(
                pool_id, mode=mfa["mode"], totp=mfa["totp"], sms_configuration=sms_configuration
            ),
            pool_id=pool_id,
            target=name,
            reason=reason,
            params={"changes": [{"field": "MFA", "before": {"mode": "OFF"}, "after": mfa}]},
        )
    except CognitoError as exc:
        return pool_id, f"The pool was created, but its MFA settings could not be set: {exc.message}"
    return pool_id, ""


def pool_create_from_form(*, operator, cleaned: dict, reason: str = "") -> tuple[str, str]:
    """The creation form's pool: (pool id, warning or "")."""
    return pool_create(
        operator=operator,
        region=cleaned["region"],
        request=pool_create_request(cleaned),
        mfa=mfa_request(cleaned),
        reason=reason,
    )


def pool_update(*, operator, pool_id: str, changes, mfa: dict | None = None, reason: str = "") -> list[dict]:
    """Change some settings of a pool and nothing else (changes: a dict, or a function of the
    fresh description). MFA factors go through SetUserPoolMfaConfig, after the update (an SMS
    factor needs the SMS configuration the update may add). Returns what changed, as audited."""
    reason = change_allowed("pool.update", operator=operator, pool_id=pool_id, reason=reason)
    update = update_prepared(POOL, pool_id, changes=changes)
    request, diff = update.request, list(update.diff)
    mfa_before = mfa_state(pool_id, update.described) if mfa is not None else None
    mfa_changed = mfa is not None and mfa != mfa_before
    if mfa_changed:
        diff.append({"field": "MFA", "before": mfa_before, "after": mfa})
    if not diff:
        return []

    def call():
        if mfa_changed and mfa["sms"] and not request.get("SmsConfiguration"):
            raise ChangeRefused("SMS MFA needs an SMS role (the IAM role Cognito sends SMS through).", "NoSmsRole")
        if update.changes_something:
            POOL.send(request)
        if mfa_changed:
            # Not pool_mfa_set: an edit must send back the email and passkey blocks it does not show.
            pool_config.mfa_factors_set(
                pool_id,
                mode=mfa["mode"],
                totp=mfa["totp"],
                sms_configuration=request.get("SmsConfiguration") if mfa["sms"] else None,
            )

    target = update.described.get("Name", "")
    audited("pool.update", call, pool_id=pool_id, target=target, reason=reason, params={"changes": diff})
    return diff


def pool_settings_save(*, operator, pool_id: str, cleaned: dict, changed: set[str], reason: str = "") -> list[dict]:
    """The settings form's changes: only the fields the operator changed."""
    mfa = mfa_request(cleaned) if changed & {"mfa_mode", "mfa_totp", "mfa_sms"} else None
    return pool_update(
        operator=operator,
        pool_id=pool_id,
        changes=lambda described: pool_settings_changes(cleaned, changed, described),
        mfa=mfa,
        reason=reason,
    )


def pool_delete(*, operator, pool_id: str, confirm_name: str, reason: str = "") -> None:
    """Delete a pool, only when the operator typed its name and deletion protection is off.

    The console checks deletion protection itself: it says so plainly, and not
    every backend enforces it."""
    reason = change_allowed("pool.delete", operator=operator, pool_id=pool_id, reason=reason)
    described = cognito_pools.pool_describe(pool_id, fresh=True)
    name = described.get("Name", "")

    def call():
        if confirm_name.strip() != name:
            raise ChangeRefused(
                "The name you typed does not match the pool's name; nothing was deleted.", "NameMismatch"
            )
        if described.get("DeletionProtection") == "ACTIVE":
            raise ChangeRefused(
                "Deletion protection is on for this pool. Turn it off in the pool's settings first; "
                "nothing was deleted.",
                "DeletionProtected",
            )
        cognito_pools.pool_delete(pool_id)

    audited("pool.delete", call, pool_id=pool_id, target=name, reason=reason, params={"name": name})
