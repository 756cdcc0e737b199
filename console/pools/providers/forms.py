"""The identity provider forms (OIDC, SAML): they validate; providers/services.py builds the requests."""

import re
from urllib.parse import urlsplit

from django import forms

from console.cognito.providers import IdentityProvider
from console.pools.fields import FieldsetsMixin, ReasonMixin, pairs, text_field

# Cognito's ProviderName: 1-32 characters, no whitespace, not starting with "_"; "/" would
# break the console's URLs, and Cognito reserves the built-in names.
PROVIDER_NAME = re.compile(r"^[^\s_/][^\s/]{0,31}$")
RESERVED_NAMES = {"new", "cognito", "google", "facebook", "loginwithamazon", "signinwithapple"}
IDENTIFIER = re.compile(r"^[\w\s+=.@-]{1,40}$")
CLAIM = re.compile(r"^[^\s=]{1,131072}$")
SCOPE = re.compile(r"^[\x21\x23-\x5B\x5D-\x7E]{1,256}$")
# Cognito maps these itself, or they cannot take a value from an IdP.
UNMAPPABLE = {"username", "sub", "identities", "cognito:user_status"}
METADATA_LIMIT = 131072


def _https_url(value: str, label: str) -> str:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname:
        raise forms.ValidationError(f"{label} must be an https:// URL with a host.")
    return value


def _words(text: str, pattern: re.Pattern, message: str) -> list[str]:
    """Space-separated words, each matching pattern (else message.format(word)), without repeats."""
    words = []
    for word in text.split():
        if not pattern.match(word):
            raise forms.ValidationError(message.format(word))
        if word not in words:
            words.append(word)
    return words


class SecretTextarea(forms.Textarea):
    def format_value(self, value):
        return None  # like PasswordInput(render_value=False): a key typed in never comes back in a page


def secret_field(label: str, **kwargs):
    """A provider's secret: never rendered back, so an edit that leaves it empty keeps the current one."""
    widget = SecretTextarea(attrs={"rows": 4}) if kwargs.pop("multiline", False) else forms.PasswordInput()
    return forms.CharField(
        required=False, max_length=131072, label=label, widget=widget, help_text="Never shown again after saving."
    )


