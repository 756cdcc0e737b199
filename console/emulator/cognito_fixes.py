"""Where moto's Cognito differs from Cognito in ways the console's demo would show, the emulator
corrects it (as Cognito documents the behaviour). Applied in the emulator process only
(console.emulator.moto_main); importing this module changes nothing by itself.

- AdminCreateUser with MessageAction=RESEND resends the invitation to the EXISTING user: it
  creates no user (moto created a second one with the same email in email-sign-in pools) and is
  refused for a user that has left FORCE_CHANGE_PASSWORD (UnsupportedUserStateException) or
  does not exist (UserNotFoundException).
- UpdateUserPool cannot change how users sign in: UsernameAttributes, AliasAttributes and
  UsernameConfiguration are fixed at creation (moto reset them, turning an email pool into a
  username pool).
- Concurrent calls never fail: moto's Cognito is not thread-safe (a job's parallel
  AdminCreateUser calls met "OrderedDict mutated during iteration", a bare 500), so the
  emulator runs one Cognito action at a time.
- Sign-in factors, email/WebAuthn MFA preferences and remembered devices: console.emulator.cognito_factors.
- Sign-in events, their risk rating and feedback: console.emulator.cognito_auth_events.
- Threat protection's risk configuration and log delivery: console.emulator.pool_security.
- Domains' managed-login version, certificate and custom domain: console.emulator.branding.
"""

import threading

from moto.cognitoidp import models, responses
from moto.core.exceptions import JsonRESTError

from console.emulator import branding, cognito_auth_events, cognito_factors, pool_config, pool_security

# Settable only by CreateUserPool (Cognito API reference, UpdateUserPool: not among its parameters).
FIXED_AT_CREATION = ("UsernameAttributes", "AliasAttributes", "UsernameConfiguration")


class UnsupportedUserStateException(JsonRESTError):
    def __init__(self, message: str):
        super().__init__(error_type="UnsupportedUserStateException", message=message)


def _admin_create_user(original):
    def admin_create_user(self, user_pool_id, username, message_action, temporary_password, attributes):
        if message_action != "RESEND":
            return original(self, user_pool_id, username, message_action, temporary_password, attributes)
        user = self.admin_get_user(user_pool_id, username)  # UserNotFoundException when absent
        if user.status != models.UserStatus.FORCE_CHANGE_PASSWORD:
            raise UnsupportedUserStateException(
                f"Resend not possible. {user.username} status is not FORCE_CHANGE_PASSWORD."
            )
        if temporary_password:
            user.password = temporary_password
        return user

    return admin_create_user


def _update_user_pool(original):
    def update_user_pool(self, user_pool_id, extended_config):
        pool = self.describe_user_pool(user_pool_id)
        kept = {key: pool.extended_config[key] for key in FIXED_AT_CREATION if key in pool.extended_config}
        original(self, user_pool_id, extended_config)
        pool.extended_config.update(kept)

    return update_user_pool


def _one_at_a_time(original):
    lock = threading.RLock()

    def call_action(self):
        with lock:
            return original(self)

    return call_action


def apply() -> None:
    backend = models.CognitoIdpBackend
    if getattr(backend, "_console_fixes_applied", False):
        return
    pool_config.apply()
    pool_security.apply()
    branding.apply()
    backend.admin_create_user = _admin_create_user(backend.admin_create_user)
    backend.update_user_pool = _update_user_pool(backend.update_user_pool)
    responses.CognitoIdpResponse.call_action = _one_at_a_time(responses.CognitoIdpResponse.call_action)
    cognito_factors.apply()
    cognito_auth_events.apply(responses.CognitoIdpResponse)
    backend._console_fixes_applied = True
