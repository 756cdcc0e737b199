"""Why can't this user sign in? (issue 13, item 5): the user page's first panel, computed from
what Cognito says about the user, their pool, their sign-in events and the pool's app clients.

One small function per finding: each takes the facts and returns a Finding or None. A finding
names its fixes by their catalogue entry (console.users.actions), so a fix posts to the action
view like any other button (permission, pool scope, reason, audit); `user_diagnose` keeps only
the fixes the operator's role allows and the catalogue offers for this user.
"""

import json
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from django.core.cache import cache
from django.utils import timezone

from console.accounts.permissions import has_perm
from console.cognito import clients as cognito_clients
from console.cognito.auth_events import AuthEvent
from console.cognito.client import limited_calls
from console.cognito.errors import CognitoError
from console.cognito.factors import AuthFactors
from console.cognito.types import CognitoUser

RECENT = timedelta(days=7)  # sign-in events older than this no longer explain today's call
DEFAULT_TEMPORARY_DAYS = 7  # Cognito's default TemporaryPasswordValidityDays
# The console actions that give a user a new temporary password (the clock restarts).
NEW_TEMPORARY = ("user.create", "user.set_temporary_password", "user.resend_invitation")
PASSWORD_FLOWS = {
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ALLOW_USER_AUTH",
}
VERIFIED = {"email": "verified_email", "phone_number": "verified_phone_number"}
ATTRIBUTE_WORDS = {"email": "email address", "phone_number": "phone number"}


@dataclass(frozen=True)
class Fix:
    action: str  # a catalogue entry's name
    label: str = ""  # the button; the entry's label when not given
    params: tuple[tuple[str, str], ...] = ()  # hidden form fields the action needs


@dataclass
class Finding:
    code: str
    title: str
    detail: str
    fixes: list[Fix] = field(default_factory=list)


@dataclass
class Facts:
    user: CognitoUser
    pool: dict  # DescribeUserPool's UserPool
    factors: AuthFactors | None = None
    events: list[AuthEvent] = field(default_factory=list)
    clients: list[dict] | None = None  # the pool's app clients as described; None when unreadable
    last_new_password: datetime | None = None  # the console's last new temporary password, if later
    now: datetime = field(default_factory=timezone.now)


def disabled(f: Facts) -> Finding | None:
    if f.user.enabled:
        return None
    return Finding(
        "disabled", "The account is disabled.", "Cognito refuses every sign-in until it is enabled.", [Fix("enable")]
    )


def _in_status(f: Facts, status: str, finding: Finding) -> Finding | None:
    return finding if f.user.status == status else None


def unconfirmed(f: Facts) -> Finding | None:
    why = "The user did not enter the code sent at sign-up; Cognito refuses the sign-in until it is confirmed."
    return _in_status(
        f, "UNCONFIRMED", Finding("unconfirmed", "The sign-up was never confirmed.", why, [Fix("confirm_sign_up")])
    )


def temporary_password_expired(f: Facts) -> Finding | None:
    if f.user.status != "FORCE_CHANGE_PASSWORD" or f.user.created is None:
        return None
    policy = (f.pool.get("Policies") or {}).get("PasswordPolicy") or {}
    days = policy.get("TemporaryPasswordValidityDays")
    days = DEFAULT_TEMPORARY_DAYS if days is None else int(days)  # 0 is a valid setting
    issued = max(d for d in (f.user.created, f.last_new_password) if d is not None)
    expired = issued + timedelta(days=days)
    if expired > f.now:
        return None
    return Finding(
        "temporary_password_expired",
        "The temporary password has expired.",
        f"It was issued on {issued:%Y-%m-%d} and the pool keeps temporary passwords {days} days "
        f"(expired {expired:%Y-%m-%d}). The user needs a new one.",
        [Fix("set_temporary_password"), Fix("resend_invitation")],
    )


