from django import forms

from console.accounts.policy import ReasonField
from console.jobs.importer import EXISTING_CHOICES


class UploadForm(forms.Form):
    file = forms.FileField(label="CSV file", help_text="UTF-8, comma, semicolon or tab separated, header row first.")
    create_missing_groups = forms.BooleanField(required=False, label="Create groups that do not exist yet")


class StartImportForm(forms.Form):
    existing = forms.ChoiceField(
        choices=EXISTING_CHOICES, initial="skip", label="Users that already exist", widget=forms.RadioSelect
    )
    invitations = forms.ChoiceField(
        choices=(("send", "Send invitations (email or SMS)"), ("suppress", "Suppress invitations")),
        initial="send",
        widget=forms.RadioSelect,
    )
    create_missing_groups = forms.BooleanField(required=False, label="Create groups that do not exist yet")
    only_valid = forms.BooleanField(required=False, label="Import only the valid rows")
    reason = ReasonField(asks_reason=False, label="Reason (ticket)")


class NativeImportForm(forms.Form):
    name = forms.CharField(max_length=128, required=False, label="Job name")
    role_arn = forms.CharField(max_length=2048, required=False, label="CloudWatch Logs role ARN")
    file = forms.FileField(label="CSV file with Cognito's header")
    reason = ReasonField(asks_reason=False, label="Reason (ticket)")
