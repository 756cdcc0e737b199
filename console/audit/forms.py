from django import forms

from console.audit.models import AuditEvent


class AuditFilterForm(forms.Form):
    """Filters of the audit log. Actions and pools are lists to choose from (built by the
    view from what the log holds and the pools the operator may see), not free text."""

    operator = forms.CharField(required=False, max_length=150)
    action = forms.ChoiceField(required=False, choices=[("", "Any action")])
    pool_id = forms.ChoiceField(required=False, label="Pool", choices=[("", "Any pool")])
    target = forms.CharField(required=False, max_length=255, label="Target user")
    outcome = forms.ChoiceField(required=False, choices=[("", "Any")] + AuditEvent.OUTCOMES)
    since = forms.DateField(required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, actions=(), pools=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", "Any action"), *actions, *self._asked_for("action", actions)]
        self.fields["pool_id"].choices = [("", "Any pool"), *pools, *self._asked_for("pool_id", pools)]

    def _asked_for(self, name: str, choices) -> list:
        """A value in the URL that is not a current choice (a deleted pool, an action from an
        old link) still filters: it becomes a choice of its own rather than an error."""
        asked = (self.data.get(name) or "").strip() if self.is_bound else ""
        known = {value for value, _ in _flat(choices)}
        return [(asked, asked)] if asked and asked not in known else []

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError("'From' must be on or before 'To'.")
        return data


def _flat(choices):
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            yield from label
        else:
            yield value, label
