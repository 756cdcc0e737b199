"""The messaging form: how email and SMS are sent, and the invitation and verification
messages, validated as Cognito would (placeholders, lengths, ARNs) before any call;
services.py builds the request."""

import re
from email.utils import parseaddr

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from console.accounts.policy import ReasonField
from console.pools.fields import FieldsetsMixin
from console.pools.messaging.selectors import CODE, LINK, USERNAME, MessagingSettings

SES_ARN = re.compile(r"^arn:aws[a-z-]*:ses:[a-z]{2}(-[a-z]+)+-\d:\d{12}:identity/\S+$")
ROLE_ARN = re.compile(r"^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]+$")
REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d$")
CONFIGURATION_SET = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")

SENDING_CHOICES = [("COGNITO_DEFAULT", "Cognito's default sender (limited daily quota)"),
                   ("DEVELOPER", "Amazon SES, with your own identity")]
VERIFY_CHOICES = [("CONFIRM_WITH_CODE", "A code the user types"), ("CONFIRM_WITH_LINK", "A link the user clicks")]
EMAIL_FIELDS = ["email_sending", "source_arn", "from_address", "reply_to", "configuration_set"]
SMS_FIELDS = ["sms_role_arn", "sms_external_id", "sns_region"]
INVITE_FIELDS = ["invite_subject", "invite_email", "invite_sms"]
VERIFY_FIELDS = ["verify_by", "code_subject", "code_email", "link_subject", "link_email", "code_sms"]

# Each message and what it must contain (Cognito refuses it otherwise), with why.
REQUIRED = {
    "invite_email": ([USERNAME, CODE], "the user name and the temporary password go there"),
    "invite_sms": ([USERNAME, CODE], "the user name and the temporary password go there"),
    "code_email": ([CODE], "the code goes there"),
    "code_sms": ([CODE], "the code goes there"),
}


class MessageField(forms.CharField):
    """A message as Cognito stores it, spaces included (its own defaults end with one, so a
    stripped value would look changed); browsers send a textarea's line breaks as CRLF."""

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


def _text(label, *, max_length, rows=0, help_text=""):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return MessageField(label=label, max_length=max_length, min_length=6 if rows else 1, widget=widget,
                        help_text=help_text, strip=False)


def _optional(label, help_text="", max_length=2048):
    return forms.CharField(label=label, required=False, max_length=max_length, help_text=help_text)


class MessagingForm(FieldsetsMixin, forms.Form):
    reason = ReasonField()  # the reason rule (CONSOLE_REASON_REQUIRED) shown beside the field
    fieldset_names = [
        ("Email sending", EMAIL_FIELDS),
        ("SMS sending", SMS_FIELDS),
        ("Invitation message (users an administrator creates)", INVITE_FIELDS),
        ("Verification message", VERIFY_FIELDS),
        ("Audit", ["reason"]),
    ]

    email_sending = forms.ChoiceField(label="Send email with", choices=SENDING_CHOICES)
    source_arn = _optional("SES identity ARN", "arn:aws:ses:region:account:identity/example.com — needed for SES.")
    from_address = _optional("From address", "An address, or a name with the address in angle brackets. SES only.")
    reply_to = forms.EmailField(label="Reply-to address", required=False)
    configuration_set = _optional("SES configuration set", "The SES configuration set's name. SES only.", 64)
    sms_role_arn = _optional("SMS IAM role ARN", "arn:aws:iam::account:role/name — the role Cognito sends SMS with.")
    sms_external_id = _optional("External id", "The external id in the role's trust policy.", 1224)
    sns_region = _optional("SNS region", "Empty: the pool's own region.", 32)
    invite_subject = _text("Invitation email subject", max_length=140)
    invite_email = _text("Invitation email", max_length=20000, rows=4, help_text="Must contain {username} and {####}.")
    invite_sms = _text("Invitation SMS", max_length=140, rows=2, help_text="Must contain {username} and {####}.")
    verify_by = forms.ChoiceField(label="Verify email addresses with", choices=VERIFY_CHOICES)
    code_subject = _text("Code email subject", max_length=140)
    code_email = _text("Code email", max_length=20000, rows=4, help_text="Must contain {####}.")
    link_subject = _text("Link email subject", max_length=140)
    link_email = _text("Link email", max_length=20000, rows=4,
                       help_text="Must contain the link, as {##Click here##} (the text between ## is yours).")
    code_sms = _text("Verification SMS", max_length=140, rows=2, help_text="Must contain {####}.")

    def __init__(self, *args, current: MessagingSettings, **kwargs):
        self.current = current
        super().__init__(*args, initial=dict(current.values), **kwargs)

    def clean_from_address(self):
        value = self.cleaned_data["from_address"].strip()
        if value:
            try:
                validate_email(parseaddr(value)[1])
            except ValidationError:
                raise ValidationError("Enter an email address, or a name and an address: Name <a@example.com>.")
        return value

    def clean(self):
        data = super().clean()
        ses = data.get("email_sending") == "DEVELOPER"
        if ses and not data.get("source_arn"):
            self.add_error("source_arn", "Sending through SES needs the ARN of a verified SES identity.")
        elif data.get("source_arn") and not SES_ARN.match(data["source_arn"]):
            self.add_error("source_arn", "Not an SES identity ARN: arn:aws:ses:region:account:identity/name.")
        for name, what in (("from_address", "A from address"), ("configuration_set", "A configuration set")):
            if data.get(name) and not ses:
                self.add_error(name, f"{what} needs email sent through SES.")
        if data.get("configuration_set") and not CONFIGURATION_SET.match(data["configuration_set"]):
            self.add_error("configuration_set", "Letters, digits, _ and - only, at most 64.")
        role = data.get("sms_role_arn")
        if role and not ROLE_ARN.match(role):
            self.add_error("sms_role_arn", "Not an IAM role ARN: arn:aws:iam::account:role/name.")
        if not role and self.current.sms_in_use:
            self.add_error("sms_role_arn", "The pool verifies phone numbers by SMS: it needs an SMS role.")
        if not role and (data.get("sms_external_id") or data.get("sns_region")):
            self.add_error("sms_role_arn", "An external id or SNS region needs an SMS role.")
        if data.get("sns_region") and not REGION.match(data["sns_region"]):
            self.add_error("sns_region", "Not a region name such as eu-west-1.")
        for name, (placeholders, why) in REQUIRED.items():
            missing = [p for p in placeholders if p not in (data.get(name) or placeholders)]
            if missing:
                self.add_error(name, f"Must contain {' and '.join(missing)}: {why}.")
        if data.get("link_email") and not LINK.search(data["link_email"]):
            self.add_error("link_email", "Must contain the link as {##Click here##}: Cognito puts the link there.")
        return data
