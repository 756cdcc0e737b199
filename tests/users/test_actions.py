"""Every helpdesk and admin action through its view against moto: Cognito changed,
one audit event with outcome and reason, and a role without the permission gets 403."""

import html

import pytest
from django.urls import reverse

from console.audit.models import AuditEvent
from console.cognito.client import cognito
from tests.users.helpers import HTMX, act, actions, attrs, confirmed, events, get_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def user0(pool):
    return pool.users["user0@example.com"]


def test_it_resets_the_password(helpdesk_client, pool, user0):
    confirmed(pool.id, user0)
    response = act(helpdesk_client, pool.id, "reset_password", user0)
    assert response.status_code == 200
    assert "Password reset" in response.content.decode()
    assert get_user(pool.id, user0)["UserStatus"] == "RESET_REQUIRED"
    [event] = events("user.reset_password")
    assert (event.outcome, event.reason, event.target, event.operator_name) == ("success", "TICKET-1", user0, "hugo")


def test_it_audits_a_failed_reset_with_the_cognito_code(helpdesk_client, pool, user0):
    # A user who never set a password cannot get a reset code: Cognito refuses, the page says why.
    response = act(helpdesk_client, pool.id, "reset_password", user0)
    assert response.status_code == 200
    assert "alert-error" in response.content.decode()
    [event] = events("user.reset_password")
    assert event.outcome == "failure" and event.error_code == "NotAuthorizedException"


def test_it_requires_a_reason(helpdesk_client, pool, user0, settings):
    settings.CONSOLE_REASON_REQUIRED = True
    confirmed(pool.id, user0)
    response = act(helpdesk_client, pool.id, "reset_password", user0, reason="")
    assert "Give a reason" in response.content.decode()
    assert get_user(pool.id, user0)["UserStatus"] == "CONFIRMED"
    assert not events("user.reset_password")


def test_it_accepts_no_reason_when_not_required(helpdesk_client, pool, user0, settings):
    settings.CONSOLE_REASON_REQUIRED = False
    act(helpdesk_client, pool.id, "disable", user0, reason="")
    assert get_user(pool.id, user0)["Enabled"] is False


def test_it_resends_the_invitation_only_to_users_who_must_change_password(helpdesk_client, pool, user0):
    act(helpdesk_client, pool.id, "resend_invitation", user0)
    assert events("user.resend_invitation")[0].outcome == "success"
    confirmed(pool.id, user0)
    response = act(helpdesk_client, pool.id, "resend_invitation", user0)
    assert "Only users who still must change their password" in response.content.decode()
    assert events("user.resend_invitation")[0].outcome == "failure"


