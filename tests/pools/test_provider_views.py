import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from console.audit.models import AuditEvent
from console.cognito.client import cognito

SECRET = "idp-view-secret-0123456789"
OIDC_POST = {
    "name": "Okta",
    "issuer": "https://example.okta.com/",
    "client_id": "okta-client-1",
    "client_secret": SECRET,
    "scopes": "openid email",
    "attributes_request_method": "GET",
    "attribute_mapping": "email = email\ncustom:department = dept",
    "identifiers": "example.com",
    "reason": "SSO-1",
}
METADATA = b'<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"/>'


def _providers(pool_id):
    return cognito().list_identity_providers(UserPoolId=pool_id)["Providers"]


def _details(pool_id, name="Okta"):
    return cognito().describe_identity_provider(UserPoolId=pool_id, ProviderName=name)["IdentityProvider"]


def test_an_admin_adds_an_oidc_provider_and_its_page_never_shows_the_secret(pool, admin_client):
    response = admin_client.post(reverse("pools:provider_new", args=[pool.id, "oidc"]), OIDC_POST)

    assert response.status_code == 302
    raw = _details(pool.id)
    assert raw["ProviderDetails"]["oidc_issuer"] == "https://example.okta.com"
    assert raw["AttributeMapping"]["custom:department"] == "dept"
    page = admin_client.get(response["Location"]).content.decode()
    assert "urn:amazon:cognito:sp:" + pool.id in page
    assert SECRET not in page and "set (never shown)" in page
    assert SECRET not in json.dumps(list(AuditEvent.objects.values_list("params", flat=True)))


def test_bad_input_gets_a_specific_message_and_no_call(pool, admin_client):
    calls = []
    cognito().meta.events.register("before-call.cognito-idp.CreateIdentityProvider", lambda **kw: calls.append(1))
    cases = {
        "attribute_mapping": ("nickname_x = nick", "the pool has no attribute nickname_x"),
        "scopes": ("email profile", "OpenID Connect needs the openid scope"),
        "issuer": ("http://example.okta.com", "The issuer must be an https:// URL"),
        "name": ("Google", "reserved"),
        "identifiers": ("bad/identifier", "is not an identifier"),
    }
    for field, (value, message) in cases.items():
        response = admin_client.post(reverse("pools:provider_new", args=[pool.id, "oidc"]), {**OIDC_POST, field: value})
        assert response.status_code == 200
        assert message in response.content.decode(), field
    assert calls == [] and _providers(pool.id) == []


def test_mapping_sub_or_username_is_refused(pool, admin_client):
    response = admin_client.post(
        reverse("pools:provider_new", args=[pool.id, "oidc"]), {**OIDC_POST, "attribute_mapping": "sub = id"}
    )
    assert "Cognito sets sub itself" in response.content.decode()


def test_editing_without_re_entering_the_secret_keeps_it(pool, admin_client):
    admin_client.post(reverse("pools:provider_new", args=[pool.id, "oidc"]), OIDC_POST)
    edit = reverse("pools:provider_edit", args=[pool.id, "Okta"])
    form = admin_client.get(edit).content.decode()
    assert SECRET not in form and "Leave empty to keep the current secret" in form

    response = admin_client.post(edit, {**OIDC_POST, "client_secret": "", "identifiers": "example.com example.org"})

    assert response.status_code == 302
    raw = _details(pool.id)
    assert raw["ProviderDetails"]["client_secret"] == SECRET
    assert raw["IdpIdentifiers"] == ["example.com", "example.org"]
    assert raw["AttributeMapping"]["email"] == "email"


def test_creating_an_oidc_provider_needs_its_secret(pool, admin_client):
    response = admin_client.post(
        reverse("pools:provider_new", args=[pool.id, "oidc"]), {**OIDC_POST, "client_secret": ""}
    )
    assert "Enter the client secret the IdP gave you." in response.content.decode()