def reset_required(f: Facts) -> Finding | None:
    why = (
        "The password was reset: the user must use “Forgot password” with the code Cognito sends, "
        "or sign in with a new temporary password."
    )
    fixes = [Fix("reset_password", "Send a new code"), Fix("set_temporary_password")]
    return _in_status(f, "RESET_REQUIRED", Finding("reset_required", "A password reset is required.", why, fixes))


def _uses(pool: dict, attribute: str) -> list[str]:
    uses = []
    # As the username itself (UsernameAttributes) it signs in unverified; as an alias it must be verified.
    if attribute in (pool.get("AliasAttributes") or []):
        uses.append("to sign in (as an alias)")
    mechanisms = (pool.get("AccountRecoverySetting") or {}).get("RecoveryMechanisms")
    # Without a recovery setting Cognito falls back to a verified phone, then a verified email.
    names = [m.get("Name") for m in mechanisms] if mechanisms else list(VERIFIED.values())
    if VERIFIED[attribute] in names:
        uses.append("to recover a forgotten password")
    return uses


def _unverified(f: Facts, attribute: str, action: str) -> Finding | None:
    value = f.user.attributes.get(attribute)
    if not value or f.user.attributes.get(f"{attribute}_verified") == "true":
        return None
    uses = _uses(f.pool, attribute)
    if not uses:
        return None
    words = ATTRIBUTE_WORDS[attribute]
    return Finding(
        f"{attribute}_unverified",
        f"The {words} is not verified.",
        f"The pool needs it {' and '.join(uses)}, and Cognito does not use an unverified {words} for that.",
        [Fix(action)],
    )


def email_unverified(f: Facts) -> Finding | None:
    return _unverified(f, "email", "verify_email")


def phone_unverified(f: Facts) -> Finding | None:
    return _unverified(f, "phone_number", "verify_phone")


def mfa_without_factor(f: Facts) -> Finding | None:
    factors = f.factors
    if f.pool.get("MfaConfiguration") != "ON" or factors is None:
        return None
    if factors.mfa_enabled or "SOFTWARE_TOKEN" in factors.configured:
        return None
    attrs, fixes = f.user.attributes, []
    if attrs.get("email_verified") == "true":
        fixes.append(Fix("set_mfa_preference", "Turn on MFA by email", (("method", "email"), ("state", "on"))))
    if attrs.get("phone_number_verified") == "true":
        fixes.append(Fix("set_mfa_preference", "Turn on MFA by SMS", (("method", "sms"), ("state", "on"))))
    return Finding(
        "mfa_without_factor",
        "MFA is required but the user has no MFA method.",
        "The pool requires MFA and nothing is registered or turned on: at sign-in the user must set up "
        "an authenticator app, or receive a code where the pool allows it.",
        fixes,
    )


def _recent(f: Facts) -> list[AuthEvent]:
    return [e for e in f.events if e.created and e.created >= f.now - RECENT]


def risky_sign_in(f: Facts) -> Finding | None:
    flagged = [e for e in _recent(f) if e.risky and not e.feedback]
    if not flagged:
        return None
    e = flagged[0]
    blocked = "blocked" if e.decision == "Block" or e.failed else "challenged"
    return Finding(
        "risky_sign_in",
        "Threat protection flagged a recent sign-in.",
        f"On {e.created:%Y-%m-%d %H:%M} a sign-in from {e.ip or 'an unknown address'} was rated "
        f"{e.risk or 'risky'} and {blocked}. If it was the user, mark it valid.",
        [Fix("auth_event_feedback", "It was the user", (("event_id", e.id), ("value", "Valid")))],
    )


def failed_sign_ins(f: Facts) -> Finding | None:
    failed = [e for e in _recent(f) if e.failed and not e.risky]
    if not failed:
        return None
    return Finding(
        "failed_sign_ins",
        f"{len(failed)} failed sign-in{'s' if len(failed) > 1 else ''} this week.",
        f"The last on {failed[0].created:%Y-%m-%d %H:%M}: most often a forgotten password.",
        [Fix("reset_password")],
    )


