from django import forms

from console.audit.models import AuditEvent


class AuditFilterForm(forms.Form):
    operator = forms.CharField(required=False, max_length=150)
    action = forms.CharField(required=False, max_length=64)
    pool_id = forms.CharField(required=False, max_length=64, label="Pool")
    target = forms.CharField(required=False, max_length=255, label="Target user")
    outcome = forms.ChoiceField(required=False, choices=[("", "Any")] + AuditEvent.OUTCOMES)
    since = forms.DateField(required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError("'From' must be on or before 'To'.")
        return data
