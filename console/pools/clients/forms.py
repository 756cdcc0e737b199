"""The app client form: it validates; clients/services.py builds the requests."""

import re
from urllib.parse import urlsplit

from django import forms

from console.cognito.types import AppClient
from console.pools.clients.selectors import ClientChoices
from console.pools.fields import FieldsetsMixin, ReasonMixin, checkboxes, text_field

URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*$")

AUTH_FLOWS = [
    ("ALLOW_USER_SRP_AUTH", "Secure Remote Password (SRP)"),
    ("ALLOW_REFRESH_TOKEN_AUTH", "Refresh tokens"),
    ("ALLOW_USER_PASSWORD_AUTH", "Plain username and password"),
    ("ALLOW_ADMIN_USER_PASSWORD_AUTH", "Admin (server-side) username and password"),
    ("ALLOW_CUSTOM_AUTH", "Custom (Lambda) challenges"),
    ("ALLOW_USER_AUTH", "Choice-based sign-in (passwordless)"),
]
OAUTH_FLOWS = [
    ("code", "Authorization code grant"),
    ("implicit", "Implicit grant"),
    ("client_credentials", "Client credentials (machine to machine)"),
]
STANDARD_SCOPES = ["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"]
UNITS = [("minutes", "minutes"), ("hours", "hours"), ("days", "days")]
MINUTES_PER = {"seconds": 1 / 60, "minutes": 1, "hours": 60, "days": 1440}
# Cognito's limits for each token (in minutes) and its default.
TOKENS = {
    "access": ("Access token", 5, 1440, (60, "minutes")),
    "id": ("ID token", 5, 1440, (60, "minutes")),
    "refresh": ("Refresh token", 60, 3650 * 1440, (30, "days")),
}


def _urls(text: str, label: str) -> list[str]:
    urls = []
    for line in text.splitlines():
        url = line.strip()
        if not url:
            continue
        if len(url) > 1024:
            raise forms.ValidationError(f"{label}: a URL may have at most 1024 characters.")
        parts = urlsplit(url)
        if not URL_SCHEME.match(parts.scheme or "") or "://" not in url:
            raise forms.ValidationError(f"{label}: {url} is not an absolute URL.")
        if parts.fragment or "#" in url:
            raise forms.ValidationError(f"{label}: {url} must not contain a #fragment.")
        local = parts.hostname in ("localhost", "127.0.0.1", "[::1]", "::1")
        if parts.scheme == "http" and not local:
            raise forms.ValidationError(f"{label}: {url} must use https (http is allowed only for localhost).")
        if parts.scheme in ("http", "https") and not parts.hostname:
            raise forms.ValidationError(f"{label}: {url} has no host.")
        if url not in urls:
            urls.append(url)
    if len(urls) > 100:
        raise forms.ValidationError(f"{label}: at most 100 URLs.")
    return urls


def client_initial(client: AppClient) -> dict:
    initial = {
        "name": client.name,
        "confidential": client.has_secret,
        "identity_providers": client.identity_providers,
        "auth_flows": client.auth_flows,
        "auth_session_minutes": client.auth_session_minutes or 3,
        "prevent_user_existence_errors": client.prevent_user_existence_errors,
        "read_attributes": client.read_attributes,
        "write_attributes": client.write_attributes,
        "token_revocation": client.token_revocation,
        "refresh_rotation": client.refresh_rotation,
        "rotation_grace_seconds": client.rotation_grace_seconds,
        "oauth_flows": client.oauth_flows,
        "scopes": client.oauth_scopes,
        "callback_urls": "\n".join(client.callback_urls),
        "logout_urls": "\n".join(client.logout_urls),
    }
    for token, (_, _, _, (default, default_unit)) in TOKENS.items():
        value, unit = getattr(client, f"{token}_token_validity"), getattr(client, f"{token}_token_unit")
        initial[f"{token}_token_validity"] = value if value is not None else default
        initial[f"{token}_token_unit"] = unit if value is not None else default_unit
    return initial


def switch(label: str, help_text: str, initial: bool = False):
    return forms.BooleanField(required=False, initial=initial, label=label, help_text=help_text)


def _span(minutes: int) -> str:
    days = minutes // 1440
    return f"{days} day{'s' if days > 1 else ''}" if days else f"{minutes} minutes"


def _token_fields() -> dict:
    fields = {}
    for token, (label, low, high, (default, unit)) in TOKENS.items():
        fields[f"{token}_token_validity"] = forms.IntegerField(
            min_value=1, initial=default, label=label, help_text=f"From {_span(low)} to {_span(high)}."
        )
        fields[f"{token}_token_unit"] = forms.ChoiceField(choices=UNITS, initial=unit, label=f"{label} unit")
    return fields


