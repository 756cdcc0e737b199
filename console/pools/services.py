"""Pools: reading (scoped to what an operator may see) and changing them, audited."""

import copy
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings

from console.audit import services as audit_services
from console.audit.models import AuditEvent
from console.audit.services import audit_record
from console.cognito import pools as cognito_pools
from console.cognito.errors import CognitoError
from console.cognito.types import PoolSummary


class ChangeRefused(Exception):
    """The console refuses a change before asking Cognito (and says why)."""

    def __init__(self, message: str, code: str = "Refused"):
        super().__init__(message)
        self.message = message
        self.code = code


def pools_all(*, fresh: bool = False) -> list[PoolSummary]:
    """Every pool in the configured regions (from the shared cache unless fresh)."""
    return cognito_pools.pools_list(fresh=fresh)


def pools_visible(operator, *, quiet: bool = False, fresh: bool = False) -> list[PoolSummary]:
    try:
        pools = pools_all(fresh=fresh)
    except CognitoError:
        if quiet:
            return []
        raise
    return [p for p in pools if operator.can_see_pool(p.id)]


# --- The pools list -------------------------------------------------------------


@dataclass
class PoolRow:
    """One line of the pools list: ListUserPools' summary plus DescribeUserPool's details."""

    id: str
    name: str
    region: str
    created: datetime | None = None
    estimated_users: int | None = None
    mfa: str = ""
    sign_in: list[str] = field(default_factory=list)
    deletion_protection: bool | None = None
    error: str = ""


def sign_in_identifiers(described: dict) -> list[str]:
    """How users name themselves at sign-in: 'username' unless the pool uses
    email/phone as the username, plus any aliases."""
    username_attrs = described.get("UsernameAttributes") or []
    identifiers = list(username_attrs) if username_attrs else ["username"]
    return identifiers + [a for a in described.get("AliasAttributes") or [] if a not in identifiers]


def _row(summary: PoolSummary, fresh: bool) -> PoolRow:
    row = PoolRow(id=summary.id, name=summary.name, region=summary.region, created=summary.created)
    try:
        described = cognito_pools.pool_describe(summary.id, fresh=fresh)
    except CognitoError as exc:
        # One pool that cannot be described must not take the whole list down.
        row.error = exc.message
        return row
    row.estimated_users = described.get("EstimatedNumberOfUsers")
    row.mfa = described.get("MfaConfiguration") or "OFF"
    row.sign_in = sign_in_identifiers(described)
    row.deletion_protection = described.get("DeletionProtection") == "ACTIVE"
    return row


def pools_overview(operator, *, fresh: bool = False) -> list[PoolRow]:
    """The pools the operator may see, each described (concurrently: one
    DescribeUserPool per pool, cached briefly)."""
    pools = pools_visible(operator, fresh=fresh)
    if not pools:
        return []
    workers = min(settings.CONSOLE_POOL_DESCRIBE_CONCURRENCY, len(pools))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="describe-pool") as executor:
        return list(executor.map(lambda p: _row(p, fresh), pools))


# --- Audit helpers -----------------------------------------------------------------


def changes_between(before: dict, after: dict, *, prefix: str = "", hidden: tuple[str, ...] = ()) -> list[dict]:
    """What differs between two requests, as [{"field", "before", "after"}] with
    dotted paths (a list, because the audit scrubber drops secret-looking keys
    such as "PasswordPolicy" and these values are not secret)."""
    changes = []
    for key in sorted(set(before) | set(after)):
        path = f"{prefix}{key}"
        if key in hidden:
            continue
        old, new = before.get(key), after.get(key)
        if isinstance(old, dict) and isinstance(new, dict):
            changes += changes_between(old, new, prefix=f"{path}.", hidden=hidden)
        elif old != new:
            changes.append({"field": path, "before": old, "after": new})
    return changes


