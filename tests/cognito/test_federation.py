"""Request shapes of the federation operations moto lacks (client secret rotation, the SAML
signing certificate, a provider by identifier), checked by botocore's Stubber against the model."""

import datetime

from console.cognito import clients, providers

POOL, CLIENT = "us-east-1_Pool", "1example23456789"
EARLY = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
LATE = datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC)


def test_it_lists_every_page_of_client_secrets_oldest_first(stub):
    expected = {"UserPoolId": POOL, "ClientId": CLIENT}
    stub.add_response(
        "list_user_pool_client_secrets",
        {"ClientSecrets": [{"ClientSecretId": "new", "ClientSecretCreateDate": LATE}], "NextToken": "t"},
        expected,
    )
    stub.add_response(
        "list_user_pool_client_secrets",
        {"ClientSecrets": [{"ClientSecretId": "old", "ClientSecretCreateDate": EARLY}]},
        {**expected, "NextToken": "t"},
    )

    assert [s.id for s in clients.client_secrets_list(POOL, CLIENT)] == ["old", "new"]


def test_it_adds_a_generated_secret_and_returns_its_value_once(stub):
    descriptor = {"ClientSecretId": "s2", "ClientSecretValue": "v" * 40, "ClientSecretCreateDate": LATE}
    stub.add_response(
        "add_user_pool_client_secret", {"ClientSecretDescriptor": descriptor}, {"UserPoolId": POOL, "ClientId": CLIENT}
    )

    info, value = clients.client_secret_add(POOL, CLIENT)

    assert info.id == "s2" and value == "v" * 40 and not hasattr(info, "value")


def test_it_deletes_one_secret_by_id(stub):
    stub.add_response(
        "delete_user_pool_client_secret", {}, {"UserPoolId": POOL, "ClientId": CLIENT, "ClientSecretId": "s1"}
    )

    clients.client_secret_delete(POOL, CLIENT, "s1")


def test_it_reads_the_signing_certificate_and_a_provider_by_identifier_without_its_secret(stub):
    stub.add_response("get_signing_certificate", {"Certificate": "MIIC"}, {"UserPoolId": POOL})
    raw = {"ProviderName": "Okta", "ProviderType": "OIDC", "ProviderDetails": {"client_secret": "s", "client_id": "c"}}
    stub.add_response(
        "get_identity_provider_by_identifier",
        {"IdentityProvider": raw},
        {"UserPoolId": POOL, "IdpIdentifier": "example.com"},
    )

    assert providers.signing_certificate(POOL) == "MIIC"
    found = providers.provider_by_identifier(POOL, "example.com")
    assert found.name == "Okta" and found.has_secret and "client_secret" not in found.details
