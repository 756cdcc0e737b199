import pytest
from django.urls import reverse
from django.utils.html import escape

from console.audit.models import AuditEvent
from console.cognito import clients as cognito_clients
from console.cognito import pools as cognito_pools
from console.cognito.client import cognito
from console.pools.clients.selectors import ClientChoices
from console.pools.selectors import mfa_state

CREATE_FORM = {
    "region": "us-east-1",
    "name": "Shop customers",
    "sign_in": ["email"],
    "password_min_length": "12",
    "require_uppercase": "on",
    "require_lowercase": "on",
    "require_numbers": "on",
    "temporary_password_days": "7",
    "mfa_mode": "OPTIONAL",
    "mfa_totp": "on",
    "required_attributes": ["email"],
    "custom_attributes": "department:String\nlevel:Number",
    "email_sending": "COGNITO_DEFAULT",
    "deletion_protection": "on",
    "reason": "CHG-1",
}


def _pool_names():
    return sorted(p["Name"] for p in cognito().list_user_pools(MaxResults=60)["UserPools"])


def test_it_lists_pools_with_their_details(pool, viewer_client):
    cognito().update_user_pool(UserPoolId=pool.id, DeletionProtection="ACTIVE", MfaConfiguration="OFF")
    response = viewer_client.get(reverse("pools:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Test pool" in html and pool.id in html and "us-east-1" in html
    assert "Create pool" not in html  # viewers see no create button


def test_an_admin_sees_the_create_button(pool, admin_client):
    assert "Create pool" in admin_client.get(reverse("pools:list")).content.decode()


def test_the_list_stays_usable_when_one_describe_fails(pool, viewer_client, monkeypatch):
    from console.cognito.errors import CognitoError

    def broken(pool_id, **kwargs):
        raise CognitoError("Cognito is throttling requests right now.", code="TooManyRequestsException")

    monkeypatch.setattr(cognito_pools, "pool_describe_uncached", broken)
    response = viewer_client.get(reverse("pools:list"))
    assert response.status_code == 200
    assert b"details unavailable" in response.content
    assert b"Test pool" in response.content


def test_the_detail_page_shows_every_section(pool, viewer_client):
    cognito().create_user_pool_domain(UserPoolId=pool.id, Domain="test-login")
    response = viewer_client.get(reverse("pools:detail", args=[pool.id]))
    assert response.status_code == 200
    html = response.content.decode()
    for heading in (
        "General",
        "Sign-in and password policy",
        "MFA",
        "Attribute schema",
        "App clients",
        "Domain",
        "Groups",
        "Identity providers",
        "Tags",
    ):
        assert heading in html
    assert "custom:department" in html
    assert "test-login" in html
    assert "staff" in html and "customers" in html
    assert "Not available on this backend." in html  # moto has no ListTagsForResource
    assert "Edit settings" not in html


def test_a_pool_outside_the_operators_scope_is_refused(pool, outsider_client):
    assert outsider_client.get(reverse("pools:detail", args=[pool.id])).status_code == 403


def test_an_admin_creates_a_pool(aws, admin_client):
    response = admin_client.post(reverse("pools:new"), CREATE_FORM)
    assert response.status_code == 302
    pools = cognito().list_user_pools(MaxResults=60)["UserPools"]
    assert [p["Name"] for p in pools] == ["Shop customers"]
    pool_id = pools[0]["Id"]
    assert response["Location"] == reverse("pools:detail", args=[pool_id])
    described = cognito_pools.pool_describe(pool_id)
    assert described["UsernameAttributes"] == ["email"]
    assert described["DeletionProtection"] == "ACTIVE"
    assert described["Policies"]["PasswordPolicy"]["MinimumLength"] == 12
    assert described["Policies"]["PasswordPolicy"]["RequireSymbols"] is False
    assert described["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is True
    names = {a["Name"] for a in described["SchemaAttributes"]}
    assert {"custom:department", "custom:level"} <= names
    assert mfa_state(pool_id, described) == {"mode": "OPTIONAL", "totp": True, "sms": False}
    event = AuditEvent.objects.get(action="pool.create")
    assert (event.outcome, event.reason, event.target) == ("success", "CHG-1", "Shop customers")
    # The new pool shows up in the list at once (the cached list was forgotten).
    assert b"Shop customers" in admin_client.get(reverse("pools:list")).content


BAD_CREATE_INPUT = [
    ({"name": "bad/name"}, "Use letters"),
    ({"sign_in": []}, "This field is required"),
    ({"mfa_mode": "ON", "mfa_totp": ""}, "at least one factor"),
    ({"mfa_sms": "on"}, "SMS needs the IAM role"),
    ({"email_sending": "DEVELOPER"}, "needs the SES identity ARN"),
    ({"email_sending": "DEVELOPER", "ses_identity_arn": "nope"}, "Enter an SES identity ARN"),
    ({"custom_attributes": "bad name:String"}, "Line 1"),
    ({"custom_attributes": "x:Text"}, "type must be one of"),
    ({"password_min_length": "3"}, "greater than or equal to 6"),
]


def test_bad_create_input_gets_a_clear_message(aws, admin_client):
    for change, message in BAD_CREATE_INPUT:
        data = {**CREATE_FORM, **change}
        if change.get("mfa_totp") == "":
            data.pop("mfa_totp")
        response = admin_client.post(reverse("pools:new"), data)
        assert response.status_code == 200, change
        assert message in response.content.decode(), change
    assert _pool_names() == []


def test_the_create_form_explains_every_field(aws, admin_client):
    from console.pools.settings.forms import PoolCreateForm

    html = admin_client.get(reverse("pools:new")).content.decode()
    for field in PoolCreateForm().visible_fields():
        assert field.help_text, field.name
        assert str(field.help_text) in html or escape(field.help_text) in html, field.name


def test_an_admin_edits_one_setting(pool, admin_client):
    url = reverse("pools:edit", args=[pool.id])
    form = admin_client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (False, None)} | {"reason": "T-1"}
    data["password_min_length"] = 16
    response = admin_client.post(url, data)
    assert response.status_code == 302
    described = cognito_pools.pool_describe(pool.id)
    assert described["Policies"]["PasswordPolicy"]["MinimumLength"] == 16
    assert "custom:department" in {a["Name"] for a in described["SchemaAttributes"]}
    event = AuditEvent.objects.get(action="pool.update")
    assert [c["field"] for c in event.params["changes"]] == ["Policies.PasswordPolicy.MinimumLength"]


def test_an_admin_turns_deletion_protection_on_and_cannot_then_delete(pool, admin_client):
    url = reverse("pools:edit", args=[pool.id])
    form = admin_client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (False, None)} | {"reason": "T-1"}
    data["deletion_protection"] = "on"
    assert admin_client.post(url, data).status_code == 302
    page = admin_client.get(reverse("pools:delete", args=[pool.id]))
    assert b"Deletion protection is on" in page.content
    data = {"confirm_name": "Test pool", "reason": "T-1"}
    response = admin_client.post(reverse("pools:delete", args=[pool.id]), data)
    assert response.status_code == 200
    assert b"Deletion protection is on" in response.content
    assert _pool_names() == ["Test pool"]


def test_an_admin_deletes_a_pool_by_typing_its_name(pool, admin_client):
    url = reverse("pools:delete", args=[pool.id])
    response = admin_client.post(url, {"confirm_name": "Wrong", "reason": "T-1"})
    assert b"does not match" in response.content
    assert _pool_names() == ["Test pool"]
    response = admin_client.post(url, {"confirm_name": "Test pool", "reason": "T-1"})
    assert response.status_code == 302
    assert _pool_names() == []
    assert b"No user pools" in admin_client.get(reverse("pools:list")).content


def test_an_admin_adds_a_custom_attribute_after_a_warning(pool, admin_client):
    url = reverse("pools:attribute_new", args=[pool.id])
    assert b"cannot remove" in admin_client.get(url).content
    response = admin_client.post(url, {"name": "team", "data_type": "String", "mutable": "on"})
    assert b"can never remove" in response.content  # not confirmed: refused
    response = admin_client.post(url, {"name": "team", "data_type": "String", "mutable": "on", "understood": "on",
                                       "reason": "T-1"})
    assert response.status_code == 302
    assert "custom:team" in {a["Name"] for a in cognito_pools.pool_describe(pool.id)["SchemaAttributes"]}


CLIENT_FORM = {
    "reason": "T-1",
    "name": "web",
    "identity_providers": ["COGNITO"],
    "auth_flows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    "auth_session_minutes": "3",
    "prevent_user_existence_errors": "on",
    "access_token_validity": "30",
    "access_token_unit": "minutes",
    "id_token_validity": "30",
    "id_token_unit": "minutes",
    "refresh_token_validity": "14",
    "refresh_token_unit": "days",
    "token_revocation": "on",
    "oauth_flows": ["code"],
    "scopes": ["openid", "email"],
    "callback_urls": "https://app.example.com/cb\nhttp://localhost:3000/cb",
    "logout_urls": "https://app.example.com/bye",
}


def test_an_admin_creates_a_confidential_client_and_sees_the_secret_once(pool, admin_client):
    response = admin_client.post(reverse("pools:client_new", args=[pool.id]), {**CLIENT_FORM, "confidential": "on"})
    assert response.status_code == 302
    shown = admin_client.get(response["Location"])
    assert "no-store" in shown["Cache-Control"]
    secret = shown.context["secret"]
    assert secret and secret in shown.content.decode()
    client_id = shown.context["client"].id
    described = cognito_clients.client_describe(pool.id, client_id)
    assert described["CallbackURLs"] == ["https://app.example.com/cb", "http://localhost:3000/cb"]
    assert described["AllowedOAuthFlows"] == ["code"]
    assert described["AccessTokenValidity"] == 30
    later = admin_client.get(reverse("pools:client", args=[pool.id, client_id]))
    assert secret not in later.content.decode()
    assert b"Confidential" in later.content
    assert secret not in str(list(AuditEvent.objects.values_list("params", "message")))


def test_refreshing_the_new_client_page_creates_nothing_and_shows_the_secret_no_more(pool, admin_client):
    """Issue 11 item 10: the result page was the POST's answer, so a refresh created a second client."""
    created = admin_client.post(reverse("pools:client_new", args=[pool.id]), {**CLIENT_FORM, "confidential": "on"})
    from django.contrib.sessions.models import Session

    kept = str([s.session_data for s in Session.objects.all()] + [s.get_decoded() for s in Session.objects.all()])
    first = admin_client.get(created["Location"])
    secret = first.context["secret"]
    assert secret and secret not in kept  # waited for its page encrypted, never in clear
    again = admin_client.get(created["Location"], follow=True)
    assert secret not in again.content.decode()
    assert b"shown only once" in again.content
    assert sorted(c.name for c in cognito_clients.clients_list(pool.id)) == ["app", "web"]
    assert AuditEvent.objects.filter(action="client.create").count() == 1


BAD_CLIENT_INPUT = [
    ({"callback_urls": "http://app.example.com/cb"}, "must use https"),
    ({"callback_urls": "https://app.example.com/cb#x"}, "must not contain a #fragment"),
    ({"callback_urls": "not a url"}, "is not an absolute URL"),
    ({"callback_urls": ""}, "need at least one callback URL"),
    ({"scopes": ["openid", "bogus"]}, "bogus is not one of the available choices"),
    ({"oauth_flows": ["client_credentials"]}, "need a confidential client"),
    ({"access_token_validity": "2"}, "Access token: from 5 minutes to 1 day."),
    ({"refresh_token_validity": "11", "refresh_token_unit": "days", "id_token_unit": "days"}, "ID token: from 5"),
]


def test_bad_client_input_gets_a_clear_message(pool, admin_client):
    for change, message in BAD_CLIENT_INPUT:
        response = admin_client.post(reverse("pools:client_new", args=[pool.id]), {**CLIENT_FORM, **change})
        assert response.status_code == 200, change
        assert message in response.content.decode(), change
    assert [c.name for c in cognito_clients.clients_list(pool.id)] == ["app"]


def test_an_admin_edits_a_client_keeping_the_rest(pool, admin_client):
    created = admin_client.post(reverse("pools:client_new", args=[pool.id]), CLIENT_FORM, follow=True)
    client_id = created.context["client"].id
    url = reverse("pools:client_edit", args=[pool.id, client_id])
    form = admin_client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (False, None, [])} | {"reason": "T-1"}
    data["logout_urls"] = "https://app.example.com/goodbye"
    assert admin_client.post(url, data).status_code == 302
    described = cognito_clients.client_describe(pool.id, client_id)
    assert described["LogoutURLs"] == ["https://app.example.com/goodbye"]
    assert described["CallbackURLs"] == ["https://app.example.com/cb", "http://localhost:3000/cb"]
    event = AuditEvent.objects.get(action="client.update")
    assert [c["field"] for c in event.params["changes"]] == ["LogoutURLs"]


