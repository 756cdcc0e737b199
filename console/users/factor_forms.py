"""Forms of the lost-phone and stolen-laptop actions (issue 13, items 1-2): the reason plus the
MFA method or the device the action is about."""

from django import forms
from django.core.validators import RegexValidator

from console.cognito.factors import MFA_SETTINGS, NO_PREFERRED
from console.users.factor_services import METHOD_NAMES
from console.users.forms import ReasonForm

# Cognito's DeviceKey: the region, an underscore and a UUID (API reference, AdminGetDevice).
DEVICE_KEY = RegexValidator(r"^[\w-]+_[0-9a-f-]+$", "This is not a Cognito device key.")
SESSION_ID = RegexValidator(r"^[\w.:-]+$", "This is not a Cognito session id.")


class MfaPreferenceForm(ReasonForm):
    method = forms.ChoiceField(choices=[(m, METHOD_NAMES[m]) for m in MFA_SETTINGS], label="MFA method")
    state = forms.ChoiceField(choices=[("on", "On"), ("off", "Off")], label="Setting")
    preferred = forms.BooleanField(required=False, label="Preferred")

    def clean(self):
        data = super().clean()
        if data.get("preferred") and data.get("method") in NO_PREFERRED:
            self.add_error("preferred", "Cognito has no preferred setting for passkeys; turn them on or off.")
        if data.get("preferred") and data.get("state") == "off":
            self.add_error("preferred", "A method that is off cannot be the preferred one.")
        return data

    def params(self) -> dict:
        data = self.cleaned_data
        return {"method": data["method"], "enabled": data["state"] == "on", "preferred": data["preferred"]}


class DeviceForm(ReasonForm):
    device_key = forms.CharField(max_length=55, validators=[DEVICE_KEY], label="Device")


class SessionForm(ReasonForm):
    session_id = forms.CharField(max_length=128, validators=[SESSION_ID], label="Session")
    linked = forms.BooleanField(required=False, label="Also end the sessions linked to it")
