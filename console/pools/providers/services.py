"""Identity providers: created, changed and deleted only through here, audited. A provider's
client secret is never audited, logged or shown: the audit event says that it changed, not to what."""

from console.cognito import providers as cognito_providers
from console.cognito.pools import region_of
from console.cognito.providers import SECRET_DETAILS, IdentityProvider, provider_from_cognito
from console.pools.changes import Updatable, change_allowed
from console.pools.resource_changes import created_audited, deleted_audited, updated_audited

PROVIDER = Updatable(
    describe=cognito_providers.provider_describe,
    as_request=cognito_providers.provider_update_request,
    send=cognito_providers.provider_update,
    # Each replaces the old value whole (rows removed stay removed); provider_changes builds them
    # from the current ones, so what the form does not edit is kept.
    replaced_whole=("ProviderDetails", "AttributeMapping", "IdpIdentifiers"),
    hidden=SECRET_DETAILS,
)


def sp_entity_id(pool_id: str) -> str:
    """What a SAML IdP knows the pool as."""
    return f"urn:amazon:cognito:sp:{pool_id}"


def idp_response_url(pool_id: str, domain_prefix: str, provider_type: str, *, custom_domain: str = "") -> str:
    """Where the IdP sends users back (needs the pool's domain; its custom domain when it has
    one): a SAML IdP's ACS URL, an OIDC or social IdP's redirect URI."""
    protocol = "saml2" if provider_type == "SAML" else "oauth2"
    host = custom_domain or f"{domain_prefix}.auth.{region_of(pool_id)}.amazoncognito.com"
    return f"https://{host}/{protocol}/idpresponse"


def signing_certificate_pem(pool_id: str) -> str:
    """The pool's SAML signing certificate as a PEM file, for the IdP's side of signed requests."""
    body = cognito_providers.signing_certificate(pool_id)
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return "\n".join(["-----BEGIN CERTIFICATE-----", *lines, "-----END CERTIFICATE-----", ""])


def _secrets_changed(current: dict, request: dict) -> list[str]:
    old, new = current.get("ProviderDetails") or {}, request.get("ProviderDetails") or {}
    return [k for k in SECRET_DETAILS if new.get(k) != old.get(k)]


def provider_create(*, operator, pool_id: str, request: dict, reason: str = "") -> IdentityProvider:
    reason = change_allowed("provider.create", operator=operator, pool_id=pool_id, reason=reason)
    confidential = {"confidential_set": _secrets_changed({}, request)}
    created = created_audited(
        "provider.create",
        cognito_providers.provider_create,
        pool_id,
        request,
        target=request["ProviderName"],
        hidden=SECRET_DETAILS,
        reason=reason,
        params=confidential,
    )
    return provider_from_cognito(created)


def provider_update(*, operator, pool_id: str, name: str, changes, reason: str = "") -> list[dict]:
    """Change some settings of a provider and keep the rest (the secret included, unless
    the changes carry a new one), through the whole-configuration rule."""
    reason = change_allowed("provider.update", operator=operator, pool_id=pool_id, reason=reason)
    return updated_audited(
        "provider.update", PROVIDER, pool_id, name, changes=changes, reason=reason, secrets_changed=_secrets_changed
    )


def provider_delete(*, operator, pool_id: str, name: str, reason: str = "") -> None:
    reason = change_allowed("provider.delete", operator=operator, pool_id=pool_id, reason=reason)
    deleted_audited("provider.delete", PROVIDER, cognito_providers.provider_delete, pool_id, name, reason=reason)


# --- Request builders (from the provider forms' cleaned data) ---------------------------


def oidc_details(d: dict) -> dict:
    details = {
        "client_id": d["client_id"],
        "authorize_scopes": " ".join(d["scopes"]),
        "attributes_request_method": d["attributes_request_method"],
        "oidc_issuer": d["issuer"],
    }
    if d.get("client_secret"):
        details["client_secret"] = d["client_secret"]
    return details


def saml_details(d: dict) -> dict:
    details = {
        "IDPSignout": _flag(d["idp_signout"]),
        "IDPInit": _flag(d["idp_init"]),
        "RequestSigningAlgorithm": "rsa-sha256" if d["sign_requests"] else "",
        "EncryptedResponses": _flag(d["encrypted_responses"]),
    }
    if not d["sign_requests"]:
        del details["RequestSigningAlgorithm"]
    if d.get("metadata_url"):
        details["MetadataURL"] = d["metadata_url"]
    elif d.get("metadata_file"):
        details["MetadataFile"] = d["metadata_file"]
    return details


def social_details(d: dict) -> dict:
    """Google, Facebook, Login with Amazon and Sign in with Apple (team_id, key_id, private_key)."""
    details = {"client_id": d["client_id"], "authorize_scopes": " ".join(d["scopes"])}
    for key in ("team_id", "key_id", "client_secret", "private_key"):
        if d.get(key):
            details[key] = d[key]
    return details


def details_of(kind: str, d: dict) -> dict:
    return {"OIDC": oidc_details, "SAML": saml_details}.get(kind, social_details)(d)


def _flag(value: bool) -> str:
    return "true" if value else "false"


def provider_create_request(kind: str, d: dict) -> dict:
    # A social provider's name is its type (Google, SignInWithApple...).
    request = {"ProviderName": d.get("name") or kind, "ProviderType": kind, "ProviderDetails": details_of(kind, d)}
    if d["attribute_mapping"]:
        request["AttributeMapping"] = d["attribute_mapping"]
    if d.get("identifiers"):
        request["IdpIdentifiers"] = d["identifiers"]
    return request


def provider_changes(kind: str, d: dict, described: dict) -> dict:
    """The form's settings laid over the current ones: details it does not edit (Cognito's
    discovered endpoints, a secret not re-entered, a metadata source not replaced) stay."""
    details = dict(described.get("ProviderDetails") or {})
    details.update(details_of(kind, d))
    if kind == "SAML":
        if not d["sign_requests"]:
            details.pop("RequestSigningAlgorithm", None)
        if d.get("metadata_url"):
            details.pop("MetadataFile", None)
        elif d.get("metadata_file"):
            details.pop("MetadataURL", None)
    return {
        "ProviderDetails": {k: v for k, v in details.items() if k not in cognito_providers.READ_ONLY_DETAILS},
        "AttributeMapping": {**_username_mapping(described), **d["attribute_mapping"]},
        "IdpIdentifiers": d.get("identifiers", []),
    }


def _username_mapping(described: dict) -> dict:
    """Cognito maps username itself (to the IdP's subject); the editor does not offer it, so keep it."""
    mapping = described.get("AttributeMapping") or {}
    return {"username": mapping["username"]} if "username" in mapping else {}