def test_an_admin_deletes_a_client(pool, admin_client):
    response = admin_client.post(reverse("pools:client_delete", args=[pool.id, pool.client_id]), {"reason": "T-1"})
    assert response.status_code == 302
    assert cognito_clients.clients_list(pool.id) == []


def test_an_admin_creates_and_deletes_the_domain(pool, admin_client):
    response = admin_client.post(reverse("pools:domain_new", args=[pool.id]), {"prefix": "shop-login", "reason": "T-1"})
    assert response.status_code == 302
    page = admin_client.get(reverse("pools:detail", args=[pool.id])).content.decode()
    assert "https://shop-login.auth.us-east-1.amazoncognito.com" in page
    admin_client.post(reverse("pools:domain_delete", args=[pool.id]), {"reason": "T-1"})
    assert not cognito_pools.pool_describe(pool.id).get("Domain")


def test_a_reserved_domain_prefix_is_refused(pool, admin_client):
    response = admin_client.post(reverse("pools:domain_new", args=[pool.id]), {"prefix": "my-cognito"}, follow=True)
    assert b"reserves prefixes" in response.content
    assert not cognito_pools.pool_describe(pool.id).get("Domain")


def _mutations(pool):
    return [
        ("get", reverse("pools:new"), {}),
        ("post", reverse("pools:new"), CREATE_FORM),
        ("get", reverse("pools:edit", args=[pool.id]), {}),
        ("post", reverse("pools:edit", args=[pool.id]), {"name": "Renamed", "password_min_length": 20}),
        (
            "post",
            reverse("pools:attribute_new", args=[pool.id]),
            {"name": "x", "data_type": "String", "understood": "on"},
        ),
        ("post", reverse("pools:delete", args=[pool.id]), {"confirm_name": "Test pool", "reason": "T-1"}),
        ("post", reverse("pools:client_new", args=[pool.id]), CLIENT_FORM),
        ("post", reverse("pools:client_edit", args=[pool.id, pool.client_id]), {**CLIENT_FORM, "name": "renamed"}),
        ("post", reverse("pools:client_delete", args=[pool.id, pool.client_id]), {}),
        ("post", reverse("pools:domain_new", args=[pool.id]), {"prefix": "shop-login", "reason": "T-1"}),
        ("post", reverse("pools:domain_delete", args=[pool.id]), {}),
    ]


