"""Every sign-in attempt, success, failure or locked out, is one event in the audit log.

django-axes' receivers run before these (INSTALLED_APPS order), so a failed
attempt already carries axes' verdict on the request when it is recorded."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

from console.audit.models import AuditEvent
from console.audit.services import audit_record

# Set on the request by a backend that refuses a sign-in for a reason worth recording
# (OpenID Connect: no role claim, a local operator of the same name ...).
REFUSAL_ATTR = "console_signin_refusal"


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    from console.accounts.middleware import mark_signed_in
    from console.accounts.twofactor import has_confirmed_device

    if request is not None and hasattr(request, "session"):
        mark_signed_in(request)
    params = {"method": "oidc" if getattr(user, "backend", "").endswith("OIDCBackend") else "password"}
    if has_confirmed_device(user):
        params["second_factor"] = "required"
    audit_record(action="operator.sign_in", operator=user, request=request, params=params)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    from console.accounts.middleware import SIGNOUT_REASON_ATTR

    if user is not None:
        reason = getattr(request, SIGNOUT_REASON_ATTR, "") if request is not None else ""
        audit_record(
            action="operator.sign_out",
            operator=user,
            request=request,
            message=reason,
            params={"expired": True} if reason else None,
        )


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # The attempted username is kept (not the password: Django already masks it).
    outcome, message = AuditEvent.OUTCOME_FAILURE, "Wrong username or password."
    refusal = getattr(request, REFUSAL_ATTR, "") if request is not None else ""
    if refusal:
        message = refusal
    if request is not None and getattr(request, "axes_locked_out", False):
        until = _locked_until(request, credentials)
        when = f" until {timezone.localtime(until):%H:%M} UTC" if until else ""
        if getattr(request, "axes_failures_since_start", None) is None:
            # axes refused before checking the password: the pair was already locked.
            outcome, message = AuditEvent.OUTCOME_DENIED, f"Refused: too many failed sign-ins, locked{when}."
        else:
            message = f"{message} Too many failures: sign-in locked{when}."
    audit_record(
        action="operator.sign_in",
        outcome=outcome,
        target=str(credentials.get("username", "") or "")[:150],
        message=message,
        request=request,
    )


def _locked_until(request, credentials):
    from console.accounts.throttle import locked_until

    return locked_until(username=credentials.get("username", ""), ip_address=getattr(request, "axes_ip_address", None))
