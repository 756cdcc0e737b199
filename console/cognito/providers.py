"""Identity providers of a pool (SAML, OpenID Connect, social): federation's gateway.

The provider's client secret (OIDC) travels up from here only inside the description the
update builder needs; the typed value templates read never carries it."""

from dataclasses import dataclass, field

from console.cognito.pool_resources import PoolResource, pool_call

# Secrets inside ProviderDetails: never shown, compared in an audit diff or logged.
SECRET_DETAILS = ("client_secret", "private_key")
# Cognito fills these itself (from the IdP's metadata or discovery); never sent back.
READ_ONLY_DETAILS = ("ActiveEncryptionCertificate",)


@dataclass(frozen=True)
class IdentityProvider:
    name: str
    type: str
    details: dict = field(default_factory=dict)  # ProviderDetails without secrets
    attribute_mapping: dict = field(default_factory=dict)  # pool attribute -> provider claim
    identifiers: list[str] = field(default_factory=list)
    has_secret: bool = False


def provider_from_cognito(raw: dict) -> IdentityProvider:
    details = dict(raw.get("ProviderDetails") or {})
    has_secret = any(details.pop(key, None) for key in SECRET_DETAILS)
    return IdentityProvider(
        name=raw.get("ProviderName", ""),
        type=raw.get("ProviderType", ""),
        details=details,
        attribute_mapping=dict(raw.get("AttributeMapping") or {}),
        identifiers=list(raw.get("IdpIdentifiers") or []),
        has_secret=has_secret,
    )


PROVIDERS = PoolResource("IdentityProvider", key="ProviderName", plural="IdentityProviders")


def providers_list(pool_id: str) -> list[IdentityProvider]:
    """Names and types (ListIdentityProviders gives no details)."""
    return PROVIDERS.listed(pool_id, provider_from_cognito, result_key="Providers")


# DescribeIdentityProvider's IdentityProvider, secrets included (for update requests only).
provider_describe = PROVIDERS.describe
provider_create = PROVIDERS.create
provider_update = PROVIDERS.update
provider_delete = PROVIDERS.delete


def provider_update_request(described: dict) -> dict:
    """UpdateIdentityProvider's request for a provider as described, changing nothing: the whole
    ProviderDetails (the secret too, so an edit that does not re-enter it keeps it), the mapping
    and the identifiers."""
    details = {k: v for k, v in (described.get("ProviderDetails") or {}).items() if k not in READ_ONLY_DETAILS}
    return {
        "UserPoolId": described["UserPoolId"],
        "ProviderName": described["ProviderName"],
        "ProviderDetails": details,
        "AttributeMapping": dict(described.get("AttributeMapping") or {}),
        "IdpIdentifiers": list(described.get("IdpIdentifiers") or []),
    }


def provider_by_identifier(pool_id: str, identifier: str) -> IdentityProvider:
    """The provider an identifier (an email domain, say) routes to (GetIdentityProviderByIdentifier)."""
    raw = pool_call(pool_id, "GetIdentityProviderByIdentifier", IdpIdentifier=identifier)
    return provider_from_cognito(raw["IdentityProvider"])


def signing_certificate(pool_id: str) -> str:
    """The pool's SAML signing certificate (base64 DER, no PEM armour), for a SAML IdP that
    checks signed requests or encrypts assertions."""
    return pool_call(pool_id, "GetSigningCertificate").get("Certificate", "")