def _snapshot(pool):
    described = cognito_pools.pool_describe(pool.id)
    described.pop("LastModifiedDate", None)
    return described, cognito_clients.clients_list(pool.id), _pool_names()


@pytest.mark.parametrize("client_fixture", ["viewer_client", "helpdesk_client", "outsider_client"])
def test_only_admins_change_pools_clients_and_domains(pool, request, client_fixture):
    client = request.getfixturevalue(client_fixture)
    before = _snapshot(pool)
    for method, url, data in _mutations(pool):
        response = getattr(client, method)(url, data)
        assert response.status_code == 403, (method, url)
    assert _snapshot(pool) == before
    assert not AuditEvent.objects.filter(action__regex=r"^(pool|client|domain)\.").exists()
    assert AuditEvent.objects.filter(action="access.denied").count() == len(_mutations(pool))


def test_mutations_refuse_get(pool, admin_client):
    assert admin_client.get(reverse("pools:client_delete", args=[pool.id, pool.client_id])).status_code == 405
    assert admin_client.get(reverse("pools:domain_delete", args=[pool.id])).status_code == 405


SSO_CLIENT = {
    "UserPoolId": "us-east-1_abc",
    "ClientId": "1example23456789",
    "ClientName": "web",
    "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    "AccessTokenValidity": 60,
    "IdTokenValidity": 60,
    "RefreshTokenValidity": 30,
    "TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
    "AllowedOAuthFlowsUserPoolClient": True,
    "AllowedOAuthFlows": ["code"],
    "AllowedOAuthScopes": ["openid", "email"],
    "SupportedIdentityProviders": ["COGNITO", "Okta"],
    "CallbackURLs": ["https://app.example.com/cb"],
    "PreventUserExistenceErrors": "ENABLED",
    "EnableTokenRevocation": True,
}