def test_it_sets_a_temporary_password_shown_once_and_never_audited(helpdesk_client, pool, user0, caplog):
    confirmed(pool.id, user0)
    response = act(helpdesk_client, pool.id, "set_temporary_password", user0)
    page = response.content.decode()
    assert get_user(pool.id, user0)["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    password = page.split("data-secret>")[1].split("</code>")[0]
    assert len(password) >= 16
    assert "no-store" in response["Cache-Control"]
    [event] = events("user.set_temporary_password")
    assert password not in str(event.params) and password not in event.message
    assert password not in caplog.text
    # The password works: moto accepts it for sign-in with the new-password challenge.
    result = cognito().admin_initiate_auth(
        UserPoolId=pool.id,
        ClientId=pool.client_id,
        AuthFlow="ADMIN_NO_SRP_AUTH",
        AuthParameters={"USERNAME": "user0@example.com", "PASSWORD": html.unescape(password)},
    )
    assert result["ChallengeName"] == "NEW_PASSWORD_REQUIRED"


def test_it_lets_only_admins_set_a_permanent_password(admin_client, helpdesk_client, pool, user0):
    response = act(helpdesk_client, pool.id, "set_password", user0, password="Perm-Passw0rd!")
    assert response.status_code == 403
    assert get_user(pool.id, user0)["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    act(admin_client, pool.id, "set_password", user0, password="Perm-Passw0rd!")
    assert get_user(pool.id, user0)["UserStatus"] == "CONFIRMED"
    [event] = events("user.set_password")
    assert "Perm-Passw0rd!" not in str(event.params)


def test_it_reports_a_password_the_policy_refuses(admin_client, pool, user0):
    response = act(admin_client, pool.id, "set_password", user0, password="short")
    assert "password policy" in response.content.decode()
    assert events("user.set_password")[0].outcome == "failure"


def test_it_disables_and_signs_out_then_enables(helpdesk_client, pool, user0):
    response = act(helpdesk_client, pool.id, "disable", user0)
    assert "disabled and signed out" in response.content.decode()
    assert get_user(pool.id, user0)["Enabled"] is False
    act(helpdesk_client, pool.id, "enable", user0)
    assert get_user(pool.id, user0)["Enabled"] is True
    assert actions("user.") == ["user.disable", "user.enable"]


def test_it_signs_out_everywhere(helpdesk_client, aws):
    # A pool signing in by username: moto tracks tokens by the name used to sign in.
    c = cognito()
    pool_id = c.create_user_pool(PoolName="plain")["UserPool"]["Id"]
    client_id = c.create_user_pool_client(UserPoolId=pool_id, ClientName="app")["UserPoolClient"]["ClientId"]
    c.admin_create_user(UserPoolId=pool_id, Username="bob", MessageAction="SUPPRESS")
    c.admin_set_user_password(UserPoolId=pool_id, Username="bob", Password="Perm-Passw0rd!", Permanent=True)
    tokens = c.admin_initiate_auth(
        UserPoolId=pool_id,
        ClientId=client_id,
        AuthFlow="ADMIN_NO_SRP_AUTH",
        AuthParameters={"USERNAME": "bob", "PASSWORD": "Perm-Passw0rd!"},
    )["AuthenticationResult"]
    act(helpdesk_client, pool_id, "sign_out", "bob")
    with pytest.raises(c.exceptions.NotAuthorizedException):
        c.get_user(AccessToken=tokens["AccessToken"])
    assert events("user.sign_out")[0].outcome == "success"


def test_it_confirms_a_sign_up(helpdesk_client, pool):
    cognito().sign_up(ClientId=pool.client_id, Username="new@example.com", Password="Perm-Passw0rd!")
    username = cognito().list_users(UserPoolId=pool.id, Filter='email = "new@example.com"')["Users"][0]["Username"]
    assert get_user(pool.id, username)["UserStatus"] == "UNCONFIRMED"
    act(helpdesk_client, pool.id, "confirm_sign_up", username)
    assert get_user(pool.id, username)["UserStatus"] == "CONFIRMED"
    assert events("user.confirm_sign_up")[0].target == username


def test_it_marks_email_and_phone_verified(helpdesk_client, pool, user0):
    cognito().admin_update_user_attributes(
        UserPoolId=pool.id, Username=user0, UserAttributes=[{"Name": "phone_number", "Value": "+441234567890"}]
    )
    act(helpdesk_client, pool.id, "verify_email", user0)
    act(helpdesk_client, pool.id, "verify_phone", user0)
    values = attrs(pool.id, user0)
    assert values["email_verified"] == "true" and values["phone_number_verified"] == "true"
    assert set(actions("user.")) == {"user.verify_email", "user.verify_phone"}


def test_it_resets_mfa(helpdesk_client, pool, user0):
    c = cognito()
    c.admin_set_user_mfa_preference(
        UserPoolId=pool.id, Username=user0, SMSMfaSettings={"Enabled": True, "PreferredMfa": True}
    )
    assert get_user(pool.id, user0).get("UserMFASettingList") == ["SMS_MFA"]
    act(helpdesk_client, pool.id, "reset_mfa", user0)
    assert not get_user(pool.id, user0).get("UserMFASettingList")
    assert events("user.reset_mfa")[0].outcome == "success"


def test_it_edits_mutable_attributes_validated_against_the_schema(admin_client, pool, user0):
    response = act(
        admin_client, pool.id, "update_attributes", user0, attr_given_name="Ada", attr_custom__department="Sales"
    )
    assert "Attributes saved" in response.content.decode()
    values = attrs(pool.id, user0)
    assert values["given_name"] == "Ada" and values["custom:department"] == "Sales"
    [event] = events("user.update_attributes")
    assert event.params["attributes"] == {"given_name": "Ada", "custom:department": "Sales"}


def test_it_refuses_an_invalid_attribute_value_before_calling_cognito(admin_client, pool, user0):
    response = act(admin_client, pool.id, "update_attributes", user0, attr_email="not-an-email")
    assert "valid email" in response.content.decode()
    assert attrs(pool.id, user0)["email"] == "user0@example.com"
    assert not events("user.update_attributes")


def test_it_ignores_immutable_attributes(admin_client, pool, user0):
    before = attrs(pool.id, user0)["sub"]
    response = act(admin_client, pool.id, "update_attributes", user0, attr_sub="forged")
    assert "Nothing changed" in response.content.decode()
    assert attrs(pool.id, user0)["sub"] == before


def test_it_removes_an_attribute(admin_client, pool, user0):
    act(admin_client, pool.id, "delete_attribute", user0, name="custom:department")
    assert "custom:department" not in attrs(pool.id, user0)
    assert events("user.delete_attribute")[0].params == {"attribute": "custom:department"}


def test_it_adds_to_and_removes_from_groups(admin_client, pool, user0):
    act(admin_client, pool.id, "group_add", user0, group="staff")
    groups = cognito().admin_list_groups_for_user(UserPoolId=pool.id, Username=user0)["Groups"]
    assert [g["GroupName"] for g in groups] == ["staff"]
    act(admin_client, pool.id, "group_remove", user0, group="staff")
    assert not cognito().admin_list_groups_for_user(UserPoolId=pool.id, Username=user0)["Groups"]
    assert actions("group.") == ["group.add_member", "group.remove_member"]


def test_it_lets_helpdesk_manage_groups_only_when_the_setting_says_so(helpdesk_client, pool, user0, settings):
    settings.CONSOLE_HELPDESK_MANAGES_GROUPS = False
    assert act(helpdesk_client, pool.id, "group_add", user0, group="staff").status_code == 403
    settings.CONSOLE_HELPDESK_MANAGES_GROUPS = True
    assert act(helpdesk_client, pool.id, "group_add", user0, group="staff").status_code == 200
    assert cognito().admin_list_groups_for_user(UserPoolId=pool.id, Username=user0)["Groups"]


def test_it_deletes_a_user_only_when_the_username_is_typed(admin_client, pool, user0):
    response = act(admin_client, pool.id, "delete", user0, confirm="someone-else")
    assert "does not match" in response.content.decode()
    assert get_user(pool.id, user0)
    response = act(admin_client, pool.id, "delete", user0, confirm=user0)
    assert response["HX-Redirect"] == reverse("users:list", args=[pool.id])
    with pytest.raises(cognito().exceptions.UserNotFoundException):
        get_user(pool.id, user0)
    assert events("user.delete")[0].outcome == "success"


def test_it_works_without_htmx(helpdesk_client, pool, user0):
    response = act(helpdesk_client, pool.id, "disable", user0, htmx=False)
    assert response.status_code == 200
    assert "<html" in response.content.decode()
    assert get_user(pool.id, user0)["Enabled"] is False


HELPDESK_ACTIONS = [
    "reset_password",
    "resend_invitation",
    "set_temporary_password",
    "enable",
    "disable",
    "sign_out",
    "confirm_sign_up",
    "verify_email",
    "verify_phone",
    "reset_mfa",
]
ADMIN_ACTIONS = ["set_password", "update_attributes", "delete_attribute", "delete", "group_add", "group_remove"]


def test_it_refuses_a_viewer_every_action_and_changes_nothing(viewer_client, pool, user0):
    # One test over every action: the setup (operators, pool) is the expensive part.
    before = get_user(pool.id, user0)
    for action in HELPDESK_ACTIONS + ADMIN_ACTIONS:
        response = act(
            viewer_client, pool.id, action, user0, htmx=False, confirm=user0, group="staff", name="custom:department"
        )
        assert response.status_code == 403, action
    after = get_user(pool.id, user0)
    assert (after["UserStatus"], after["Enabled"], after["UserAttributes"]) == (
        before["UserStatus"],
        before["Enabled"],
        before["UserAttributes"],
    )
    assert not cognito().admin_list_groups_for_user(UserPoolId=pool.id, Username=user0)["Groups"]
    assert actions("user.") == [] and actions("group.") == []
    assert len(actions("access.denied")) == len(HELPDESK_ACTIONS + ADMIN_ACTIONS)


def test_it_refuses_helpdesk_admin_actions(helpdesk_client, pool, user0):
    for action in ["set_password", "update_attributes", "delete_attribute", "delete"]:
        response = act(
            helpdesk_client, pool.id, action, user0, confirm=user0, password="Perm-Passw0rd!", attr_given_name="X"
        )
        assert response.status_code == 403, action
    assert attrs(pool.id, user0)["given_name"] == "Given0"
    assert get_user(pool.id, user0)["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    assert not AuditEvent.objects.filter(action__startswith="user.").exists()


def test_it_refuses_an_operator_outside_the_pool(outsider_client, pool, user0):
    assert act(outsider_client, pool.id, "disable", user0).status_code == 403
    assert get_user(pool.id, user0)["Enabled"] is True


def test_it_refuses_get_on_an_action(helpdesk_client, pool, user0):
    url = reverse("users:action", args=[pool.id, "disable"])
    assert helpdesk_client.get(url, {"username": user0}, **HTMX).status_code == 405
    assert get_user(pool.id, user0)["Enabled"] is True


def test_it_enforces_csrf(hugo, pool, user0):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(hugo)
    assert act(client, pool.id, "disable", user0).status_code == 403
    assert get_user(pool.id, user0)["Enabled"] is True