def test_an_admin_adds_a_saml_provider_from_a_metadata_file(pool, admin_client):
    data = {
        "name": "Corp",
        "metadata_file": SimpleUploadedFile("metadata.xml", METADATA, content_type="text/xml"),
        "idp_signout": "on",
        "sign_requests": "on",
        "attribute_mapping": "email = http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        "identifiers": "corp.example",
        "reason": "T-1",
    }
    response = admin_client.post(reverse("pools:provider_new", args=[pool.id, "saml"]), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    details = _details(pool.id, "Corp")["ProviderDetails"]
    assert details["MetadataFile"].startswith("<?xml")
    assert details["IDPSignout"] == "true" and details["IDPInit"] == "false"
    assert details["RequestSigningAlgorithm"] == "rsa-sha256"


def test_a_saml_provider_needs_metadata(pool, admin_client):
    response = admin_client.post(reverse("pools:provider_new", args=[pool.id, "saml"]), {"name": "Corp"})
    assert "Give the IdP&#x27;s metadata URL or upload its metadata file." in response.content.decode()
    junk = SimpleUploadedFile("metadata.xml", b"<html/>", content_type="text/xml")
    response = admin_client.post(
        reverse("pools:provider_new", args=[pool.id, "saml"]), {"name": "Corp", "metadata_file": junk}
    )
    assert "That file is not SAML metadata" in response.content.decode()


def test_the_provider_page_shows_the_acs_url_from_the_pools_domain(pool, admin_client):
    cognito().create_user_pool_domain(UserPoolId=pool.id, Domain="shop-login")
    admin_client.post(
        reverse("pools:provider_new", args=[pool.id, "saml"]),
        {"name": "Corp", "metadata_url": "https://idp.example.com/metadata", "reason": "T-1"},
    )
    page = admin_client.get(reverse("pools:provider", args=[pool.id, "Corp"])).content.decode()
    assert "https://shop-login.auth.us-east-1.amazoncognito.com/saml2/idpresponse" in page


def test_an_admin_deletes_a_provider(pool, admin_client):
    admin_client.post(reverse("pools:provider_new", args=[pool.id, "oidc"]), OIDC_POST)
    response = admin_client.post(reverse("pools:provider_delete", args=[pool.id, "Okta"]), {"reason": "gone"})
    assert response.status_code == 302 and _providers(pool.id) == []
    assert AuditEvent.objects.get(action="provider.delete").reason == "gone"


def test_a_delete_without_a_reason_is_refused_in_flash_when_reasons_are_required(pool, admin_client, settings):
    settings.CONSOLE_REASON_REQUIRED = True
    admin_client.post(reverse("pools:provider_new", args=[pool.id, "oidc"]), OIDC_POST)
    page = admin_client.get(reverse("pools:provider", args=[pool.id, "Okta"])).content.decode()
    assert 'id="provider-delete-reason"' in page  # the button's form asks for the reason
    response = admin_client.post(reverse("pools:provider_delete", args=[pool.id, "Okta"]), follow=True)
    assert "Give a reason" in response.content.decode()
    assert [p["ProviderName"] for p in _providers(pool.id)] == ["Okta"]
    refused = AuditEvent.objects.get(action="provider.delete")
    assert (refused.outcome, refused.error_code) == ("failure", "ReasonMissing")


def test_viewers_see_providers_but_no_buttons(pool, admin_client, viewer_client):
    admin_client.post(reverse("pools:provider_new", args=[pool.id, "oidc"]), OIDC_POST)
    page = viewer_client.get(reverse("pools:detail", args=[pool.id])).content.decode()
    assert reverse("pools:provider", args=[pool.id, "Okta"]) in page
    assert "Add OIDC provider" not in page and "Add resource server" not in page
    assert viewer_client.post(reverse("pools:provider_delete", args=[pool.id, "Okta"])).status_code == 403


def test_an_admin_adds_and_edits_a_resource_server_through_the_pages(pool, admin_client):
    response = admin_client.post(
        reverse("pools:resource_server_new", args=[pool.id]),
        {"identifier": "https://api.example.com", "name": "Orders API", "scopes": "orders.read = Read orders",
         "reason": "T-1"},
    )
    assert response.status_code == 302
    page = admin_client.get(reverse("pools:detail", args=[pool.id])).content.decode()
    assert "https://api.example.com/orders.read" in page
    edit = reverse("pools:resource_server_edit", args=[pool.id, "https://api.example.com"])
    assert "orders.read = Read orders" in admin_client.get(edit).content.decode()
    bad = admin_client.post(edit, {"name": "Orders API", "scopes": "orders read = x"})
    assert "Line 1: orders read is not a scope name" in bad.content.decode()
