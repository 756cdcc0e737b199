"""The managed login branding form of an app client: Cognito's provided values or a settings
JSON document, and one asset upload at a time, checked before any call (an asset at most
1,000,000 bytes, Cognito's API limit, of the type its extension names)."""

import json

from django import forms

from console.accounts.policy import ReasonField
from console.pools.branding.forms import checked_upload

SETTINGS_MAX = 100_000  # characters of the settings document
ASSET_MAX = 1_000_000
CATEGORIES = ["PAGE_HEADER_LOGO", "PAGE_BACKGROUND", "FORM_LOGO", "FORM_BACKGROUND", "PAGE_HEADER_BACKGROUND",
              "PAGE_FOOTER_LOGO", "PAGE_FOOTER_BACKGROUND", "FAVICON_ICO", "FAVICON_SVG", "EMAIL_GRAPHIC",
              "SMS_GRAPHIC", "AUTH_APP_GRAPHIC", "PASSWORD_GRAPHIC", "PASSKEY_GRAPHIC", "IDP_BUTTON_ICON"]
COLOR_MODES = [("LIGHT", "Light"), ("DARK", "Dark"), ("DYNAMIC", "Both (follows the browser)")]
# Cognito's asset extensions: what the file starts with and its file name's endings.
ASSET_TYPES = {
    "PNG": (b"\x89PNG\r\n\x1a\n", (".png",)),
    "JPEG": (b"\xff\xd8\xff", (".jpg", ".jpeg")),
    "ICO": (b"\x00\x00\x01\x00", (".ico",)),
    "SVG": (b"<", (".svg",)),
}


class ManagedLoginForm(forms.Form):
    use_cognito = forms.BooleanField(label="Use Cognito's provided values", required=False,
                                     help_text="Cognito's default look; the settings below are ignored.")
    settings = forms.CharField(label="Settings (JSON)", required=False, max_length=SETTINGS_MAX, strip=False,
                               widget=forms.Textarea(attrs={"rows": 10, "class": "mono"}),
                               help_text="A JSON object, as the branding editor exports it.")
    asset = forms.FileField(label="Add or replace an asset", required=False,
                            help_text="PNG, JPEG, SVG or ICO, at most 1,000,000 bytes; replaces the asset of the "
                                      "same category and colour mode, keeps the others.")
    asset_category = forms.ChoiceField(label="Asset category", choices=[(c, c) for c in CATEGORIES])
    asset_color_mode = forms.ChoiceField(label="Asset colour mode", choices=COLOR_MODES)
    reason = ReasonField()

    def clean_settings(self):
        text = self.cleaned_data["settings"].strip()
        if not text:
            return None
        try:
            value = json.loads(text)
        except ValueError as exc:
            raise forms.ValidationError(f"Not valid JSON: {exc}.")
        if not isinstance(value, dict):
            raise forms.ValidationError("The settings must be a JSON object ({ ... }).")
        return value

    def clean_asset(self):
        checked = checked_upload(self.cleaned_data.get("asset"), most=ASSET_MAX, limit="at most 1,000,000 bytes",
                                 types=ASSET_TYPES,
                                 what="asset", allowed="a PNG, JPEG, SVG or ICO file")
        return checked and {"Bytes": checked[0], "Extension": checked[1]}

    def clean(self):
        data = super().clean()
        if data.get("use_cognito") and data.get("settings") is not None:
            self.add_error("settings", "Either Cognito's provided values or your settings, not both.")
        elif not data.get("use_cognito") and "settings" in data and data["settings"] is None:
            self.add_error("settings", "Give the settings document, or use Cognito's provided values.")
        return data
