"""Lost phone and stolen laptop (issue 13, items 1-2): what an operator does to a user's sign-in
factors, MFA preferences and remembered devices. Each function makes the Cognito change and
records exactly one audit event (success or failure with the Cognito code). The catalogue
(console.users.actions) applies the permission, the pool scope and the reason rule first."""

from functools import partial

from console.cognito import factors, sessions
from console.users.changes import one_call_service, user_change

METHOD_NAMES = {"sms": "SMS", "totp": "authenticator app", "email": "email", "webauthn": "passkey (WebAuthn)"}

user_remove_authenticator = one_call_service(
    "user.remove_authenticator", factors.software_token_delete, "Remove the user's authenticator app."
)


def user_set_mfa_preference(
    *, pool_id: str, username: str, method: str, enabled: bool, preferred: bool = False, reason: str = ""
) -> None:
    if method not in factors.MFA_SETTINGS:
        raise ValueError(method)
    change = partial(factors.mfa_preference_set, pool_id, username, {method: (enabled, preferred)})
    params = {"method": method, "enabled": enabled, "preferred": preferred and enabled}
    user_change("user.set_mfa_preference", change, pool_id, username, reason, params=params)


def user_reset_mfa(*, pool_id: str, username: str, reason: str = "", job_id: int | None = None) -> str:
    """Remove the authenticator app (when one is registered) and turn every MFA method off.
    Returns what it did, in words, for the page."""
    done = {}

    def change():
        current = factors.auth_factors_get(pool_id, username)
        has_token = "SOFTWARE_TOKEN" in current.configured or "SOFTWARE_TOKEN_MFA" in current.mfa_enabled
        if has_token:
            factors.software_token_delete(pool_id, username)
        done["removed_authenticator"] = has_token
        done["was_on"] = sorted(current.mfa_enabled)
        factors.mfa_preferences_clear(pool_id, username)

    user_change("user.reset_mfa", change, pool_id, username, reason, params=done, job_id=job_id)
    return reset_mfa_summary(done)


def reset_mfa_summary(done: dict) -> str:
    first = "Authenticator app removed" if done.get("removed_authenticator") else "No authenticator app was registered"
    was_on = ", ".join(done.get("was_on") or []) or "none"
    return (
        f"MFA reset. {first}; every MFA method (SMS, authenticator app, email, passkey) is now off "
        f"and none is preferred (was on: {was_on})."
    )


def user_forget_device(*, pool_id: str, username: str, device_key: str, reason: str = "") -> None:
    """Forget one remembered device: the next sign-in from it asks for MFA again."""
    change = partial(factors.device_forget, pool_id, username, device_key)
    user_change("user.forget_device", change, pool_id, username, reason, params={"device": device_key})


def user_device_not_remembered(*, pool_id: str, username: str, device_key: str, reason: str = "") -> None:
    """Keep the device on the list but stop it skipping MFA."""
    change = partial(factors.device_status_update, pool_id, username, device_key, "not_remembered")
    user_change("user.device_not_remembered", change, pool_id, username, reason, params={"device": device_key})


def user_revoke_session(
    *, pool_id: str, username: str, session_id: str, linked: bool = False, reason: str = ""
) -> None:
    """End one session (a stolen laptop's) and, if asked, the sessions linked to it; others live on."""
    change = partial(sessions.session_revoke, pool_id, username, session_id, linked=linked)
    # A session id only names the session (only admin calls accept it, it signs nobody in), but the
    # audit log drops keys that look like "session": it is recorded as "ended".
    params = {"ended": session_id, "linked": linked}
    user_change("user.revoke_session", change, pool_id, username, reason, params=params)