class ClientForm(FieldsetsMixin, ReasonMixin):
    fieldset_names = [
        ("The app client", ["name", "confidential", "identity_providers"]),
        ("Direct sign-in", ["auth_flows", "auth_session_minutes", "prevent_user_existence_errors"]),
        ("Tokens", [*_token_fields(), "token_revocation", "refresh_rotation", "rotation_grace_seconds"]),
        ("Attributes", ["read_attributes", "write_attributes"]),
        ("Hosted sign-in (OAuth)", ["oauth_flows", "scopes", "callback_urls", "logout_urls"]),
        ("Audit", ["reason"]),
    ]

    name = forms.CharField(max_length=128, help_text="A name for people, e.g. web-app.")
    confidential = forms.BooleanField(
        required=False,
        label="Confidential client (with a secret)",
        help_text="For server-side apps that can keep a secret; browser and mobile apps are public. Cannot change.",
    )
    identity_providers = checkboxes(
        [], required=False, initial=["COGNITO"], help_text="Where users of this client may sign in."
    )
    auth_flows = checkboxes(
        AUTH_FLOWS,
        required=False,
        initial=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        help_text="How the app may sign users in directly (SRP and refresh tokens suit most apps).",
    )
    auth_session_minutes = forms.IntegerField(
        min_value=3,
        max_value=15,
        initial=3,
        label="Sign-in session (minutes)",
        help_text="How long a user has to finish each sign-in step (3 to 15).",
    )
    prevent_user_existence_errors = switch(
        "Prevent user existence errors", "Sign-in and recovery answer the same whether or not the user exists.", True
    )
    token_revocation = switch("Token revocation", "Apps may revoke refresh tokens.", True)
    refresh_rotation = switch("Refresh token rotation", "Each refresh returns a new refresh token, retiring the old.")
    rotation_grace_seconds = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=60,
        label="Rotation grace period (seconds)",
        help_text="How long the old refresh token still works (0 to 60).",
    )
    read_attributes = checkboxes([], required=False, help_text="None ticked: the app reads every attribute.")
    write_attributes = checkboxes([], required=False, help_text="Only mutable attributes; none ticked: all of them.")
    oauth_flows = checkboxes(
        OAUTH_FLOWS,
        required=False,
        label="OAuth flows",
        help_text="For the hosted sign-in pages; leave empty for an app that signs users in itself.",
    )
    scopes = checkboxes(
        [],
        required=False,
        initial=["openid", "email", "profile"],
        label="OAuth scopes",
        help_text="Standard scopes and the pool's resource servers' custom scopes.",
    )
    callback_urls = text_field(
        "Callback URLs", "One per line; where Cognito returns users after sign-in (https, or http://localhost).", rows=2
    )
    logout_urls = text_field("Sign-out URLs", "One per line; where Cognito sends users after signing out.", rows=2)

    def __init__(self, *args, client: AppClient | None = None, choices: ClientChoices | None = None, **kwargs):
        if client is not None:
            kwargs["initial"] = client_initial(client)
        super().__init__(*args, **kwargs)
        self.fields.update(_token_fields())
        self.order_fields([name for _, names in self.fieldset_names for name in names])
        choices = choices or ClientChoices()
        kept = client or AppClient(pool_id="", id="", name="")
        self._offer("identity_providers", ["COGNITO", *choices.providers], kept.identity_providers)
        self._offer("read_attributes", [a.name for a in choices.attributes], kept.read_attributes)
        self._offer("write_attributes", [a.name for a in choices.attributes if a.mutable], kept.write_attributes)
        self._offer("scopes", [*STANDARD_SCOPES, *choices.scopes], kept.oauth_scopes)
        if client is not None:
            self.fields["confidential"].disabled = True

    def _offer(self, name: str, offered: list[str], current: list[str]) -> None:
        """The choices of a list field; what the client has but the pool no longer defines stays
        offered (so it can be unticked) and says so. Anything else submitted is refused."""
        labels = {"COGNITO": "Cognito user directory"}
        gone = [c for c in current if c not in offered]
        self.fields[name].choices = [(c, labels.get(c, c)) for c in offered] + [(c, f"{c} (not defined)") for c in gone]

    def clean_callback_urls(self):
        return _urls(self.cleaned_data["callback_urls"], "Callback URLs")

    def clean_logout_urls(self):
        return _urls(self.cleaned_data["logout_urls"], "Sign-out URLs")

    def clean(self):
        data = super().clean()
        for token, (label, low, high, _) in TOKENS.items():
            value, unit = data.get(f"{token}_token_validity"), data.get(f"{token}_token_unit")
            if value is not None and unit and not low <= value * MINUTES_PER[unit] <= high:
                self.add_error(f"{token}_token_validity", f"{label}: from {_span(low)} to {_span(high)}.")
        flows = data.get("oauth_flows") or []
        scopes = data.get("scopes")
        if flows:
            if scopes is not None and not scopes:
                self.add_error("scopes", "OAuth flows need at least one scope.")
            if ({"code", "implicit"} & set(flows)) and "callback_urls" in data and not data["callback_urls"]:
                self.add_error("callback_urls", "The code and implicit flows need at least one callback URL.")
            if "client_credentials" in flows:
                if len(flows) > 1:
                    self.add_error("oauth_flows", "Client credentials cannot be combined with other flows.")
                if not data.get("confidential"):
                    self.add_error("oauth_flows", "Client credentials need a confidential client (with a secret).")
                if scopes and any(s in STANDARD_SCOPES for s in scopes):
                    self.add_error("scopes", "Client credentials take only resource-server scopes (id/name).")
        return data
