"""Operations the emulator adds to moto's Cognito for the federation pages: moto creates,
describes and lists resource servers but has no UpdateResourceServer or DeleteResourceServer,
and has none of GetSigningCertificate, GetIdentityProviderByIdentifier or the client secret
rotation operations (Add/List/DeleteUserPoolClientSecret). Applied in the emulator process
only (console.emulator.moto_main), like cognito_fixes."""

import base64
import datetime
import secrets

from moto.cognitoidp import models, responses
from moto.cognitoidp.exceptions import InvalidParameterException, ResourceNotFoundError
from moto.core.responses import ActionResult, EmptyResult


def _update_resource_server(self, user_pool_id, identifier, name, scopes):
    """UpdateResourceServer: the name and the scopes become what the request says (Cognito
    resets scopes a request leaves out)."""
    server = self.describe_resource_server(user_pool_id, identifier)
    server.name = name
    server.scopes = scopes or []
    return server


def _delete_resource_server(self, user_pool_id, identifier):
    pool = self.describe_user_pool(user_pool_id)
    if identifier not in pool.resource_servers:
        raise ResourceNotFoundError(f"Resource server {identifier} does not exist.")
    del pool.resource_servers[identifier]


def _update_resource_server_response(self):
    server = self.backend.update_resource_server(
        self._get_param("UserPoolId"), self._get_param("Identifier"), self._get_param("Name"), self._get_param("Scopes")
    )
    return ActionResult({"ResourceServer": server.to_json()})


def _delete_resource_server_response(self):
    self.backend.delete_resource_server(self._get_param("UserPoolId"), self._get_param("Identifier"))
    return EmptyResult()


def _signing_certificate(self, user_pool_id):
    """One self-signed certificate per pool, made on first use (base64 DER, as Cognito gives it)."""
    pool = self.describe_user_pool(user_pool_id)
    if not getattr(pool, "signing_certificate", None):
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID

        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"urn:amazon:cognito:sp:{user_pool_id}")])
        now = datetime.datetime.now(datetime.UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now)
            .not_valid_after(now + datetime.timedelta(days=3650))
            .sign(key, hashes.SHA256())
        )
        pool.signing_certificate = base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode()
    return pool.signing_certificate


def _provider_by_identifier(self, user_pool_id, identifier):
    pool = self.describe_user_pool(user_pool_id)
    for provider in pool.identity_providers.values():
        if identifier in (provider.extended_config.get("IdpIdentifiers") or []):
            return provider
    raise ResourceNotFoundError(f"No identity provider has the identifier {identifier}.")


def _client_secrets(client) -> list[dict]:
    """The client's secrets; moto's one secret (made with the client) is the first."""
    if not hasattr(client, "secrets"):
        now = datetime.datetime.now(datetime.UTC).timestamp()
        first = {"ClientSecretId": f"{client.id}--1", "value": client.secret, "created": now}
        client.secrets = [first] if client.generate_secret else []
    return client.secrets


def _add_client_secret(self, user_pool_id, client_id):
    client = self.describe_user_pool_client(user_pool_id, client_id)
    kept = _client_secrets(client)
    if not client.generate_secret:
        raise InvalidParameterException("This app client has no secret (a public client).")
    if len(kept) >= 2:
        raise InvalidParameterException("An app client has at most two secrets; delete one first.")
    entry = {
        "ClientSecretId": f"{client.id}--{secrets.token_hex(6)}",
        "value": secrets.token_urlsafe(38),
        "created": datetime.datetime.now(datetime.UTC).timestamp(),
    }
    kept.append(entry)
    client.secret = entry["value"]  # what DescribeUserPoolClient shows: the newest
    return entry


def _delete_client_secret(self, user_pool_id, client_id, secret_id):
    client = self.describe_user_pool_client(user_pool_id, client_id)
    kept = _client_secrets(client)
    if not any(s["ClientSecretId"] == secret_id for s in kept):
        raise ResourceNotFoundError(f"The client has no secret {secret_id}.")
    if len(kept) == 1:
        raise InvalidParameterException("The client's only secret cannot be deleted; add another first.")
    client.secrets = [s for s in kept if s["ClientSecretId"] != secret_id]
    client.secret = client.secrets[-1]["value"]


def _descriptor(entry: dict, *, with_value: bool) -> dict:
    out = {"ClientSecretId": entry["ClientSecretId"], "ClientSecretCreateDate": entry["created"]}
    if with_value:
        out["ClientSecretValue"] = entry["value"]
    return out


def _get_signing_certificate_response(self):
    return ActionResult({"Certificate": self.backend.get_signing_certificate(self._get_param("UserPoolId"))})


def _get_identity_provider_by_identifier_response(self):
    provider = self.backend.get_identity_provider_by_identifier(
        self._get_param("UserPoolId"), self._get_param("IdpIdentifier")
    )
    return ActionResult({"IdentityProvider": provider.to_json(extended=True)})


def _add_user_pool_client_secret_response(self):
    entry = self.backend.add_user_pool_client_secret(self._get_param("UserPoolId"), self._get_param("ClientId"))
    return ActionResult({"ClientSecretDescriptor": _descriptor(entry, with_value=True)})


def _list_user_pool_client_secrets_response(self):
    client = self.backend.describe_user_pool_client(self._get_param("UserPoolId"), self._get_param("ClientId"))
    return ActionResult({"ClientSecrets": [_descriptor(e, with_value=False) for e in _client_secrets(client)]})


def _delete_user_pool_client_secret_response(self):
    self.backend.delete_user_pool_client_secret(
        self._get_param("UserPoolId"), self._get_param("ClientId"), self._get_param("ClientSecretId")
    )
    return EmptyResult()


# moto's backend method and response handler for each operation added (both named after it).
ADDED = {
    "update_resource_server": (_update_resource_server, _update_resource_server_response),
    "delete_resource_server": (_delete_resource_server, _delete_resource_server_response),
    "get_signing_certificate": (_signing_certificate, _get_signing_certificate_response),
    "get_identity_provider_by_identifier": (_provider_by_identifier, _get_identity_provider_by_identifier_response),
    "add_user_pool_client_secret": (_add_client_secret, _add_user_pool_client_secret_response),
    "list_user_pool_client_secrets": (None, _list_user_pool_client_secrets_response),
    "delete_user_pool_client_secret": (_delete_client_secret, _delete_user_pool_client_secret_response),
}


def apply() -> None:
    for name, (backend_method, handler) in ADDED.items():
        if hasattr(responses.CognitoIdpResponse, name):
            continue  # already applied, or moto learnt it
        if backend_method is not None:
            setattr(models.CognitoIdpBackend, name, backend_method)
        setattr(responses.CognitoIdpResponse, name, handler)
