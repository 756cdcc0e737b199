"""A pool's messaging as one typed value, read fresh from Cognito: how email and SMS are sent,
and the invitation and verification messages (Cognito's defaults where the pool has none,
so the form always shows what users actually receive).

SOURCES is the one table from the form's names to Cognito's: the selector reads through it
and services.py builds the request through it."""

import re
from dataclasses import dataclass

from console.cognito import pools as cognito_pools

CODE = "{####}"
USERNAME = "{username}"
LINK = re.compile(r"\{##[^#{}]+##\}")

# What Cognito sends when a pool sets no message of its own (as it returns them: a space at the end).
DEFAULT_INVITE_SUBJECT = "Your temporary password"
DEFAULT_INVITE_MESSAGE = "Your username is {username} and temporary password is {####}. "
DEFAULT_CODE_SUBJECT = "Your verification code"
DEFAULT_CODE_MESSAGE = "Your verification code is {####}. "
DEFAULT_LINK_SUBJECT = "Your verification link"
DEFAULT_LINK_MESSAGE = "Please click the link below to verify your email address. {##Verify Email##} "

EMAIL, SMS, INVITE, VERIFY = "EmailConfiguration", "SmsConfiguration", "InviteMessageTemplate", "Verification"
# form field: (block, Cognito's key, Cognito's default, the deprecated top-level copy read when the block lacks it)
SOURCES = {
    "email_sending": (EMAIL, "EmailSendingAccount", "COGNITO_DEFAULT", ""),
    "source_arn": (EMAIL, "SourceArn", "", ""),
    "from_address": (EMAIL, "From", "", ""),
    "reply_to": (EMAIL, "ReplyToEmailAddress", "", ""),
    "configuration_set": (EMAIL, "ConfigurationSet", "", ""),
    "sms_role_arn": (SMS, "SnsCallerArn", "", ""),
    "sms_external_id": (SMS, "ExternalId", "", ""),
    "sns_region": (SMS, "SnsRegion", "", ""),
    "invite_subject": (INVITE, "EmailSubject", DEFAULT_INVITE_SUBJECT, ""),
    "invite_email": (INVITE, "EmailMessage", DEFAULT_INVITE_MESSAGE, ""),
    "invite_sms": (INVITE, "SMSMessage", DEFAULT_INVITE_MESSAGE, ""),
    "verify_by": (VERIFY, "DefaultEmailOption", "CONFIRM_WITH_CODE", ""),
    "code_subject": (VERIFY, "EmailSubject", DEFAULT_CODE_SUBJECT, "EmailVerificationSubject"),
    "code_email": (VERIFY, "EmailMessage", DEFAULT_CODE_MESSAGE, "EmailVerificationMessage"),
    "link_subject": (VERIFY, "EmailSubjectByLink", DEFAULT_LINK_SUBJECT, ""),
    "link_email": (VERIFY, "EmailMessageByLink", DEFAULT_LINK_MESSAGE, ""),
    "code_sms": (VERIFY, "SmsMessage", DEFAULT_CODE_MESSAGE, "SmsVerificationMessage"),
}
SAMPLE = {USERNAME: "jane.doe@example.com", CODE: "123456"}


@dataclass(frozen=True)
class MessagingSettings:
    values: dict[str, str]  # by the form's names (SOURCES)
    sms_in_use: bool = False  # phone numbers are verified by SMS, so the SMS role cannot go


@dataclass(frozen=True)
class MessagePreview:
    title: str
    subject: str
    body: str


def blocks(described: dict) -> dict[str, dict]:
    """The parts of a description SOURCES reads, by its block names."""
    return {
        EMAIL: described.get(EMAIL) or {},
        SMS: described.get(SMS) or {},
        INVITE: (described.get("AdminCreateUserConfig") or {}).get(INVITE) or {},
        VERIFY: described.get("VerificationMessageTemplate") or {},
    }


def messaging_from_cognito(described: dict) -> MessagingSettings:
    parts = blocks(described)
    values = {
        name: parts[block].get(key) or described.get(legacy) or default
        for name, (block, key, default, legacy) in SOURCES.items()
    }
    return MessagingSettings(values, sms_in_use="phone_number" in (described.get("AutoVerifiedAttributes") or []))


def messaging_get(pool_id: str) -> MessagingSettings:
    return messaging_from_cognito(cognito_pools.pool_describe(pool_id, fresh=True))


def _filled(text: str) -> str:
    """A message as a user would read it: sample values for the placeholders, a link's text
    in brackets. Returned as text: the template escapes it (a message may hold HTML)."""
    for placeholder, value in SAMPLE.items():
        text = text.replace(placeholder, value)
    return LINK.sub(lambda m: f"[{m.group(0)[3:-3]}]", text)


def messages_preview(values: dict) -> list[MessagePreview]:
    """The messages a user receives, with sample values (values by the form's names)."""
    by = "link" if values["verify_by"] == "CONFIRM_WITH_LINK" else "code"
    return [
        MessagePreview("Invitation email", _filled(values["invite_subject"]), _filled(values["invite_email"])),
        MessagePreview("Invitation SMS", "", _filled(values["invite_sms"])),
        MessagePreview("Verification email", _filled(values[f"{by}_subject"]), _filled(values[f"{by}_email"])),
        MessagePreview("Verification SMS", "", _filled(values["code_sms"])),
    ]
