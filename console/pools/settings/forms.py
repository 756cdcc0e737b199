"""Forms for a pool's own settings: they validate; settings/services.py builds the requests."""

import re

from django import forms
from django.conf import settings

from console.cognito.attributes import STANDARD_VALUES
from console.cognito.types import Pool
from console.pools.attributes.forms import custom_attribute_lines
from console.pools.fields import FieldsetsMixin, ReasonMixin, checkboxes
from console.pools.settings.services import PASSWORD_FIELDS

POOL_NAME = re.compile(r"^[\w\s+=,.@-]{1,128}$")
ARN_SES_IDENTITY = re.compile(r"^arn:aws[\w-]*:ses:[a-z0-9-]+:\d{12}:identity/\S+$")
ARN_IAM_ROLE = re.compile(r"^arn:aws[\w-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$")

SIGN_IN_CHOICES = [
    ("username", "Username"),
    ("email", "Email address"),
    ("phone_number", "Phone number"),
]
MFA_CHOICES = [("OFF", "Off"), ("OPTIONAL", "Optional (users may turn it on)"), ("ON", "Required for everyone")]
EMAIL_CHOICES = [("COGNITO_DEFAULT", "Cognito's default sender (low daily quota)"), ("DEVELOPER", "An SES identity")]

MFA_FIELDS = ["mfa_mode", "mfa_totp", "mfa_sms", "sms_role_arn"]
EMAIL_FIELDS = ["email_sending", "ses_identity_arn", "email_from"]


class PoolSettingFields(forms.Form):
    password_min_length = forms.IntegerField(
        label="Minimum password length",
        min_value=6,
        max_value=99,
        initial=12,
        help_text="Fewest characters a password may have (6 to 99).",
    )
    require_uppercase = forms.BooleanField(required=False, initial=True, help_text="At least one capital letter.")
    require_lowercase = forms.BooleanField(required=False, initial=True, help_text="At least one small letter.")
    require_numbers = forms.BooleanField(required=False, initial=True, help_text="At least one digit.")
    require_symbols = forms.BooleanField(required=False, initial=True, help_text="At least one symbol such as ! or $.")
    temporary_password_days = forms.IntegerField(
        label="Temporary password validity (days)",
        min_value=0,
        max_value=365,
        initial=7,
        help_text="Days an admin-set temporary password stays valid before the user must sign in.",
    )
    mfa_mode = forms.ChoiceField(
        label="MFA",
        choices=MFA_CHOICES,
        initial="OPTIONAL",
        help_text="Whether users must prove a second factor at sign-in.",
    )
    mfa_totp = forms.BooleanField(
        required=False,
        initial=True,
        label="Authenticator apps (TOTP)",
        help_text="Codes from an app such as 1Password.",
    )
    mfa_sms = forms.BooleanField(
        required=False, label="SMS text messages", help_text="Codes by SMS; needs the SMS role below and costs money."
    )
    sms_role_arn = forms.CharField(
        required=False,
        label="SMS role ARN",
        help_text="IAM role Cognito uses to send SMS through SNS (only for SMS).",
    )
    self_signup = forms.BooleanField(
        required=False,
        label="Self sign-up",
        help_text="Let people create their own account; off means only admins create users.",
    )
    email_sending = forms.ChoiceField(
        choices=EMAIL_CHOICES, initial="COGNITO_DEFAULT", help_text="Who sends verification and invitation emails."
    )
    ses_identity_arn = forms.CharField(
        required=False, label="SES identity ARN", help_text="Verified SES identity to send from (only for SES)."
    )
    email_from = forms.CharField(
        required=False,
        max_length=256,
        label="From address",
        help_text="Optional sender shown to users, e.g. no-reply@example.com (only for SES).",
    )
    deletion_protection = forms.BooleanField(
        required=False, initial=True, help_text="While on, nobody can delete the pool (turn off first)."
    )

    def clean_sms_role_arn(self):
        value = self.cleaned_data["sms_role_arn"].strip()
        if value and not ARN_IAM_ROLE.match(value):
            raise forms.ValidationError("Enter an IAM role ARN such as arn:aws:iam::123456789012:role/CognitoSMS.")
        return value

    def clean_ses_identity_arn(self):
        value = self.cleaned_data["ses_identity_arn"].strip()
        if value and not ARN_SES_IDENTITY.match(value):
            raise forms.ValidationError(
                "Enter an SES identity ARN such as arn:aws:ses:us-east-1:123456789012:identity/example.com."
            )
        return value

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not POOL_NAME.match(name):
            raise forms.ValidationError("Use letters, digits, spaces and + = , . @ - only (up to 128).")
        return name

    def clean(self):
        data = super().clean()
        mode = data.get("mfa_mode")
        if mode and mode != "OFF" and not (data.get("mfa_totp") or data.get("mfa_sms")):
            self.add_error("mfa_totp", "With MFA on or optional, choose at least one factor (TOTP or SMS).")
        if data.get("mfa_sms") and not data.get("sms_role_arn"):
            self.add_error("sms_role_arn", "SMS needs the IAM role Cognito sends messages through.")
        if data.get("email_sending") == "DEVELOPER" and not data.get("ses_identity_arn"):
            self.add_error("ses_identity_arn", "Sending through SES needs the SES identity ARN.")
        return data


