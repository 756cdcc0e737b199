"""The sign-in experience form: it validates against what the pool can do; services.py
builds the requests."""

import re

from django import forms

from console.pools.fields import FieldsetsMixin, ReasonMixin, checkboxes
from console.pools.signin.selectors import DEVICES_ALWAYS, DEVICES_OFF, DEVICES_ON_PROMPT, SignInSettings
from console.pools.tiers import TIER_CHOICES, signin_refusals

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
FIRST_FACTORS = [("PASSWORD", "Password"), ("EMAIL_OTP", "Code by email"), ("SMS_OTP", "Code by SMS"),
                 ("WEB_AUTHN", "Passkey")]
VERIFICATION = [("preferred", "Preferred (asked when the device can)"), ("required", "Required (PIN or biometrics)")]
# A relying party id is a domain name: the pool's prefix domain, its custom domain or a parent of it.
HOSTNAME = re.compile(r"^(?=.{1,127}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
MFA_FIELDS = ["mfa_mode", "mfa_totp", "mfa_sms", "mfa_email"]
PASSKEY_FIELDS = ["passkey_rp_id", "passkey_verification"]
POOL_FIELDS = ["recovery", "auto_verified", "keep_original", "devices", "device_challenge_new", "tier",
               "first_factors"]
PASSWORDLESS_WITH_MFA = "Sign-in without a password cannot be combined with MFA required: make MFA optional or off."


class SignInForm(FieldsetsMixin, ReasonMixin):
    fieldset_names = [
        ("Feature plan", ["tier"]),
        ("Multi-factor authentication", MFA_FIELDS),
        ("Choice-based sign-in", ["first_factors"]),
        ("Passkeys", PASSKEY_FIELDS),
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
    # Not required: a pool created without a recovery setting keeps "not set" until one is chosen.
    recovery = forms.ChoiceField(
        required=False,
        label="How users recover a forgotten password",
        choices=RECOVERY_CHOICES,
        help_text="Tried in this order.",
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

    tier = forms.ChoiceField(label="Feature plan", choices=TIER_CHOICES, widget=forms.RadioSelect,
                             help_text="Settings a plan does not include are refused until the plan allows them.")
    first_factors = checkboxes(FIRST_FACTORS, required=False, label="Users may start signing in with",
                               help_text="Beyond a password needs the Essentials plan and app clients allowing "
                               "ALLOW_USER_AUTH.")
    passkey_rp_id = forms.CharField(required=False, max_length=127, label="Relying party id",
                                    help_text="The domain passkeys are bound to, such as auth.example.com. "
                                    "Empty: the pool's own domain.")
    passkey_verification = forms.ChoiceField(label="User verification", choices=VERIFICATION)

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
            "tier": current.tier,
            "first_factors": current.first_factors,
            "passkey_rp_id": current.passkey_rp_id,
            "passkey_verification": current.passkey_verification,
        }
        super().__init__(*args, initial=initial, **kwargs)
        if current.recovery_order not in dict(RECOVERY_CHOICES):
            # A pool without a recovery setting (or an order the console does not offer) shows it as it is.
            label = current.recovery_order.replace(",", ", ") or "Not set (Cognito's legacy behaviour)"
            self.fields["recovery"].choices = [(current.recovery_order, label), *RECOVERY_CHOICES]
            # "Not set" is its value "": keeping it must not be refused as a missing answer.
            self.fields["recovery"].required = bool(current.recovery_order)

    def clean_passkey_rp_id(self):
        value = self.cleaned_data["passkey_rp_id"].strip().lower()
        if value and not HOSTNAME.match(value):
            raise forms.ValidationError("Enter a domain name such as auth.example.com (no https://, no path).")
        return value

    def clean(self):
        data = super().clean()
        self._clean_first_factors(data)
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
        refusals = signin_refusals(
            tier=data.get("tier", current.tier), first_factors=data.get("first_factors") or [],
            email_mfa=bool(data.get("mfa_email")), passkeys=bool(data.get("passkey_rp_id")),
            # Only a change of plan meets the threat protection rule (a legacy pool may have it on Essentials).
            threat_mode=current.threat_mode if "tier" in self.changed_data else "OFF")
        for name, message in refusals.items():
            self.add_error(name, message)
        return data

    def _clean_first_factors(self, data):
        factors = set(data.get("first_factors") or [])
        if "first_factors" in data and not factors:
            self.add_error("first_factors", "Choose at least one way to start signing in.")
        if "EMAIL_OTP" in factors and not self.current.email_via_ses:
            self.add_error("first_factors", "Codes by email need the pool to send email through SES (pool settings).")
        if "SMS_OTP" in factors and not self.current.sms_available:
            self.add_error("first_factors", "Codes by SMS need the pool's SMS role: set it in the pool's settings.")
        if factors - {"PASSWORD"} and data.get("mfa_mode") == "ON":
            self.add_error("first_factors", PASSWORDLESS_WITH_MFA)
