"""Forms for custom attributes: they validate; attributes/services.py builds the requests."""

import re

from django import forms

from console.pools.attributes.services import CUSTOM_ATTRIBUTE_TYPES
from console.pools.fields import ReasonMixin

CUSTOM_ATTRIBUTE_NAME = re.compile(r"^[A-Za-z0-9_-]{1,20}$")


def custom_attribute_lines(text: str) -> list[tuple[str, str]]:
    """[(name, type)] from lines of name:Type (the pool creation form's attribute list)."""
    attributes, seen = [], set()
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        name, _, data_type = line.partition(":")
        name, data_type = name.strip().removeprefix("custom:"), (data_type.strip() or "String")
        if not CUSTOM_ATTRIBUTE_NAME.match(name):
            raise forms.ValidationError(f"Line {number}: names are 1-20 letters, digits, _ or -.")
        if data_type not in CUSTOM_ATTRIBUTE_TYPES:
            raise forms.ValidationError(f"Line {number}: type must be one of {', '.join(CUSTOM_ATTRIBUTE_TYPES)}.")
        if name in seen:
            raise forms.ValidationError(f"Line {number}: {name} is listed twice.")
        seen.add(name)
        attributes.append((name, data_type))
    return attributes


class CustomAttributeForm(ReasonMixin):
    name = forms.CharField(max_length=20, help_text="1-20 letters, digits, _ or -; stored as custom:NAME.")
    data_type = forms.ChoiceField(
        choices=[(t, t) for t in CUSTOM_ATTRIBUTE_TYPES], initial="String", help_text="Cannot change later."
    )
    mutable = forms.BooleanField(
        required=False, initial=True, help_text="Off: the value can be set when the user is created, never changed."
    )
    min_value = forms.IntegerField(
        required=False, min_value=0, help_text="Optional: shortest length (String) or smallest value (Number)."
    )
    max_value = forms.IntegerField(
        required=False, min_value=0, help_text="Optional: longest length (String) or largest value (Number)."
    )
    understood = forms.BooleanField(
        label="I understand Cognito can never remove a custom attribute once added.",
        help_text="The pool keeps it for good.",
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip().removeprefix("custom:")
        if not CUSTOM_ATTRIBUTE_NAME.match(name):
            raise forms.ValidationError("Use 1-20 letters, digits, _ or -.")
        return name

    def clean(self):
        data = super().clean()
        low, high = data.get("min_value"), data.get("max_value")
        if low is not None and high is not None and low > high:
            self.add_error("max_value", "The maximum must not be below the minimum.")
        if data.get("data_type") in ("DateTime", "Boolean") and (low is not None or high is not None):
            self.add_error("min_value", "Only String and Number attributes take limits.")
        return data