class PoolCreateForm(FieldsetsMixin, PoolSettingFields, ReasonMixin):
    fieldset_names = [
        ("The pool", ["region", "name", "deletion_protection"]),
        ("Sign-in", ["sign_in", "case_sensitive", "self_signup"]),
        ("Password policy", PASSWORD_FIELDS),
        ("Multi-factor authentication", MFA_FIELDS),
        ("Attributes", ["required_attributes", "custom_attributes"]),
        ("Email", EMAIL_FIELDS),
        ("Audit", ["reason"]),
    ]

    region = forms.ChoiceField(choices=(), help_text="AWS region the pool lives in (cannot change later).")
    name = forms.CharField(max_length=128, help_text="A name for people; the pool id is generated.")
    sign_in = checkboxes(
        SIGN_IN_CHOICES,
        initial=["email"],
        label="Users sign in with",
        help_text="Without 'Username', the email or phone IS the username. Cannot change later.",
    )
    case_sensitive = forms.BooleanField(
        required=False, help_text="Off (recommended): 'Alice' and 'alice' are the same user. Cannot change later."
    )
    required_attributes = checkboxes(
        [(a, a) for a in STANDARD_VALUES],
        required=False,
        initial=["email"],
        help_text="Attributes every user must have. Cannot change later.",
    )
    custom_attributes = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line as name:Type (String, Number, DateTime, Boolean), e.g. department:String.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [(r, r) for r in settings.CONSOLE_REGIONS]
        self.fields["region"].initial = settings.CONSOLE_REGIONS[0]

    def clean_custom_attributes(self):
        """[(name, type)] from the lines."""
        return custom_attribute_lines(self.cleaned_data["custom_attributes"])


class PoolSettingsForm(FieldsetsMixin, PoolSettingFields, ReasonMixin):
    """The settings an admin may change after creation."""

    fieldset_names = [
        ("The pool", ["name", "deletion_protection", "self_signup"]),
        ("Password policy", PASSWORD_FIELDS),
        ("Multi-factor authentication", MFA_FIELDS),
        ("Email", EMAIL_FIELDS),
        ("Audit", ["reason"]),
    ]

    name = forms.CharField(max_length=128, help_text="The pool's display name.")

    def __init__(self, *args, pool: Pool, mfa: dict, **kwargs):
        policy, email = pool.password_policy, pool.email
        initial = {
            "name": pool.name,
            "password_min_length": policy.min_length or 8,
            "require_uppercase": policy.require_uppercase,
            "require_lowercase": policy.require_lowercase,
            "require_numbers": policy.require_numbers,
            "require_symbols": policy.require_symbols,
            "temporary_password_days": 7 if policy.temporary_password_days is None else policy.temporary_password_days,
            "mfa_mode": mfa["mode"],
            "mfa_totp": mfa["totp"],
            "mfa_sms": mfa["sms"],
            "sms_role_arn": pool.sms_role_arn,
            "self_signup": pool.self_signup,
            "email_sending": email.account,
            "ses_identity_arn": email.source_arn,
            "email_from": email.from_address,
            "deletion_protection": pool.deletion_protection,
        }
        super().__init__(*args, initial=initial, **kwargs)


class PoolDeleteForm(ReasonMixin):
    confirm_name = forms.CharField(label="Type the pool's name to confirm", max_length=128)
