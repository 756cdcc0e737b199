import json

from botocore.stub import Stubber

from console.audit.models import AuditEvent
from console.cognito import providers as cognito_providers
from console.cognito.client import cognito
from console.pools.providers.services import (
    idp_response_url,
    provider_changes,
    provider_create,
    provider_create_request,
    provider_delete,
    provider_update,
    sp_entity_id,
)
from tests.fixtures.secrets import RECORDER

SECRET = "idp-secret-0123456789abcdef"
OIDC = {
    "name": "Okta",
    "issuer": "https://example.okta.com",
    "client_id": "okta-client-1",
    "client_secret": SECRET,
    "scopes": ["openid", "email"],
    "attributes_request_method": "GET",
    "attribute_mapping": {"email": "email", "given_name": "given_name"},
    "identifiers": ["example.com"],
}


def _created(pool, alice):
    return provider_create(
        operator=alice, pool_id=pool.id, request=provider_create_request("OIDC", OIDC), reason="SSO-1"
    )


def oidc_update(operator, pool_id: str, form: dict):
    """Save the OIDC provider Okta's edit form as the page does (what changed against Cognito's)."""
    return provider_update(
        operator=operator,
        pool_id=pool_id,
        name="Okta",
        changes=lambda described: provider_changes("OIDC", form, described),
        reason="T-1",
    )


def _raw(pool_id, name="Okta"):
    return cognito_providers.provider_describe(pool_id, name)


def test_it_creates_an_oidc_provider_and_audits_it_without_the_secret(pool, alice):
    provider = _created(pool, alice)

    assert provider.name == "Okta" and provider.type == "OIDC" and provider.has_secret
    assert "client_secret" not in provider.details
    raw = _raw(pool.id)
    assert raw["ProviderDetails"]["client_secret"] == SECRET
    assert raw["AttributeMapping"]["email"] == "email" and raw["IdpIdentifiers"] == ["example.com"]
    event = AuditEvent.objects.get(action="provider.create")
    assert event.params["confidential_set"] == ["client_secret"]
    assert SECRET not in json.dumps(event.params) and event.reason == "SSO-1"


def test_it_changes_the_mapping_and_keeps_the_secret_and_the_rest(pool, alice):
    _created(pool, alice)
    edited = {**OIDC, "client_secret": "", "attribute_mapping": {"email": "mail"}}

    diff = oidc_update(alice, pool.id, edited)

    raw = _raw(pool.id)
    assert raw["ProviderDetails"]["client_secret"] == SECRET
    assert raw["ProviderDetails"]["client_id"] == "okta-client-1"
    assert raw["IdpIdentifiers"] == ["example.com"]
    assert "given_name" not in raw["AttributeMapping"] and raw["AttributeMapping"]["email"] == "mail"
    fields = {d["field"] for d in diff}
    assert fields == {"AttributeMapping.email", "AttributeMapping.given_name"}
    event = AuditEvent.objects.get(action="provider.update")
    assert event.params["confidential_changed"] == []


def test_a_new_secret_is_sent_and_audited_as_changed_never_by_value(pool, alice):
    _created(pool, alice)
    new_secret = "idp-secret-new-9876543210"
    RECORDER.add("identity provider client secret", new_secret)
    edited = {**OIDC, "client_secret": new_secret}

    oidc_update(alice, pool.id, edited)

    assert _raw(pool.id)["ProviderDetails"]["client_secret"] == new_secret
    event = AuditEvent.objects.get(action="provider.update")
    assert event.params["confidential_changed"] == ["client_secret"]
    assert new_secret not in json.dumps(event.params) and SECRET not in json.dumps(event.params)


def test_saving_nothing_new_calls_no_update_and_audits_nothing(pool, alice):
    _created(pool, alice)
    unchanged = {**OIDC, "client_secret": ""}
    assert oidc_update(alice, pool.id, unchanged) == []
    assert not AuditEvent.objects.filter(action="provider.update").exists()


def test_the_update_request_carries_the_whole_provider(aws, alice):
    """Real Cognito's UpdateIdentityProvider replaces ProviderDetails whole: the request must carry
    every detail (the secret too) and drop what Cognito computes; checked against the API model."""
    pool_id = "us-east-1_abc"
    described = {
        "UserPoolId": pool_id,
        "ProviderName": "Corp",
        "ProviderType": "SAML",
        "ProviderDetails": {
            "MetadataURL": "https://idp.example.com/metadata",
            "IDPSignout": "false",
            "ActiveEncryptionCertificate": "MIIC...",
        },
        "AttributeMapping": {"username": "sub", "email": "mail"},
        "IdpIdentifiers": ["corp.example"],
    }
    saml = {
        "metadata_url": "",
        "metadata_file": "",
        "idp_init": True,
        "idp_signout": False,
        "sign_requests": False,
        "encrypted_responses": False,
        "attribute_mapping": {"email": "mail"},
        "identifiers": ["corp.example"],
    }
    expected = {
        "UserPoolId": pool_id,
        "ProviderName": "Corp",
        "ProviderDetails": {
            "MetadataURL": "https://idp.example.com/metadata",
            "IDPSignout": "false",
            "IDPInit": "true",
            "EncryptedResponses": "false",
        },
        "AttributeMapping": {"username": "sub", "email": "mail"},
        "IdpIdentifiers": ["corp.example"],
    }
    with Stubber(cognito("us-east-1")) as stub:
        stub.add_response(
            "describe_identity_provider",
            {"IdentityProvider": described},
            {"UserPoolId": pool_id, "ProviderName": "Corp"},
        )
        stub.add_response("update_identity_provider", {"IdentityProvider": described}, expected)
        diff = provider_update(
            operator=alice,
            pool_id=pool_id,
            name="Corp",
            changes=lambda d: provider_changes("SAML", saml, d),
            reason="T-1",
        )
        stub.assert_no_pending_responses()
    assert {d["field"] for d in diff} == {"ProviderDetails.IDPInit", "ProviderDetails.EncryptedResponses"}


def test_deleting_a_provider_audits_what_it_was_without_the_secret(pool, alice):
    _created(pool, alice)
    provider_delete(operator=alice, pool_id=pool.id, name="Okta", reason="offboarded")

    assert cognito().list_identity_providers(UserPoolId=pool.id)["Providers"] == []
    event = AuditEvent.objects.get(action="provider.delete")
    assert event.target == "Okta" and SECRET not in json.dumps(event.params)
    assert any(c["field"] == "ProviderName" for c in event.params["before"])


def test_what_to_give_the_idp_names_the_pool_and_its_domain():
    assert sp_entity_id("eu-west-1_AbC") == "urn:amazon:cognito:sp:eu-west-1_AbC"
    assert (
        idp_response_url("eu-west-1_AbC", "shop", "SAML")
        == "https://shop.auth.eu-west-1.amazoncognito.com/saml2/idpresponse"
    )
    assert idp_response_url("eu-west-1_AbC", "shop", "OIDC").endswith("/oauth2/idpresponse")
