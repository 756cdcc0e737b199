"""TOTP two-factor sign-in for operators (django-otp).

The secret lives only in django-otp's device row and on the enrolment page the
operator sees once; it never enters a log or the audit log, nor do codes."""

import base64

import segno
from django.conf import settings
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from console.accounts.models import ROLE_ADMIN
from console.audit.models import AuditEvent
from console.audit.services import audit_record

DEVICE_NAME = "Authenticator app"


class TwoFactorError(ValueError):
    """A refusal with a message fit to show the operator."""


def has_confirmed_device(operator) -> bool:
    if not getattr(operator, "is_authenticated", False):
        return False
    return TOTPDevice.objects.filter(user=operator, confirmed=True).exists()


def confirmed_device(operator) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=operator, confirmed=True).first()


def pending_device(operator) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=operator, confirmed=False).first()


def required_for(operator) -> bool:
    return settings.CONSOLE_REQUIRE_2FA_FOR_ADMINS and operator.role == ROLE_ADMIN


def two_factor_start(*, operator) -> TOTPDevice:
    """A fresh, unconfirmed device (any earlier unfinished one is discarded)."""
    if has_confirmed_device(operator):
        raise TwoFactorError("Two-factor sign-in is already on. Turn it off first to enrol a new authenticator.")
    TOTPDevice.objects.filter(user=operator, confirmed=False).delete()
    return TOTPDevice.objects.create(user=operator, name=DEVICE_NAME, confirmed=False)


def enrolment_details(device: TOTPDevice) -> dict:
    """What the enrolment page shows: otpauth URI, its QR code (SVG, made here) and the manual key."""
    uri = device.config_url
    key = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return {
        "uri": uri,
        "qr_data_uri": segno.make(uri, error="m").svg_data_uri(scale=5, border=2),
        "manual_key": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
    }


def _check(device: TOTPDevice, code: str) -> None:
    allowed, data = device.verify_is_allowed()
    if not allowed:
        raise TwoFactorError("Too many wrong codes in a row: wait a few seconds and try again.")
    code = "".join((code or "").split())
    if not code.isdigit() or not device.verify_token(code):
        raise TwoFactorError("That code is wrong or has expired. Enter the current code from your authenticator app.")


def _check_or_audit(device: TOTPDevice, code: str, *, action: str) -> None:
    """_check, recording a wrong code as a failure of `action` before passing the error on."""
    try:
        _check(device, code)
    except TwoFactorError as exc:
        audit_record(action=action, outcome=AuditEvent.OUTCOME_FAILURE, message=str(exc))
        raise


def two_factor_confirm(*, request, code: str) -> TOTPDevice:
    """Confirm the pending device with a code from the app; the session counts as verified."""
    operator = request.user
    device = pending_device(operator)
    if device is None:
        raise TwoFactorError("Start the set-up again: there is no authenticator waiting for confirmation.")
    _check_or_audit(device, code, action="operator.2fa_enrol")
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    audit_record(action="operator.2fa_enrol", target=operator.username)
    return device


def two_factor_verify(*, request, code: str) -> TOTPDevice:
    """The second step of sign-in."""
    device = confirmed_device(request.user)
    if device is None:
        raise TwoFactorError("Two-factor sign-in is not set up for this operator.")
    _check_or_audit(device, code, action="operator.2fa_verify")
    otp_login(request, device)
    audit_record(action="operator.2fa_verify", target=request.user.username)
    return device


def two_factor_disable(*, request, code: str) -> None:
    """Turn two-factor off; asks for a current code so a walked-away session cannot do it."""
    operator = request.user
    device = confirmed_device(operator)
    if device is None:
        raise TwoFactorError("Two-factor sign-in is not on.")
    if required_for(operator):
        message = "Two-factor sign-in is required for admins and cannot be turned off."
        audit_record(action="operator.2fa_disable", outcome=AuditEvent.OUTCOME_DENIED, message=message)
        raise TwoFactorError(message)
    _check_or_audit(device, code, action="operator.2fa_disable")
    TOTPDevice.objects.filter(user=operator).delete()
    audit_record(action="operator.2fa_disable", target=operator.username)


def two_factor_reset(*, operator, reset_by=None) -> int:
    """Remove an operator's devices (lost phone); for the reset_2fa command."""
    count, _ = TOTPDevice.objects.filter(user=operator).delete()
    audit_record(action="operator.2fa_reset", operator=reset_by, target=operator.username, params={"devices": count})
    return count
