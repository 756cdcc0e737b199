"""Social providers, finding a provider by identifier and the SAML signing certificate (moto has
neither GetIdentityProviderByIdentifier nor GetSigningCertificate: the gateway is replaced there)."""

import json

from django.urls import reverse

from console.audit.models import AuditEvent
from console.cognito import providers as cognito_providers
from console.cognito.client import cognito
from console.cognito.providers import IdentityProvider

GOOGLE_SECRET = "google-secret-0123456789"
APPLE_KEY = "-----BEGIN PRIVATE KEY-----\nMIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHkwdwIBAQQg\n-----END PRIVATE KEY-----"


def _raw(pool_id, name):
    return cognito().describe_identity_provider(UserPoolId=pool_id, ProviderName=name)["IdentityProvider"]


def _audited():
    return json.dumps(list(AuditEvent.objects.values_list("params", "message")))


def test_an_admin_adds_google_named_after_its_type_and_never_sees_the_secret_again(pool, admin_client):
    data = {
        "client_id": "g-1",
        "client_secret": GOOGLE_SECRET,
        "scopes": "openid email",
        "attribute_mapping": "email = email",
        "reason": "T-1",
    }
    response = admin_client.post(reverse("pools:provider_new", args=[pool.id, "google"]), data)

    assert response.status_code == 302
    raw = _raw(pool.id, "Google")
    assert raw["ProviderType"] == "Google" and raw["ProviderDetails"]["client_secret"] == GOOGLE_SECRET
    assert raw["ProviderDetails"]["authorize_scopes"] == "openid email"
    page = admin_client.get(response["Location"]).content.decode()
    assert GOOGLE_SECRET not in page and "set (never shown)" in page
    assert GOOGLE_SECRET not in _audited()
    edit = admin_client.get(reverse("pools:provider_edit", args=[pool.id, "Google"])).content.decode()
    assert GOOGLE_SECRET not in edit and "Leave empty to keep" in edit


def test_sign_in_with_apple_needs_its_private_key_and_keeps_it_on_edit(pool, admin_client):
    url = reverse("pools:provider_new", args=[pool.id, "apple"])
    data = {"client_id": "com.example.web", "team_id": "TEAM123456", "key_id": "KEY1234567", "scopes": "email name",
            "reason": "T-1"}
    refused = admin_client.post(url, data)
    assert refused.status_code == 200 and "Enter the private key" in refused.content.decode()

    assert admin_client.post(url, {**data, "private_key": APPLE_KEY}).status_code == 302
    edit_url = reverse("pools:provider_edit", args=[pool.id, "SignInWithApple"])
    assert admin_client.post(edit_url, {**data, "key_id": "KEY7654321"}).status_code == 302

    details = _raw(pool.id, "SignInWithApple")["ProviderDetails"]
    assert details["private_key"] == APPLE_KEY and details["key_id"] == "KEY7654321"
    assert APPLE_KEY not in _audited()
    assert APPLE_KEY not in admin_client.get(edit_url).content.decode()


def test_finding_a_provider_by_identifier_opens_it_or_says_why_not(pool, viewer_client, monkeypatch):
    asked = []

    def found(pool_id, identifier):
        asked.append(identifier)
        if identifier != "example.com":
            from console.cognito.errors import CognitoError

            raise CognitoError("Not found.", code="ResourceNotFoundException")
        return IdentityProvider(name="Okta", type="OIDC")

    monkeypatch.setattr(cognito_providers, "provider_by_identifier", found)
    url = reverse("pools:provider_find", args=[pool.id])
    response = viewer_client.get(url, {"identifier": " example.com "})
    assert response["Location"] == reverse("pools:provider", args=[pool.id, "Okta"])
    missing = viewer_client.get(url, {"identifier": "other.example"}, follow=True)
    assert "No identity provider for other.example" in missing.content.decode()
    assert asked == ["example.com", "other.example"]


def test_the_signing_certificate_downloads_as_pem(pool, viewer_client, monkeypatch):
    monkeypatch.setattr(cognito_providers, "signing_certificate", lambda pool_id: "A" * 100)
    response = viewer_client.get(reverse("pools:signing_certificate", args=[pool.id]))
    assert response["Content-Type"] == "application/x-pem-file" and "attachment" in response["Content-Disposition"]
    lines = response.content.decode().splitlines()
    assert lines == ["-----BEGIN CERTIFICATE-----", "A" * 64, "A" * 36, "-----END CERTIFICATE-----"]
