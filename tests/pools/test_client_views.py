"""The app client pages in full: settings round-trip on moto, scopes from a list, the hosted
sign-in links, client secret rotation (moto has no secret operations: the gateway is replaced)."""

import json

from django.urls import reverse

from console.audit.models import AuditEvent
from console.cognito import clients as cognito_clients
from console.cognito.client import cognito
from console.cognito.clients import ClientSecretInfo
from tests.pools.test_pool_views import CLIENT_FORM

FULL = {
    **CLIENT_FORM,
    "identity_providers": ["COGNITO", "Okta"],
    "auth_session_minutes": "10",
    "access_token_validity": "2",
    "access_token_unit": "hours",
    "refresh_token_validity": "90",
    "refresh_token_unit": "days",
    "refresh_rotation": "on",
    "rotation_grace_seconds": "30",
    "read_attributes": ["email", "custom:department"],
    "write_attributes": ["custom:department"],
    "scopes": ["openid", "https://api.example.com/orders.read"],
}


def _federated(pool):
    cognito().create_identity_provider(
        UserPoolId=pool.id,
        ProviderName="Okta",
        ProviderType="OIDC",
        ProviderDetails={
            "client_id": "c",
            "client_secret": "s",
            "authorize_scopes": "openid",
            "oidc_issuer": "https://i",
        },
    )
    cognito().create_resource_server(
        UserPoolId=pool.id,
        Identifier="https://api.example.com",
        Name="Orders",
        Scopes=[{"ScopeName": "orders.read", "ScopeDescription": "Read orders"}],
    )


def _created(pool, admin_client, data=FULL):
    response = admin_client.post(reverse("pools:client_new", args=[pool.id]), data)
    assert response.status_code == 302, response.context["form"].errors
    return response["Location"].rstrip("/").split("/")[-2]


def test_every_client_setting_is_sent_and_an_edit_keeps_the_rest(pool, admin_client):
    _federated(pool)
    client_id = _created(pool, admin_client)
    described = cognito_clients.client_describe(pool.id, client_id)
    assert described["SupportedIdentityProviders"] == ["COGNITO", "Okta"]
    assert described["AccessTokenValidity"] == 2 and described["TokenValidityUnits"]["AccessToken"] == "hours"
    assert described["RefreshTokenRotation"] == {"Feature": "ENABLED", "RetryGracePeriodSeconds": 30}
    assert described["ReadAttributes"] == ["email", "custom:department"]
    assert described["WriteAttributes"] == ["custom:department"]
    assert described["AuthSessionValidity"] == 10 and described["EnableTokenRevocation"] is True
    assert described["AllowedOAuthScopes"] == ["openid", "https://api.example.com/orders.read"]

    url = reverse("pools:client_edit", args=[pool.id, client_id])
    form = admin_client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (False, None, [])} | {"reason": "T-1"}
    data["auth_flows"] = ["ALLOW_USER_SRP_AUTH"]
    assert admin_client.post(url, data).status_code == 302

    after = cognito_clients.client_describe(pool.id, client_id)
    assert after["ExplicitAuthFlows"] == ["ALLOW_USER_SRP_AUTH"]
    assert after["SupportedIdentityProviders"] == ["COGNITO", "Okta"]
    assert after["RefreshTokenRotation"] == described["RefreshTokenRotation"]
    assert after["ReadAttributes"] == ["email", "custom:department"]
    event = AuditEvent.objects.get(action="client.update")
    assert [c["field"] for c in event.params["changes"]] == ["ExplicitAuthFlows"]


def test_scopes_come_from_the_list_and_unknown_ones_are_refused(pool, admin_client):
    url = reverse("pools:client_new", args=[pool.id])
    offered = [value for value, _ in admin_client.get(url).context["form"].fields["scopes"].choices]
    assert "https://api.example.com/orders.read" not in offered  # no resource server yet
    response = admin_client.post(url, {**FULL, "identity_providers": ["COGNITO"]})
    assert response.status_code == 200
    assert "https://api.example.com/orders.read is not one of the available choices" in response.content.decode()
    _federated(pool)
    offered = [value for value, _ in admin_client.get(url).context["form"].fields["scopes"].choices]
    assert "https://api.example.com/orders.read" in offered and "openid" in offered


def test_a_token_validity_outside_cognitos_limits_is_refused_in_its_unit(pool, admin_client):
    response = admin_client.post(
        reverse("pools:client_new", args=[pool.id]),
        {**CLIENT_FORM, "access_token_validity": "2", "access_token_unit": "days"},
    )
    assert "Access token: from 5 minutes to 1 day." in response.content.decode()


def test_the_client_page_links_the_hosted_sign_in_and_each_provider(pool, admin_client):
    _federated(pool)
    cognito().create_user_pool_domain(UserPoolId=pool.id, Domain="shop-login")
    client_id = _created(pool, admin_client)
    page = admin_client.get(reverse("pools:client", args=[pool.id, client_id])).content.decode()
    base = "https://shop-login.auth.us-east-1.amazoncognito.com"
    assert f"{base}/login?client_id={client_id}" in page
    assert "identity_provider=Okta" in page and "Test sign-in with Okta" in page


def test_rotating_a_secret_shows_the_new_one_once_and_audits_no_value(pool, admin_client, monkeypatch):
    client_id = _created(pool, admin_client, {**CLIENT_FORM, "confidential": "on"})
    admin_client.get(reverse("pools:client_created", args=[pool.id, client_id]))  # the first secret, shown
    new_value = "rotated-secret-value-0123456789abcdef"
    calls = []
    monkeypatch.setattr(
        cognito_clients, "client_secrets_list", lambda p, c: [ClientSecretInfo("old"), ClientSecretInfo("new")]
    )
    monkeypatch.setattr(
        cognito_clients,
        "client_secret_add",
        lambda p, c: calls.append(("add", c)) or (ClientSecretInfo("new"), new_value),
    )
    monkeypatch.setattr(cognito_clients, "client_secret_delete", lambda p, c, s: calls.append(("delete", s)))

    response = admin_client.post(reverse("pools:client_secret_new", args=[pool.id, client_id]), {"reason": "ROT-1"})
    shown = admin_client.get(response["Location"])
    assert new_value in shown.content.decode() and "no-store" in shown["Cache-Control"]
    assert b"New client secret" in shown.content and b"App client created" not in shown.content
    assert new_value not in admin_client.get(response["Location"], follow=True).content.decode()

    admin_client.post(reverse("pools:client_secret_delete", args=[pool.id, client_id, "old"]), {"reason": "T-1"})
    assert calls == [("add", client_id), ("delete", "old")]
    events = AuditEvent.objects.filter(action__startswith="client.secret_")
    assert sorted(e.action for e in events) == ["client.secret_add", "client.secret_delete"]
    assert new_value not in json.dumps(list(events.values_list("params", "message")))


def test_a_refused_rotation_says_why_on_the_client_page(pool, admin_client):
    client_id = _created(pool, admin_client, {**CLIENT_FORM, "confidential": "on"})
    url = reverse("pools:client_secret_new", args=[pool.id, client_id])
    response = admin_client.post(url, {"reason": "T-1"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("pools:client", args=[pool.id, client_id])
    assert AuditEvent.objects.get(action="client.secret_add").outcome != "success"
