"""Forms of the federated-user actions (issue 13, item 4): the reason plus the identity."""

from django import forms

from console.cognito.federated_users import SUBJECT
from console.users.forms import ReasonForm


class UnlinkIdentityForm(ReasonForm):
    provider = forms.CharField(max_length=32, label="Identity provider")
    user_id = forms.CharField(max_length=2048, label="User id at the provider")


class LinkIdentityForm(ReasonForm):
    provider = forms.ChoiceField(label="Identity provider")
    attribute = forms.CharField(
        max_length=128,
        initial=SUBJECT,
        label="Provider attribute",
        help_text=f"{SUBJECT} (the user's id at the provider) or, for SAML, the name of an attribute it sends.",
    )
    value = forms.CharField(max_length=2048, label="Value at the provider")
    understood = forms.BooleanField(label="I understand: this identity will sign in as this user.")

    def __init__(self, data=None, *, providers):
        super().__init__(data)
        self.fields["provider"].choices = [(p.name, f"{p.name} ({p.type})") for p in providers]

    def params(self) -> dict:
        data = self.cleaned_data
        return {"provider": data["provider"], "attribute": data["attribute"].strip(), "value": data["value"].strip()}