def deep_merged(base: dict, change: dict, *, whole: tuple[str, ...] = ()) -> dict:
    """base with change laid over it; nested dicts merge, anything else (and the
    top-level keys named in `whole`) is replaced."""
    merged = copy.deepcopy(base)
    for key, value in change.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict) and key not in whole:
            merged[key] = deep_merged(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def audited(action: str, call, *, pool_id: str, target: str = "", reason: str = "", params: dict | None = None):
    """Run a Cognito change and record exactly one audit event, success or failure."""
    return audit_services.audited(
        action, call, pool_id=pool_id, target=target, reason=reason, params=params, failures=(ChangeRefused,)
    )


# --- Changing pools -----------------------------------------------------------------


def mfa_state(pool_id: str, described: dict) -> dict:
    """The pool's MFA mode and which factors are on."""
    raw = cognito_pools.pool_mfa_get(pool_id)
    return {
        "mode": raw.get("MfaConfiguration") or described.get("MfaConfiguration") or "OFF",
        "totp": bool((raw.get("SoftwareTokenMfaConfiguration") or {}).get("Enabled")),
        "sms": bool((raw.get("SmsMfaConfiguration") or {}).get("SmsConfiguration")),
    }


def pool_create(*, region: str, request: dict, mfa: dict | None = None, reason: str = "") -> tuple[str, str]:
    """Create a pool from a CreateUserPool request: (pool id, warning or "").

    MFA factors are set after creation because Cognito takes them only through
    SetUserPoolMfaConfig; if that step fails the pool still exists, so the
    caller gets a warning rather than an error (and no second pool on retry)."""
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


# Alternatives rather than independent settings (Cognito's default email vs an
# SES identity): a change names the whole new configuration.
REPLACED_WHOLE = ("EmailConfiguration", "SmsConfiguration")


def pool_update(*, pool_id: str, changes: dict, mfa: dict | None = None, reason: str = "") -> list[dict]:
    """Change some settings of a pool and nothing else.

    UpdateUserPool resets every setting the request leaves out, so the request
    is the pool's whole current configuration (from DescribeUserPool) with the
    changes laid over it. MFA factors go through SetUserPoolMfaConfig, after
    the update (an SMS factor needs the SMS configuration the update may add).
    Returns what changed, as audited."""
    described = cognito_pools.pool_describe(pool_id, fresh=True)
    current = cognito_pools.pool_update_request(described)
    # MfaConfiguration is owned by SetUserPoolMfaConfig below; the update keeps the current mode.
    changes = {k: v for k, v in changes.items() if k != "MfaConfiguration"}
    request = deep_merged(current, changes, whole=REPLACED_WHOLE)
    diff = changes_between(current, request)
    mfa_before = mfa_state(pool_id, described) if mfa is not None else None
    mfa_changed = mfa is not None and mfa != mfa_before
    if mfa_changed:
        diff.append({"field": "MFA", "before": mfa_before, "after": mfa})
    if not diff:
        return []

    def call():
        if mfa_changed and mfa["sms"] and not request.get("SmsConfiguration"):
            raise ChangeRefused("SMS MFA needs an SMS role (the IAM role Cognito sends SMS through).", "NoSmsRole")
        if request != current:
            cognito_pools.pool_update(request)
        if mfa_changed:
            cognito_pools.pool_mfa_set(
                pool_id,
                mode=mfa["mode"],
                totp=mfa["totp"],
                sms_configuration=request.get("SmsConfiguration") if mfa["sms"] else None,
            )

    target = described.get("Name", "")
    audited("pool.update", call, pool_id=pool_id, target=target, reason=reason, params={"changes": diff})
    return diff


CUSTOM_ATTRIBUTE_TYPES = ("String", "Number", "DateTime", "Boolean")


def custom_attribute_request(
    *, name: str, data_type: str, mutable: bool = True, min_value=None, max_value=None
) -> dict:
    attribute = {"Name": name, "AttributeDataType": data_type, "Mutable": mutable}
    bounds = {}
    if min_value is not None:
        bounds["MinLength" if data_type == "String" else "MinValue"] = str(min_value)
    if max_value is not None:
        bounds["MaxLength" if data_type == "String" else "MaxValue"] = str(max_value)
    if bounds and data_type == "String":
        attribute["StringAttributeConstraints"] = bounds
    elif bounds and data_type == "Number":
        attribute["NumberAttributeConstraints"] = bounds
    return attribute


def pool_attribute_add(*, pool_id: str, attribute: dict, reason: str = "") -> None:
    """Add one custom attribute (Cognito can never remove it again)."""
    described = cognito_pools.pool_describe(pool_id, fresh=True)
    existing = {a["Name"] for a in described.get("SchemaAttributes") or []}
    full_name = f"custom:{attribute['Name']}"

    def call():
        if full_name in existing:
            raise ChangeRefused(f"The pool already has an attribute named {full_name}.", code="AttributeExists")
        cognito_pools.pool_add_custom_attributes(pool_id, [attribute])

    audited(
        "pool.add_attribute",
        call,
        pool_id=pool_id,
        target=described.get("Name", ""),
        reason=reason,
        params={"attribute": attribute},
    )


def pool_delete(*, pool_id: str, confirm_name: str, reason: str = "") -> None:
    """Delete a pool, only when the operator typed its name and deletion protection is off.

    The console checks deletion protection itself: it says so plainly, and not
    every backend enforces it."""
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
