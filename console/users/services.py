"""What an operator does to one user. Each function makes the Cognito change and
records exactly one audit event (success or failure with the Cognito code).
Passwords never reach the audit log, the logs or the database."""

import secrets
import string
from functools import partial

from console.cognito import users as cognito_users
from console.cognito.errors import CognitoError
from console.cognito.pools import pool_describe
from console.cognito.types import CognitoUser
from console.users.changes import one_call_service, user_change

# Cognito's allowed password symbols, minus quotes and backslash so the shown password is easy to copy.
PASSWORD_SYMBOLS = "^$*.[]{}()?!@#%&/,><:;|_~=+-"


user_reset_password = one_call_service(
    "user.reset_password",
    cognito_users.user_reset_password,
    "The user gets a code and must choose a new password at the next sign-in.",
)
user_enable = one_call_service("user.enable", cognito_users.user_enable)
user_sign_out = one_call_service(
    "user.sign_out", cognito_users.user_global_sign_out, "Sign out everywhere: every refresh token is revoked."
)
user_confirm_sign_up = one_call_service("user.confirm_sign_up", cognito_users.user_confirm_sign_up)
user_delete = one_call_service("user.delete", cognito_users.user_delete)


def user_resend_invitation(*, pool_id: str, username: str, reason: str = "", job_id: int | None = None) -> None:
    def change():
        user = cognito_users.user_get(pool_id, username)
        if user.status != "FORCE_CHANGE_PASSWORD":
            raise CognitoError(
                "Only users who still must change their password can get the invitation again.",
                code="UnsupportedUserStateException",
            )
        # A pool that signs in by email or phone wants that identifier here, not the generated username.
        sign_in = pool_describe(pool_id).get("UsernameAttributes") or []
        name = username
        if "email" in sign_in and user.email:
            name = user.email
        elif "phone_number" in sign_in and user.phone_number:
            name = user.phone_number
        cognito_users.user_resend_invitation(pool_id, name)

    user_change("user.resend_invitation", change, pool_id, username, reason, job_id=job_id)


def password_generate(policy: dict) -> str:
    """A random password that satisfies the pool's password policy."""
    length = max(16, int(policy.get("MinimumLength") or 8))
    classes = [string.ascii_lowercase, string.ascii_uppercase, string.digits, PASSWORD_SYMBOLS]
    # One of each class whatever the policy says: that satisfies every policy Cognito allows.
    chars = [secrets.choice(c) for c in classes]
    alphabet = "".join(classes)
    chars += [secrets.choice(alphabet) for _ in range(length - len(chars))]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


def user_set_temporary_password(*, pool_id: str, username: str, reason: str = "") -> str:
    """Set a generated temporary password and return it, for the operator to see once."""
    holder = {}

    def change():
        policy = (pool_describe(pool_id).get("Policies") or {}).get("PasswordPolicy") or {}
        holder["password"] = password_generate(policy)
        cognito_users.user_set_password(pool_id, username, holder["password"], permanent=False)

    user_change("user.set_temporary_password", change, pool_id, username, reason)
    return holder["password"]


def user_set_password(*, pool_id: str, username: str, password: str, reason: str = "") -> None:
    change = partial(cognito_users.user_set_password, pool_id, username, password, permanent=True)
    user_change("user.set_password", change, pool_id, username, reason, params={"permanent": True})


def user_disable(*, pool_id: str, username: str, reason: str = "", job_id: int | None = None) -> None:
    """Disable, then sign out everywhere: a disabled user's refresh tokens would otherwise live on."""

    def change():
        cognito_users.user_disable(pool_id, username)
        cognito_users.user_global_sign_out(pool_id, username)

    user_change("user.disable", change, pool_id, username, reason, params={"signed_out": True}, job_id=job_id)


def user_mark_verified(
    *, pool_id: str, username: str, attribute: str, reason: str = "", job_id: int | None = None
) -> None:
    if attribute not in ("email", "phone_number"):
        raise ValueError(attribute)
    action = f"user.verify_{'email' if attribute == 'email' else 'phone'}"
    change = partial(cognito_users.user_update_attributes, pool_id, username, {f"{attribute}_verified": "true"})
    user_change(action, change, pool_id, username, reason, job_id=job_id)


def user_update_attributes(
    *, pool_id: str, username: str, attributes: dict[str, str], reason: str = "", job_id: int | None = None
) -> None:
    change = partial(cognito_users.user_update_attributes, pool_id, username, attributes)
    params = {"attributes": attributes}
    user_change("user.update_attributes", change, pool_id, username, reason, params=params, job_id=job_id)


def user_delete_attribute(*, pool_id: str, username: str, name: str, reason: str = "") -> None:
    change = partial(cognito_users.user_delete_attributes, pool_id, username, [name])
    user_change("user.delete_attribute", change, pool_id, username, reason, params={"attribute": name})


def user_create(
    *,
    pool_id: str,
    username: str,
    attributes: dict[str, str],
    delivery: str,
    temporary_password: str = "",
    reason: str = "",
) -> CognitoUser:
    """Invite a user; `delivery` is EMAIL, SMS, BOTH or SUPPRESS."""
    mediums = {"EMAIL": ["EMAIL"], "SMS": ["SMS"], "BOTH": ["EMAIL", "SMS"]}.get(delivery, [])
    change = partial(
        cognito_users.user_create,
        pool_id,
        username,
        attributes=attributes,
        delivery=mediums,
        suppress=delivery == "SUPPRESS",
        temporary_password=temporary_password,
    )
    params = {"attributes": sorted(attributes), "delivery": delivery, "sign_in": username}
    # A pool that signs in by email gives a new user a generated username: the audit names that one.
    return user_change("user.create", change, pool_id, username, reason, params=params, target_of=lambda u: u.username)
