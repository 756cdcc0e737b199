"""Issue 15 end to end: an admin adds an OpenID Connect provider with an attribute mapping,
enables it on an app client, then edits the client's OAuth flows, and single sign-on stays on."""

import pytest

from console.cognito import clients as cognito_clients
from console.cognito import providers as cognito_providers
from tests.fixtures.cognito import build_pool

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_oidc_provider_enabled_on_a_client_survives_editing_the_clients_flows(
    emulator, live_server, signed_in_page, alice
):
    pool = build_pool(name="Federated pool", users=0)
    page = signed_in_page(alice)
    page.goto(f"{live_server.url}/pools/{pool.id}/")
    page.click("a.button:has-text('Add OIDC provider')")
    page.fill("#id_name", "Okta")
    page.fill("#id_issuer", "https://example.okta.com")
    page.fill("#id_client_id", "okta-client-1")
    page.fill("#id_client_secret", "browser-idp-secret-0123")
    page.fill("#id_attribute_mapping", "email = email\ncustom:department = dept")
    page.fill("#id_reason", "SSO-7")
    page.click("button:has-text('Add identity provider')")
    page.wait_for_selector("h1:has-text('Okta')")
    assert "custom:department" in page.inner_text("table.data")
    assert "browser-idp-secret-0123" not in page.content()

    page.goto(f"{live_server.url}/pools/{pool.id}/clients/{pool.client_id}/edit/")
    page.check("input[name=identity_providers][value=COGNITO]")
    page.check("input[name=identity_providers][value=Okta]")
    page.check("input[name=oauth_flows][value=code]")
    page.check("input[name=scopes][value=openid]")
    page.fill("#id_callback_urls", "https://app.example.com/cb")
    page.fill("#id_reason", "SSO-8")
    page.click("button:has-text('Save app client')")
    page.wait_for_selector("text=Saved")
    assert "Okta" in page.inner_text("dl.props")

    page.goto(f"{live_server.url}/pools/{pool.id}/clients/{pool.client_id}/edit/")
    page.check("input[name=oauth_flows][value=implicit]")
    page.check("input[name=auth_flows][value=ALLOW_USER_PASSWORD_AUTH]")
    page.fill("#id_reason", "SSO-9")
    page.click("button:has-text('Save app client')")
    page.wait_for_selector("text=Saved")

    described = cognito_clients.client_describe(pool.id, pool.client_id)
    assert sorted(described["AllowedOAuthFlows"]) == ["code", "implicit"]
    assert "ALLOW_USER_PASSWORD_AUTH" in described["ExplicitAuthFlows"]
    assert sorted(described["SupportedIdentityProviders"]) == ["COGNITO", "Okta"]
    assert cognito_providers.provider_describe(pool.id, "Okta")["AttributeMapping"]["custom:department"] == "dept"
    assert "Okta" in page.inner_text("dl.props")


def test_the_federation_pages_never_scroll_sideways_at_390_px(emulator, live_server, signed_in_page, alice):
    from console.cognito.client import cognito
    from tests.browser.conftest import PHONE

    pool = build_pool(name="Federated pool", users=0)
    cognito().create_user_pool_domain(UserPoolId=pool.id, Domain="a-rather-long-federated-sign-in-prefix")
    cognito().create_identity_provider(
        UserPoolId=pool.id, ProviderName="CorporateIdentityProvider", ProviderType="OIDC",
        ProviderDetails={"client_id": "c", "client_secret": "s", "authorize_scopes": "openid",
                         "attributes_request_method": "GET", "oidc_issuer": "https://login.example.com/tenant/v2.0"},
    )
    cognito().update_user_pool_client(
        UserPoolId=pool.id, ClientId=pool.client_id, AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email"], SupportedIdentityProviders=["COGNITO", "CorporateIdentityProvider"],
        CallbackURLs=["https://application.example.com/a/long/callback/path/after/sign-in"],
    )
    page = signed_in_page(alice)
    page.set_viewport_size(PHONE)
    too_wide = []
    client = f"clients/{pool.client_id}"
    for path in (f"{client}/", f"{client}/edit/", "providers/CorporateIdentityProvider/", "providers/new/apple/", ""):
        page.goto(f"{live_server.url}/pools/{pool.id}/{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide.append(f"{path}: {width} px")
    assert "Test sign-in with CorporateIdentityProvider" in page.goto(
        f"{live_server.url}/pools/{pool.id}/clients/{pool.client_id}/"
    ).text()
    assert not too_wide
