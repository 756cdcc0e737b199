"""The sign-in experience form: it validates against what the pool can do; services.py
builds the requests."""

from django import forms

from console.pools.fields import FieldsetsMixin, ReasonMixin, checkboxes
from console.pools.signin.selectors import DEVICES_ALWAYS, DEVICES_OFF, DEVICES_ON_PROMPT, SignInSettings

MFA_CHOICES = [("OFF", "Off"), ("OPTIONAL", "Optional (users may turn it on)"), ("ON", "Required for everyone")]
RECOVERY_CHOICES = [
    ("verified_email,verified_phone_number", "Verified email first, then verified phone"),
    ("verified_phone_number,verified_email", "Verified phone first, then verified email"),
    ("verified_email", "Verified email only"),
    ("verified_phone_number", "Verified phone only"),
    ("admin_only", "Administrators only (users cannot reset their own password)"),
]
VERIFIABLE = [("email", "Email address"), ("phone_number", "Phone number")]
DEVICE_CHOICES = [
    (DEVICES_OFF, "Don't remember devices"),
    (DEVICES_ALWAYS, "Always remember devices"),
    (DEVICES_ON_PROMPT, "Remember a device when the user chooses to"),
]
MFA_FIELDS = ["mfa_mode", "mfa_totp", "mfa_sms", "mfa_email"]
POOL_FIELDS = ["recovery", "auto_verified", "keep_original", "devices", "device_challenge_new"]


class SignInForm(FieldsetsMixin, ReasonMixin):
    fieldset_names = [
        ("Multi-factor authentication", MFA_FIELDS),
        ("Account recovery", ["recovery"]),
        ("Attribute verification", ["auto_verified", "keep_original"]),
        ("Remembered devices", ["devices", "device_challenge_new"]),
        ("Audit", ["reason"]),
    ]

    mfa_mode = forms.ChoiceField(label="MFA", choices=MFA_CHOICES, help_text="Whether users prove a second factor.")
    mfa_totp = forms.BooleanField(required=False, label="Authenticator apps (TOTP)")
    mfa_sms = forms.BooleanField(required=False, label="SMS codes", help_text="Needs the pool's SMS role.")
    mfa_email = forms.BooleanField(
        required=False, label="Email codes", help_text="Needs the pool to send email through SES."
    )
    recovery = forms.ChoiceField(
        label="How users recover a forgotten password", choices=RECOVERY_CHOICES, help_text="Tried in this order."
    )
    auto_verified = checkboxes(
        VERIFIABLE,
        required=False,
        label="Verify automatically",
        help_text="Cognito sends a code to confirm these when they are set.",
    )
    keep_original = checkboxes(
        VERIFIABLE,
        required=False,
        label="Keep the original value while an update is pending",
        help_text="Until the user confirms the new value, the old one stays in use for sign-in.",
    )
    devices = forms.ChoiceField(label="Device remembering", choices=DEVICE_CHOICES)
    device_challenge_new = forms.BooleanField(
        required=False,
        label="Ask for MFA on a new device",
        help_text="A device not yet remembered must pass MFA.",
    )

    def __init__(self, *args, current: SignInSettings, **kwargs):
        self.current = current
        initial = {
            "mfa_mode": current.mfa_mode,
            "mfa_totp": current.totp,
            "mfa_sms": current.sms,
            "mfa_email": current.email,
            "recovery": current.recovery_order,
            "auto_verified": current.auto_verified,
            "keep_original": current.keep_original,
            "devices": current.devices,
            "device_challenge_new": current.device_challenge_new,
        }
        super().__init__(*args, initial=initial, **kwargs)
        if current.recovery_order not in dict(RECOVERY_CHOICES):
            # A pool without a recovery setting (or an order the console does not offer) shows it as it is.
            label = current.recovery_order.replace(",", ", ") or "Not set (Cognito's legacy behaviour)"
            self.fields["recovery"].choices = [(current.recovery_order, label), *RECOVERY_CHOICES]
            # "Not set" is its value "": keeping it must not be refused as a missing answer.
            self.fields["recovery"].required = bool(current.recovery_order)

    def clean(self):
        data = super().clean()
        current = self.current
        factors = [data.get("mfa_totp"), data.get("mfa_sms"), data.get("mfa_email"), current.passkeys]
        if data.get("mfa_mode", "OFF") != "OFF" and not any(factors):
            self.add_error("mfa_totp", "With MFA on or optional, choose at least one factor.")
        if data.get("mfa_sms") and not current.sms_available:
            self.add_error("mfa_sms", "SMS codes need the pool's SMS role: set it in the pool's settings first.")
        if data.get("mfa_email") and not current.email_via_ses:
            self.add_error("mfa_email", "Email codes need the pool to send email through SES (pool settings).")
        verified = set(data.get("auto_verified") or [])
        if "phone_number" in verified and not current.sms_available:
            self.add_error("auto_verified", "Verifying phone numbers needs the pool's SMS role.")
        if set(data.get("keep_original") or []) - verified:
            self.add_error("keep_original", "Only an attribute Cognito verifies automatically can keep its value.")
        if data.get("devices") == DEVICES_OFF and data.get("device_challenge_new"):
            self.add_error("device_challenge_new", "Asking on a new device needs device remembering on.")
        return data
