import re

from django import forms
from django.contrib.auth import get_user_model

from console.accounts.models import ROLES
from console.core.converters import PoolIdConverter

ROLE_CHOICES = [(r, r.capitalize()) for r in reversed(ROLES)]
_POOL_ID = re.compile(rf"^{PoolIdConverter.regex}$")


class PoolListField(forms.CharField):
    """Comma- or line-separated pool ids; empty means every pool."""

    def to_python(self, value):
        items = re.split(r"[\s,]+", (value or "").strip())
        return [item for item in items if item]

    def validate(self, value):
        bad = [item for item in value if not _POOL_ID.match(item)]
        if bad:
            raise forms.ValidationError(f"Not a user pool id: {', '.join(bad)} (expected e.g. eu-west-1_AbC123).")

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value


class OperatorForm(forms.Form):
    role = forms.ChoiceField(choices=ROLE_CHOICES, help_text="Viewer looks; helpdesk acts on users; admin does all.")
    pools = PoolListField(required=False, label="Limit to pools", widget=forms.Textarea(attrs={"rows": 2}),
                          help_text="Pool ids separated by commas. Empty: every pool.")


class OperatorCreateForm(OperatorForm):
    username = forms.CharField(max_length=150)
    email = forms.EmailField(required=False)
    field_order = ["username", "email", "role", "pools"]

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("An operator with this name already exists.")
        return username


class OperatorEditForm(OperatorForm):
    is_active = forms.BooleanField(required=False, label="Active", help_text="Inactive operators cannot sign in.")