class ProviderForm(FieldsetsMixin, ReasonMixin):
    """What every provider has: a name, an attribute mapping against the pool's schema, identifiers;
    the secret field (secret_name) a new provider needs and an edit may leave empty to keep."""

    secret_name = ""

    name = forms.CharField(max_length=32, help_text="1-32 characters, no spaces, e.g. Okta. Cannot change.")
    attribute_mapping = text_field(
        "Attribute mapping",
        "One per line: pool attribute = provider claim, e.g. email = email. Only attributes the pool has.",
        rows=4,
    )
    identifiers = text_field(
        "Identifiers",
        "Space-separated, e.g. the company's email domains (example.com), to route users to this provider.",
    )

    def __init__(self, *args, attributes=(), provider: IdentityProvider | None = None, **kwargs):
        # attributes: the pool's attributes (PoolAttribute), which the mapping must name.
        self.attributes = {a.name: a for a in attributes}
        if provider is not None:
            kwargs["initial"] = self.initial_from(provider)
        super().__init__(*args, **kwargs)
        self.provider = provider
        if provider is not None:
            self.fields["name"].disabled = True
        if self.secret_name and self.keeps_secret:
            self.fields[self.secret_name].help_text = "Leave empty to keep the current secret (never shown again)."

    @property
    def keeps_secret(self) -> bool:
        return self.provider is not None and self.provider.has_secret

    def clean(self):
        data = super().clean()
        if self.secret_name and not data.get(self.secret_name) and not self.keeps_secret:
            self.add_error(
                self.secret_name, f"Enter the {self.fields[self.secret_name].label.lower()} the IdP gave you."
            )
        return data

    def clean_scopes(self):
        return _words(self.cleaned_data["scopes"], SCOPE, "{} is not a scope name.")

    def initial_from(self, provider: IdentityProvider) -> dict:
        mapping = {k: v for k, v in provider.attribute_mapping.items() if k not in UNMAPPABLE}
        return {
            "name": provider.name,
            "attribute_mapping": "\n".join(f"{k} = {v}" for k, v in sorted(mapping.items())),
            "identifiers": " ".join(provider.identifiers),
        }

    def clean_name(self):
        name = self.cleaned_data["name"]
        if not PROVIDER_NAME.match(name):
            raise forms.ValidationError("1-32 characters without spaces or /, not starting with _.")
        if name.lower() in RESERVED_NAMES:
            raise forms.ValidationError(f"{name} is reserved for Cognito's own or a social provider.")
        return name

    def clean_attribute_mapping(self):
        mapping = {}
        for number, attribute, claim in pairs(
            self.cleaned_data["attribute_mapping"], "pool attribute = provider claim"
        ):
            self._check_mappable(attribute, number)
            if not CLAIM.match(claim):
                raise forms.ValidationError(f"Line {number}: {claim} is not a claim name (no spaces).")
            if attribute in mapping:
                raise forms.ValidationError(f"Line {number}: {attribute} is mapped twice.")
            mapping[attribute] = claim
        return mapping

    def _check_mappable(self, attribute: str, number: int) -> None:
        if attribute in UNMAPPABLE:
            raise forms.ValidationError(f"Line {number}: Cognito sets {attribute} itself; it cannot be mapped.")
        known = self.attributes.get(attribute)
        if known is None:
            raise forms.ValidationError(f"Line {number}: the pool has no attribute {attribute}.")
        if not known.mutable:
            raise forms.ValidationError(
                f"Line {number}: {attribute} is not mutable, so Cognito cannot update it at each sign-in."
            )

    def clean_identifiers(self):
        message = "{} is not an identifier (letters, digits, . @ _ - + =)."
        identifiers = _words(self.cleaned_data["identifiers"], IDENTIFIER, message)
        if len(identifiers) > 50:
            raise forms.ValidationError("At most 50 identifiers.")
        return identifiers


class OidcForm(ProviderForm):
    secret_name = "client_secret"
    fieldset_names = [
        ("The provider", ["name", "issuer", "client_id", "client_secret", "scopes", "attributes_request_method"]),
        ("Users", ["attribute_mapping", "identifiers"]),
        ("Audit", ["reason"]),
    ]

    issuer = forms.CharField(
        max_length=2048, label="Issuer URL", help_text="Cognito discovers the endpoints from its .well-known page."
    )
    client_id = forms.CharField(max_length=2048, label="Client id", help_text="The client id the IdP gave you.")
    client_secret = secret_field("Client secret")
    scopes = forms.CharField(initial="openid email profile", label="Authorize scopes", help_text="Space-separated.")
    attributes_request_method = forms.ChoiceField(
        choices=[("GET", "GET"), ("POST", "POST")], initial="GET", label="Attribute request method"
    )

    def initial_from(self, provider):
        initial = super().initial_from(provider)
        d = provider.details
        initial.update(
            issuer=d.get("oidc_issuer", ""),
            client_id=d.get("client_id", ""),
            scopes=d.get("authorize_scopes", ""),
            attributes_request_method=d.get("attributes_request_method", "GET"),
        )
        return initial

    def clean_issuer(self):
        return _https_url(self.cleaned_data["issuer"].strip().rstrip("/"), "The issuer")

    def clean_scopes(self):
        scopes = super().clean_scopes()
        if "openid" not in scopes:
            raise forms.ValidationError("OpenID Connect needs the openid scope.")
        return scopes


