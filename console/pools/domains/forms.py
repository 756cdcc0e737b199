"""The domain form: it validates the prefix."""

import re

from django import forms

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
