"""The rules every action shares, whoever starts it (a page, a bulk job, a command).

check_perm and check_pool (console.accounts.permissions) say who may act where;
reason_check says whether the operator gave the reason the configuration asks for.
Forms call reason_check too, only to show the message beside the field: the rule
itself is enforced by the services, so a caller that skips the form is still refused.
"""

from django import forms
from django.conf import settings

from console.accounts.permissions import check_perm, check_pool

REASON_MAX = 500
REASON_MISSING = "Give a reason (for example the ticket number); it goes into the audit log."


class ReasonMissing(ValueError):
    """An action that needs a reason was asked for without one."""


def reason_required() -> bool:
    return settings.CONSOLE_REASON_REQUIRED


def reason_check(reason: str | None, *, asks_reason: bool = True) -> str:
    """The reason, stripped; refused when the configuration requires one and it is empty."""
    reason = (reason or "").strip()
    if asks_reason and reason_required() and not reason:
        raise ReasonMissing(REASON_MISSING)
    if len(reason) > REASON_MAX:
        raise ReasonMissing(f"A reason has at most {REASON_MAX} characters.")
    return reason


def action_allowed(*, operator, permission: str, pool_id: str, reason: str | None, asks_reason: bool = True) -> str:
    """Permission, pool scope and the reason rule in one call; returns the clean reason."""
    check_perm(operator, permission)
    check_pool(operator, pool_id)
    return reason_check(reason, asks_reason=asks_reason)


class ReasonField(forms.CharField):
    """The reason box of every form: same length, help and rule everywhere.
    `asks_reason=False` for forms whose action never needs one (the reason stays optional)."""

    def __init__(self, *, asks_reason: bool = True, **kwargs):
        self.asks_reason = asks_reason
        kwargs.setdefault("label", "Reason")
        kwargs.setdefault("help_text", "For example the ticket number; kept in the audit log.")
        super().__init__(required=False, max_length=REASON_MAX, **kwargs)

    def clean(self, value):
        try:
            return reason_check(super().clean(value), asks_reason=self.asks_reason)
        except ReasonMissing as exc:
            raise forms.ValidationError(str(exc), code="reason") from exc
