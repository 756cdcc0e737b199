"""The emulator (a real moto server process) answers every operation the identity provider and
resource server pages call; plain moto lacks UpdateResourceServer and DeleteResourceServer."""

import base64

import pytest

from console.cognito import clients as cognito_clients
from console.cognito import providers as cognito_providers
from console.cognito import resource_servers as cognito_resource_servers
from console.cognito.errors import CognitoError
from console.pools.providers.services import (
    provider_create,
    provider_create_request,
    provider_delete,
)
from console.pools.resource_servers.services import (
    resource_server_create,
    resource_server_delete,
    resource_server_request,
    resource_server_update,
)
from tests.fixtures.cognito import build_pool
from tests.pools.test_provider_services import oidc_update

API = "https://api.example.com"
OIDC = {
    "name": "Okta",
    "issuer": "https://example.okta.com",
    "client_id": "okta-client-1",
    "client_secret": "emulator-idp-secret-0123",
    "scopes": ["openid"],
    "attributes_request_method": "GET",
    "attribute_mapping": {"email": "email"},
    "identifiers": [],
}


def test_the_emulator_answers_every_identity_provider_operation(emulator, alice):
    pool = build_pool(users=0)
    provider_create(operator=alice, pool_id=pool.id, request=provider_create_request("OIDC", OIDC), reason="T-1")
    assert [p.name for p in cognito_providers.providers_list(pool.id)] == ["Okta"]

    edited = {**OIDC, "client_secret": "", "identifiers": ["example.com"]}
    oidc_update(alice, pool.id, edited)

    raw = cognito_providers.provider_describe(pool.id, "Okta")
    assert raw["IdpIdentifiers"] == ["example.com"]
    assert raw["ProviderDetails"]["client_secret"] == OIDC["client_secret"]
    provider_delete(operator=alice, pool_id=pool.id, name="Okta", reason="T-1")
    assert cognito_providers.providers_list(pool.id) == []


def test_the_emulator_updates_and_deletes_resource_servers(emulator, alice):
    pool = build_pool(users=0)
    scopes = [{"ScopeName": "orders.read", "ScopeDescription": "Read orders"}]
    resource_server_create(
        operator=alice,
        pool_id=pool.id,
        request=resource_server_request({"identifier": API, "name": "Orders", "scopes": scopes}),
        reason="T-1",
    )

    resource_server_update(
        operator=alice, pool_id=pool.id, identifier=API, changes={"Name": "Orders API"}, reason="T-1"
    )

    described = cognito_resource_servers.resource_server_describe(pool.id, API)
    assert described["Name"] == "Orders API" and described["Scopes"] == scopes
    resource_server_delete(operator=alice, pool_id=pool.id, identifier=API, reason="T-1")
    assert cognito_resource_servers.resource_servers_list(pool.id) == []


def test_the_emulator_rotates_client_secrets_and_keeps_two_at_most(emulator, alice):
    pool = build_pool(users=0)
    client, first = cognito_clients.client_create(pool.id, {"ClientName": "api", "GenerateSecret": True})
    [old] = cognito_clients.client_secrets_list(pool.id, client["ClientId"])

    added, value = cognito_clients.client_secret_add(pool.id, client["ClientId"])

    assert value and value != first and added.id != old.id
    assert [s.id for s in cognito_clients.client_secrets_list(pool.id, client["ClientId"])] == [old.id, added.id]
    with pytest.raises(CognitoError):  # a third is refused, as Cognito does
        cognito_clients.client_secret_add(pool.id, client["ClientId"])
    cognito_clients.client_secret_delete(pool.id, client["ClientId"], old.id)
    assert [s.id for s in cognito_clients.client_secrets_list(pool.id, client["ClientId"])] == [added.id]
    with pytest.raises(CognitoError):  # never the last one
        cognito_clients.client_secret_delete(pool.id, client["ClientId"], added.id)


def test_the_emulator_gives_the_signing_certificate_and_finds_a_provider_by_identifier(emulator, alice):
    pool = build_pool(users=0)
    provider_create(
        operator=alice,
        pool_id=pool.id,
        request=provider_create_request("OIDC", {**OIDC, "identifiers": ["example.com"]}),
        reason="T-1",
    )

    certificate = cognito_providers.signing_certificate(pool.id)

    assert base64.b64decode(certificate)[:1] == b"\x30"  # DER: a SEQUENCE
    assert cognito_providers.signing_certificate(pool.id) == certificate  # the same one each time
    assert cognito_providers.provider_by_identifier(pool.id, "example.com").name == "Okta"
    with pytest.raises(CognitoError):
        cognito_providers.provider_by_identifier(pool.id, "unknown.example")
