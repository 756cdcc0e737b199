"""The emulator links and unlinks federated identities as Cognito does, keeping them in the
user's `identities` attribute; plain moto answers neither operation. Runs against the emulator process."""

import json

import pytest
from botocore.exceptions import ClientError

from console.cognito.client import cognito
from tests.fixtures.cognito import build_pool

EMAIL = "user0@example.com"


def with_provider(pool, name="Google"):
    cognito().create_identity_provider(
        UserPoolId=pool.id, ProviderName=name, ProviderType="Google",
        ProviderDetails={"client_id": "demo", "client_secret": "demo-secret", "authorize_scopes": "openid email"},
    )


def link(pool, subject, username=EMAIL, provider="Google"):
    cognito().admin_link_provider_for_user(
        UserPoolId=pool.id,
        DestinationUser={"ProviderName": "Cognito", "ProviderAttributeValue": username},
        SourceUser={"ProviderName": provider, "ProviderAttributeName": "Cognito_Subject",
                    "ProviderAttributeValue": subject},
    )


def identities(pool, username=EMAIL) -> list[dict]:
    user = cognito().admin_get_user(UserPoolId=pool.id, Username=username)
    raw = {a["Name"]: a["Value"] for a in user["UserAttributes"]}.get("identities")
    return json.loads(raw) if raw else []


def code(call) -> str:
    with pytest.raises(ClientError) as refused:
        call()
    return refused.value.response["Error"]["Code"]


def test_it_links_then_unlinks_an_identity(emulator):
    pool = build_pool(users=2)
    with_provider(pool)
    link(pool, "1057")
    [linked] = identities(pool)
    assert (linked["providerName"], linked["providerType"], linked["userId"]) == ("Google", "Google", "1057")
    assert int(linked["dateCreated"]) > 1_700_000_000_000
    assert code(lambda: link(pool, "1057", username="user1@example.com")) == "AliasExistsException"
    cognito().admin_disable_provider_for_user(
        UserPoolId=pool.id,
        User={"ProviderName": "Google", "ProviderAttributeName": "Cognito_Subject", "ProviderAttributeValue": "1057"},
    )
    assert identities(pool) == []
    link(pool, "1057", username="user1@example.com")  # free again
    assert [i["userId"] for i in identities(pool, "user1@example.com")] == ["1057"]


def test_it_refuses_unknown_providers_users_and_a_sixth_link(emulator):
    pool = build_pool(users=1)
    assert code(lambda: link(pool, "1")) == "InvalidParameterException"  # no such provider
    with_provider(pool)
    assert code(lambda: link(pool, "1", username="nobody@example.com")) == "UserNotFoundException"
    for subject in "12345":
        link(pool, subject)
    assert code(lambda: link(pool, "6")) == "LimitExceededException"
    unlink = lambda: cognito().admin_disable_provider_for_user(  # noqa: E731
        UserPoolId=pool.id,
        User={"ProviderName": "Google", "ProviderAttributeName": "Cognito_Subject", "ProviderAttributeValue": "9"},
    )
    assert code(unlink) == "UserNotFoundException"
