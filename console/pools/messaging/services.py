"""Saving a pool's messaging: UpdateUserPool through the one whole-configuration rule
(changes.py), so only the sections the operator changed are sent differently and every other
setting goes back as it was; audited as one event with before and after."""

from console.cognito import pool_config
from console.pools.changes import ChangeRefused, change_allowed, update_saved
from console.pools.messaging.selectors import EMAIL, INVITE, SMS, SOURCES, VERIFY
from console.pools.settings.services import POOL


def block_request(d: dict, block: str) -> dict:
    """One block of the request from the form's values (an empty value is left out)."""
    return {key: d[name] for name, (part, key, _, _) in SOURCES.items() if part == block and d.get(name)}


def messaging_changes(d: dict, changed: set[str]) -> dict:
    """UpdateUserPool changes for the form: only the blocks the operator changed."""
    touched = {SOURCES[name][0] for name in changed if name in SOURCES}
    changes: dict = {}
    if EMAIL in touched:
        changes[EMAIL] = block_request(d, EMAIL)
    if SMS in touched:
        changes[SMS] = block_request(d, SMS) or None  # no role: no SMS configuration at all
    if INVITE in touched:
        changes["AdminCreateUserConfig"] = {INVITE: block_request(d, INVITE)}
    if VERIFY in touched:
        changes["VerificationMessageTemplate"] = block_request(d, VERIFY)
        # The deprecated copies go back equal to the template, never stale beside it.
        changes |= {legacy: d[name] for name, (_, _, _, legacy) in SOURCES.items() if legacy}
    return changes


def _sms_mfa_blocks_removal(pool_id: str) -> None:
    if (pool_config.mfa_config_get(pool_id).get("SmsMfaConfiguration") or {}).get("SmsConfiguration"):
        raise ChangeRefused("SMS MFA is on and needs the SMS role: turn it off on the sign-in page first.", "SmsInUse")


def messaging_save(*, operator, pool_id: str, cleaned: dict, changed: set[str], reason: str = "") -> list[dict]:
    """Save the form's changes and nothing else; returns what changed, as audited. The
    operator's permission, pool scope and the reason rule are checked here, whoever calls."""
    reason = change_allowed("pool.messaging", operator=operator, pool_id=pool_id, reason=reason)
    changes = messaging_changes(cleaned, set(changed))
    if SMS in changes and changes[SMS] is None:
        _sms_mfa_blocks_removal(pool_id)
    return update_saved(POOL, pool_id, action="pool.messaging", changes=changes, pool_id=pool_id, reason=reason)
