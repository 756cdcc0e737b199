"""Every sign-in attempt, success or failure, goes into the audit log."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from console.audit.models import AuditEvent
from console.audit.services import audit_record


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    audit_record(action="operator.sign_in", operator=user, request=request)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(action="operator.sign_out", operator=user, request=request)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # The attempted username is kept (not the password: Django already masks it).
    audit_record(
        action="operator.sign_in",
        outcome=AuditEvent.OUTCOME_FAILURE,
        target=str(credentials.get("username", ""))[:150],
        message="Wrong username or password.",
        request=request,
    )