def test_editing_a_clients_oauth_flows_keeps_its_identity_providers(aws, admin_client, monkeypatch):
    """Issue 15: the form used to send SupportedIdentityProviders=[COGNITO] with any flow change,
    switching single sign-on off. moto's UpdateUserPoolClient keeps what a request leaves out, so
    the exact request is checked with Stubber against the real API model."""
    from botocore.stub import Stubber

    pool_id, client_id = SSO_CLIENT["UserPoolId"], SSO_CLIENT["ClientId"]
    described = {"UserPoolClient": SSO_CLIENT}
    ids = {"UserPoolId": pool_id, "ClientId": client_id}
    expected = {**SSO_CLIENT, "AllowedOAuthFlows": ["code", "implicit"]}
    form = {
        **CLIENT_FORM,
        "identity_providers": ["COGNITO", "Okta"],
        "access_token_validity": "60",
        "id_token_validity": "60",
        "refresh_token_validity": "30",
        "oauth_flows": ["code", "implicit"],
        "callback_urls": "https://app.example.com/cb",
        "logout_urls": "",
    }
    monkeypatch.setattr("console.pools.clients.views.client_choices", lambda pool_id: ClientChoices(["Okta"]))
    with Stubber(cognito("us-east-1")) as stub:
        stub.add_response("describe_user_pool_client", described, ids)  # the view builds the form
        stub.add_response("describe_user_pool_client", described, ids)  # the service reads the whole client
        stub.add_response("update_user_pool_client", {"UserPoolClient": {}}, expected)
        response = admin_client.post(reverse("pools:client_edit", args=[pool_id, client_id]), form)
        stub.assert_no_pending_responses()
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="client.update")
    assert [c["field"] for c in event.params["changes"]] == ["AllowedOAuthFlows"]


@pytest.mark.parametrize("junk", ["junk", "us-east-1_", "<script>", "us-east-1_abc/../x"])
def test_switching_to_a_malformed_pool_id_says_so_instead_of_failing(pool, viewer_client, junk):
    """Issue 11 item 9: this answered 500 (NoReverseMatch)."""
    response = viewer_client.get(reverse("pools:switch"), {"pool_id": junk}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("pools:list")
    assert b"That is not a user pool id" in response.content
    assert "pool_id" not in viewer_client.session


def test_switching_to_a_pool_opens_its_users(pool, viewer_client):
    response = viewer_client.get(reverse("pools:switch"), {"pool_id": pool.id})
    assert response.status_code == 302
    assert response["Location"] == reverse("users:list", args=[pool.id])
    assert viewer_client.session["pool_id"] == pool.id
