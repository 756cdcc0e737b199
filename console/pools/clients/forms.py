"""The app client form: it validates; clients/services.py builds the requests."""

import re
from urllib.parse import urlsplit

from django import forms

from console.cognito.types import AppClient
from console.pools.fields import FieldsetsMixin, ReasonMixin, checkboxes

SCOPE = re.compile(r"^[\x21\x23-\x5B\x5D-\x7E]{1,256}$")
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
STANDARD_SCOPES = {"openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"}


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


def _minutes(value, unit: str) -> int | None:
    """A token validity in minutes, whatever unit Cognito stores it in."""
    if value is None:
        return None
    factor = {"seconds": 1 / 60, "minutes": 1, "hours": 60, "days": 1440}[unit]
    return int(value * factor)


def client_initial(client: AppClient) -> dict:
    refresh_minutes = _minutes(client.refresh_token_validity, client.refresh_token_unit)
    return {
        "name": client.name,
        "confidential": client.has_secret,
        "auth_flows": client.auth_flows,
        "access_token_minutes": _minutes(client.access_token_validity, client.access_token_unit) or 60,
        "id_token_minutes": _minutes(client.id_token_validity, client.id_token_unit) or 60,
        "refresh_token_days": max(1, (refresh_minutes or 30 * 1440) // 1440),
        "oauth_flows": client.oauth_flows,
        "scopes": " ".join(client.oauth_scopes),
        "callback_urls": "\n".join(client.callback_urls),
        "logout_urls": "\n".join(client.logout_urls),
    }


class ClientForm(FieldsetsMixin, ReasonMixin):
    fieldset_names = [
        ("The app client", ["name", "confidential"]),
        ("Direct sign-in", ["auth_flows"]),
        ("Token lifetimes", ["access_token_minutes", "id_token_minutes", "refresh_token_days"]),
        ("Hosted sign-in (OAuth)", ["oauth_flows", "scopes", "callback_urls", "logout_urls"]),
        ("Audit", ["reason"]),
    ]

    name = forms.CharField(max_length=128, help_text="A name for people, e.g. web-app.")
    confidential = forms.BooleanField(
        required=False,
        label="Confidential client (with a secret)",
        help_text="For server-side apps that can keep a secret; browser and mobile apps are public. Cannot change.",
    )
    auth_flows = checkboxes(
        AUTH_FLOWS,
        required=False,
        initial=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        help_text="How the app may sign users in directly (SRP and refresh tokens suit most apps).",
    )
    access_token_minutes = forms.IntegerField(
        min_value=5, max_value=1440, initial=60, help_text="Minutes an access token is valid (5 to 1440)."
    )
    id_token_minutes = forms.IntegerField(
        min_value=5, max_value=1440, initial=60, help_text="Minutes an ID token is valid (5 to 1440)."
    )
    refresh_token_days = forms.IntegerField(
        min_value=1, max_value=3650, initial=30, help_text="Days a refresh token is valid (1 to 3650)."
    )
    oauth_flows = checkboxes(
        OAUTH_FLOWS,
        required=False,
        label="OAuth flows",
        help_text="For the hosted sign-in pages; leave empty for an app that signs users in itself.",
    )
    scopes = forms.CharField(
        required=False,
        initial="openid email profile",
        label="OAuth scopes",
        help_text="Space-separated: openid email phone profile aws.cognito.signin.user.admin or resource/scope.",
    )
    callback_urls = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Callback URLs",
        help_text="One per line; where Cognito returns users after sign-in (https, or http://localhost).",
    )
    logout_urls = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Sign-out URLs",
        help_text="One per line; where Cognito sends users after signing out.",
    )

    def __init__(self, *args, client: AppClient | None = None, **kwargs):
        if client is not None:
            kwargs["initial"] = client_initial(client)
        super().__init__(*args, **kwargs)
        if client is not None:
            self.fields["confidential"].disabled = True

    def clean_scopes(self):
        scopes = []
        for scope in self.cleaned_data["scopes"].split():
            if not SCOPE.match(scope) or (scope not in STANDARD_SCOPES and "/" not in scope):
                raise forms.ValidationError(f"{scope} is not a standard scope or a resource-server scope (id/name).")
            if scope not in scopes:
                scopes.append(scope)
        return scopes

    def clean_callback_urls(self):
        return _urls(self.cleaned_data["callback_urls"], "Callback URLs")

    def clean_logout_urls(self):
        return _urls(self.cleaned_data["logout_urls"], "Sign-out URLs")

    def clean(self):
        data = super().clean()
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
