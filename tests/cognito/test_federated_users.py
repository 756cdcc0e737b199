"""Linked identities: the `identities` attribute read as a list, and the request shapes of
AdminLinkProviderForUser / AdminDisableProviderForUser checked by botocore's Stubber against
the service model (moto has neither operation)."""

import json
from datetime import UTC, datetime

import pytest

from console.cognito import federated_users
from console.cognito.errors import CognitoError

POOL, USER = "us-east-1_Pool", "bob"


def test_it_reads_the_identities_attribute_as_a_list():
    raw = json.dumps([
        {"userId": "1057", "providerName": "Google", "providerType": "Google", "issuer": None, "primary": "true",
         "dateCreated": "1700000000000"},
        {"userId": "ada@corp.example", "providerName": "Corp", "providerType": "SAML",
         "issuer": "https://idp.corp.example", "primary": False, "dateCreated": 1700000001000},
    ])
    google, corp = federated_users.identities_parse(raw)
    assert (google.provider, google.type, google.user_id, google.primary) == ("Google", "Google", "1057", True)
    assert google.linked == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    assert (corp.type, corp.issuer, corp.primary) == ("SAML", "https://idp.corp.example", False)


@pytest.mark.parametrize("raw", [None, "", "not json", "{}", '[1, {"userId": "x"}]', '[{"dateCreated": "soon"}]'])
def test_it_reads_nothing_from_an_absent_or_unreadable_attribute(raw):
    assert federated_users.identities_parse(raw) == []


def test_a_bad_date_leaves_the_identity_without_one():
    [one] = federated_users.identities_parse('[{"providerName": "Google", "dateCreated": "soon"}]')
    assert one.linked is None and one.provider == "Google"


def test_it_unlinks_an_identity_by_the_providers_subject(stub):
    stub.add_response(
        "admin_disable_provider_for_user",
        {},
        {
            "UserPoolId": POOL,
            "User": {"ProviderName": "Google", "ProviderAttributeName": "Cognito_Subject",
                     "ProviderAttributeValue": "1057"},
        },
    )
    federated_users.identity_unlink(POOL, "Google", "1057")


def test_it_links_an_identity_to_the_existing_user(stub):
    stub.add_response(
        "admin_link_provider_for_user",
        {},
        {
            "UserPoolId": POOL,
            "DestinationUser": {"ProviderName": "Cognito", "ProviderAttributeName": "Cognito_Subject",
                                "ProviderAttributeValue": USER},
            "SourceUser": {"ProviderName": "Corp", "ProviderAttributeName": "email",
                           "ProviderAttributeValue": "bob@corp.example"},
        },
    )
    federated_users.identity_link(POOL, USER, "Corp", "email", "bob@corp.example")


def test_it_never_sends_cognito_itself_as_the_provider(stub):
    """ProviderName "Cognito" would turn off the user's own password sign-in, not unlink anything."""
    with pytest.raises(ValueError):
        federated_users.identity_unlink(POOL, "Cognito", USER)
    with pytest.raises(ValueError):
        federated_users.identity_link(POOL, USER, "Cognito", "Cognito_Subject", "x")


def test_a_refusal_leaves_as_a_cognito_error(stub):
    stub.add_client_error("admin_link_provider_for_user", service_error_code="AliasExistsException",
                          service_message="already linked")
    with pytest.raises(CognitoError) as refused:
        federated_users.identity_link(POOL, USER, "Corp", "Cognito_Subject", "x")
    assert refused.value.code == "AliasExistsException"