class SamlForm(ProviderForm):
    fieldset_names = [
        ("The provider", ["name", "metadata_url", "metadata_file"]),
        ("Sign-in and sign-out", ["idp_init", "idp_signout", "sign_requests", "encrypted_responses"]),
        ("Users", ["attribute_mapping", "identifiers"]),
        ("Audit", ["reason"]),
    ]

    metadata_url = forms.CharField(
        required=False, max_length=1000, label="Metadata URL", help_text="https URL of the IdP's SAML metadata."
    )
    metadata_file = forms.FileField(
        required=False, label="Metadata file", help_text="Or upload the metadata XML (up to 128 KB)."
    )
    idp_init = forms.BooleanField(required=False, label="Allow IdP-initiated sign-in")
    idp_signout = forms.BooleanField(required=False, label="Sign users out of the IdP too (SAML sign-out flow)")
    sign_requests = forms.BooleanField(required=False, label="Sign SAML requests (rsa-sha256)")
    encrypted_responses = forms.BooleanField(required=False, label="Require encrypted SAML assertions")

    def initial_from(self, provider):
        initial = super().initial_from(provider)
        d = provider.details
        initial.update(
            metadata_url=d.get("MetadataURL", ""),
            idp_init=d.get("IDPInit") == "true",
            idp_signout=d.get("IDPSignout") == "true",
            sign_requests=bool(d.get("RequestSigningAlgorithm")),
            encrypted_responses=d.get("EncryptedResponses") == "true",
        )
        return initial

    def clean_metadata_url(self):
        url = self.cleaned_data["metadata_url"].strip()
        return _https_url(url, "The metadata URL") if url else ""

    def clean_metadata_file(self):
        upload = self.cleaned_data.get("metadata_file")
        if not upload:
            return ""
        if upload.size > METADATA_LIMIT:
            raise forms.ValidationError("The metadata file is larger than 128 KB.")
        try:
            text = upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError("The metadata file is not UTF-8 text.") from None
        if "EntityDescriptor" not in text:
            raise forms.ValidationError("That file is not SAML metadata (no EntityDescriptor).")
        return text

    def clean(self):
        data = super().clean()
        url, file = data.get("metadata_url"), data.get("metadata_file")
        if url and file:
            self.add_error("metadata_file", "Give a metadata URL or a file, not both.")
        has_metadata = self.provider is not None
        if not url and not file and not has_metadata and "metadata_url" not in self.errors:
            self.add_error("metadata_url", "Give the IdP's metadata URL or upload its metadata file.")
        return data


class SocialForm(ProviderForm):
    """Google, Facebook and Login with Amazon: Cognito names the provider after its type."""

    secret_name = "client_secret"
    fieldset_names = [
        ("The provider", ["client_id", "client_secret", "scopes"]),
        ("Users", ["attribute_mapping"]),
        ("Audit", ["reason"]),
    ]

    client_id = forms.CharField(max_length=2048, label="Client id", help_text="The app id the provider gave you.")
    client_secret = secret_field("Client secret")
    scopes = forms.CharField(
        initial="openid email profile",
        label="Authorize scopes",
        help_text="Space-separated, as the provider names them.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["name"], self.fields["identifiers"]  # the name is the type; social IdPs take no identifiers

    def initial_from(self, provider):
        d = provider.details
        initial = super().initial_from(provider)
        initial.update({key: d.get(key, "") for key in ("client_id", "team_id", "key_id")})
        initial["scopes"] = d.get("authorize_scopes", "")
        return initial


class AppleForm(SocialForm):
    secret_name = "private_key"
    fieldset_names = [
        ("The provider", ["client_id", "team_id", "key_id", "private_key", "scopes"]),
        ("Users", ["attribute_mapping"]),
        ("Audit", ["reason"]),
    ]

    client_id = forms.CharField(max_length=2048, label="Services id", help_text="The Services ID from Apple.")
    team_id = forms.CharField(max_length=64, label="Team id")
    key_id = forms.CharField(max_length=64, label="Key id")
    private_key = secret_field("Private key", multiline=True)
    scopes = forms.CharField(required=False, initial="email name", label="Authorize scopes", help_text="email name")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["client_secret"]


FORMS = {
    "oidc": ("OIDC", OidcForm),
    "saml": ("SAML", SamlForm),
    "google": ("Google", SocialForm),
    "facebook": ("Facebook", SocialForm),
    "amazon": ("LoginWithAmazon", SocialForm),
    "apple": ("SignInWithApple", AppleForm),
}
