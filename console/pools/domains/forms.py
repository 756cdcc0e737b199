"""The domain form: it validates the prefix."""

import re

from django import forms

from console.accounts.policy import ReasonField
from console.pools.fields import ReasonMixin

DOMAIN_PREFIX = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


class DomainForm(ReasonMixin):
    prefix = forms.CharField(
        max_length=63,
        label="Domain prefix",
        help_text="Lower-case letters, digits and hyphens; pages live at PREFIX.auth.REGION.amazoncognito.com.",
    )

    def clean_prefix(self):
        prefix = self.cleaned_data["prefix"].strip()
        if not DOMAIN_PREFIX.match(prefix):
            raise forms.ValidationError("Use 1-63 lower-case letters, digits and hyphens (not first or last).")
        if any(word in prefix for word in ("aws", "amazon", "cognito")):
            raise forms.ValidationError("Cognito reserves prefixes containing aws, amazon or cognito.")
        return prefix


# CloudFront serves a custom domain, and CloudFront takes certificates from us-east-1 only.
CERTIFICATE_ARN = re.compile(r"^arn:aws:acm:us-east-1:\d{12}:certificate/[0-9a-f-]{1,64}$")
CERTIFICATE_HELP = "arn:aws:acm:us-east-1:ACCOUNT:certificate/ID — an ACM certificate in us-east-1 (for CloudFront)."
HOSTNAME = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
VERSION_CHOICES = [("1", "1 — the classic hosted UI"), ("2", "2 — managed login (branding per app client)")]


def version_field():
    return forms.TypedChoiceField(label="Managed login version", choices=VERSION_CHOICES, coerce=int)


def clean_certificate(value: str) -> str:
    value = value.strip()
    if not CERTIFICATE_ARN.match(value):
        raise forms.ValidationError(
            "Not an ACM certificate ARN in us-east-1: arn:aws:acm:us-east-1:ACCOUNT:certificate/ID "
            "(CloudFront, which serves the domain, takes certificates from us-east-1 only)."
        )
    return value


class CustomDomainForm(forms.Form):
    """A custom domain: the name, its ACM certificate and the managed-login version."""

    domain = forms.CharField(max_length=253, label="Domain name", help_text="For example auth.example.com.")
    certificate_arn = forms.CharField(max_length=2048, label="Certificate ARN", help_text=CERTIFICATE_HELP)
    version = version_field()
    reason = ReasonField()

    def clean_domain(self):
        domain = self.cleaned_data["domain"].strip().lower().rstrip(".")
        if not HOSTNAME.match(domain):
            raise forms.ValidationError("Enter a full domain name such as auth.example.com.")
        if domain.endswith(("amazoncognito.com", "amazonaws.com")):
            raise forms.ValidationError("Use a domain of your own; Cognito's are prefix domains.")
        return domain

    def clean_certificate_arn(self):
        return clean_certificate(self.cleaned_data["certificate_arn"])


class DomainSettingsForm(forms.Form):
    """A domain's settings UpdateUserPoolDomain changes; the certificate for a custom domain only."""

    version = version_field()
    certificate_arn = forms.CharField(max_length=2048, label="Certificate ARN", help_text=CERTIFICATE_HELP)
    reason = ReasonField()

    def __init__(self, *args, custom: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not custom:
            del self.fields["certificate_arn"]

    def clean_certificate_arn(self):
        return clean_certificate(self.cleaned_data["certificate_arn"])