def _providers(user: CognitoUser) -> list[str]:
    try:
        return [i.get("providerName", "") for i in json.loads(user.attributes.get("identities") or "[]")]
    except (ValueError, AttributeError):
        return []


def federated_only(f: Facts) -> Finding | None:
    if f.user.status != "EXTERNAL_PROVIDER":
        return None
    names = ", ".join(p for p in _providers(f.user) if p) or "their identity provider"
    return Finding(
        "federated_only",
        f"This user signs in through {names} only.",
        f"The account has no password: a password never works. They must choose {names} on the sign-in page.",
    )


def _client_allows(client: dict, user: CognitoUser) -> bool:
    providers = client.get("SupportedIdentityProviders") or []
    managed_login = client.get("AllowedOAuthFlowsUserPoolClient") and set(client.get("AllowedOAuthFlows") or []) & {
        "code",
        "implicit",
    }
    if user.status == "EXTERNAL_PROVIDER":
        return bool(managed_login) and any(p in providers for p in _providers(user))
    # No ExplicitAuthFlows at all means Cognito's default, which includes SRP.
    flows = set(client.get("ExplicitAuthFlows") or ["ALLOW_USER_SRP_AUTH"])
    return bool(flows & PASSWORD_FLOWS) or (bool(managed_login) and "COGNITO" in providers)


def no_usable_client(f: Facts) -> Finding | None:
    if f.clients is None or any(_client_allows(c, f.user) for c in f.clients):
        return None
    return Finding(
        "no_usable_client",
        "No app client of the pool lets this user sign in.",
        "None of the pool's app clients allows a sign-in flow this user can use (password, SRP or "
        "choice-based flows, or the managed login page with their provider). An admin changes that "
        "on the pool's App clients page.",
    )


RULES = (
    disabled,
    unconfirmed,
    temporary_password_expired,
    reset_required,
    federated_only,
    email_unverified,
    phone_unverified,
    mfa_without_factor,
    risky_sign_in,
    failed_sign_ins,
    no_usable_client,
)


def pool_clients(pool_id: str) -> list[dict] | None:
    """The pool's app clients as described (one call each), cached a minute per pool; None when
    Cognito refused (the rule is then skipped, never guessed)."""
    key = f"console:diagnosis:clients:{pool_id}"
    found = cache.get(key)
    if found is None:
        try:
            with limited_calls():  # a loop of DescribeUserPoolClient calls
                found = [cognito_clients.client_describe(pool_id, c.id) for c in cognito_clients.clients_list(pool_id)]
        except CognitoError:
            return None
        cache.set(key, found, 60)
    return found


def last_new_password(history) -> datetime | None:
    """When the console last gave the user a new temporary password (the audit log, newest first)."""
    for event in history:
        if event.action in NEW_TEMPORARY and event.outcome == "success":
            return event.created_at
    return None


def user_diagnose(*, operator, facts: Facts) -> list[Finding]:
    """Every finding, with only the fixes this operator may run and the catalogue offers this user."""
    from console.users.actions import ACTIONS  # the catalogue imports the services this module sits beside

    findings = [finding for rule in RULES if (finding := rule(facts))]
    for finding in findings:
        finding.fixes = [
            replace(fix, label=fix.label or ACTIONS[fix.action].label)
            for fix in finding.fixes
            if has_perm(operator, ACTIONS[fix.action].permission) and ACTIONS[fix.action].shown(facts.user)
        ]
    return findings


def user_diagnosis(*, operator, pool_id: str, user: CognitoUser, pool: dict, factors, events, history) -> list[Finding]:
    """The panel's findings from what the user page has already read, plus the pool's app clients."""
    facts = Facts(
        user=user,
        pool=pool,
        factors=factors,
        events=list(events),
        clients=pool_clients(pool_id),
        last_new_password=last_new_password(history),
    )
    return user_diagnose(operator=operator, facts=facts)
