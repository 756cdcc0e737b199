""""Why can't this user sign in?" (issue 13, item 5): a user set up in each state shows that finding
and the fix the operator's role allows; a healthy user shows none. Through the user page against
the emulator process, except the states the emulator cannot make (an expired temporary password
years old, a federated-only user), which run the rule on the facts Cognito would report."""

import json
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse

from console.cognito.auth_events import AuthEvent
from console.cognito.client import cognito
from console.cognito.factors import AuthFactors
from console.cognito.types import CognitoUser
from console.users import diagnosis
from tests.emulator.test_cognito_auth_events import sign_in, with_password
from tests.fixtures.cognito import build_pool
from tests.users.helpers import confirmed

pytestmark = pytest.mark.django_db
EMAIL = "user0@example.com"


@pytest.fixture
def epool(emulator):
    return build_pool(users=1)


@pytest.fixture
def healthy(epool):
    confirmed(epool.id, EMAIL)
    return epool


def findings(client, pool) -> str:
    html = client.get(reverse("users:detail", args=[pool.id, pool.users[EMAIL]])).content.decode()
    start = html.index('id="user-diagnosis"')
    return html[start : html.index("</section>", start)]


def codes(panel: str) -> list[str]:
    return [part.split('"', 1)[0] for part in panel.split('data-finding="')[1:]]


def fixes(panel: str) -> list[str]:
    return [part.split('"', 1)[0] for part in panel.split('data-fix="')[1:]]


def test_a_healthy_user_shows_no_finding(helpdesk_client, healthy):
    panel = findings(helpdesk_client, healthy)
    assert codes(panel) == [] and "data-no-findings" in panel


def test_a_disabled_user_and_the_enable_fix(helpdesk_client, viewer_client, healthy):
    cognito().admin_disable_user(UserPoolId=healthy.id, Username=EMAIL)
    panel = findings(helpdesk_client, healthy)
    assert codes(panel) == ["disabled"] and fixes(panel) == ["enable"]
    # A viewer reads the finding but gets no fix.
    viewer = findings(viewer_client, healthy)
    assert codes(viewer) == ["disabled"] and fixes(viewer) == []


def test_the_fix_posts_to_the_action_and_the_finding_goes(helpdesk_client, healthy):
    cognito().admin_disable_user(UserPoolId=healthy.id, Username=EMAIL)
    url = reverse("users:action", args=[healthy.id, "enable"])
    html = helpdesk_client.post(url, {"username": EMAIL, "reason": "TICKET-9"}, HTTP_HX_REQUEST="true").content
    assert "User enabled" in html.decode() and "data-no-findings" in html.decode()


def test_an_unconfirmed_user_and_the_confirm_fix(helpdesk_client, epool):
    cognito().sign_up(ClientId=epool.client_id, Username="new@example.com", Password="Long-Enough-Pass-1",
                      UserAttributes=[{"Name": "email", "Value": "new@example.com"}])
    html = helpdesk_client.get(reverse("users:detail", args=[epool.id, "new@example.com"])).content.decode()
    panel = html[html.index('id="user-diagnosis"') :]
    assert 'data-finding="unconfirmed"' in panel and 'data-fix="confirm_sign_up"' in panel


def test_an_expired_temporary_password_offers_a_new_one_or_the_invitation(helpdesk_client, epool):
    cognito().update_user_pool(UserPoolId=epool.id, Policies={"PasswordPolicy": {"TemporaryPasswordValidityDays": 0}})
    cognito().admin_update_user_attributes(UserPoolId=epool.id, Username=EMAIL,
                                           UserAttributes=[{"Name": "email_verified", "Value": "true"}])
    panel = findings(helpdesk_client, epool)
    assert codes(panel) == ["temporary_password_expired"]
    assert fixes(panel) == ["set_temporary_password", "resend_invitation"]


def test_a_reset_required_user_and_its_fixes(helpdesk_client, healthy):
    cognito().admin_reset_user_password(UserPoolId=healthy.id, Username=EMAIL)
    panel = findings(helpdesk_client, healthy)
    assert codes(panel) == ["reset_required"] and fixes(panel) == ["reset_password", "set_temporary_password"]


def test_an_unverified_email_in_an_email_pool(helpdesk_client, epool):
    with_password(epool)
    panel = findings(helpdesk_client, epool)
    assert codes(panel) == ["email_unverified"] and fixes(panel) == ["verify_email"]
    assert "The pool needs it to recover a forgotten password" in panel


def test_an_unverified_phone_used_for_recovery(helpdesk_client, healthy):
    cognito().update_user_pool(UserPoolId=healthy.id, AccountRecoverySetting={
        "RecoveryMechanisms": [{"Name": "verified_phone_number", "Priority": 1}]})
    cognito().admin_update_user_attributes(UserPoolId=healthy.id, Username=EMAIL,
                                           UserAttributes=[{"Name": "phone_number", "Value": "+14155550100"}])
    panel = findings(helpdesk_client, healthy)
    assert codes(panel) == ["phone_number_unverified"] and fixes(panel) == ["verify_phone"]


def test_mfa_required_without_a_method_offers_email_mfa(helpdesk_client, healthy):
    cognito().set_user_pool_mfa_config(UserPoolId=healthy.id, MfaConfiguration="ON",
                                       SoftwareTokenMfaConfiguration={"Enabled": True})
    panel = findings(helpdesk_client, healthy)
    assert codes(panel) == ["mfa_without_factor"] and fixes(panel) == ["set_mfa_preference"]
    assert 'name="method" value="email"' in panel and "Turn on MFA by email" in panel


def test_a_risky_sign_in_offers_marking_it_valid(helpdesk_client, healthy):
    cognito().admin_set_user_password(UserPoolId=healthy.id, Username=EMAIL, Password="Long-Enough-Pass-1",
                                      Permanent=True)
    assert sign_in(healthy, ip="203.0.113.8") == "NotAuthorizedException"
    panel = findings(helpdesk_client, healthy)
    assert codes(panel) == ["risky_sign_in"] and fixes(panel) == ["auth_event_feedback"]
    assert 'name="value" value="Valid"' in panel and "203.0.113.8" in panel


def test_failed_sign_ins_offer_a_password_reset(helpdesk_client, healthy):
    sign_in(healthy, password="wrong")
    sign_in(healthy, password="wrong")
    panel = findings(helpdesk_client, healthy)
    assert codes(panel) == ["failed_sign_ins"] and fixes(panel) == ["reset_password"]
    assert "2 failed sign-ins this week." in panel


def test_no_app_client_allows_a_flow_the_user_can_use(helpdesk_client, healthy):
    cognito().update_user_pool_client(UserPoolId=healthy.id, ClientId=healthy.client_id,
                                      ExplicitAuthFlows=["ALLOW_REFRESH_TOKEN_AUTH"])
    panel = findings(helpdesk_client, healthy)
    assert codes(panel) == ["no_usable_client"] and fixes(panel) == []


# --- States the emulator cannot make: the rule on the facts Cognito would report -------------

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
EMAIL_POOL = {"UsernameAttributes": ["email"], "MfaConfiguration": "OFF"}


def user(**kw) -> CognitoUser:
    attrs = {"email": EMAIL, "email_verified": "true", **kw.pop("attributes", {})}
    return CognitoUser(**{"username": "u-1", "status": "CONFIRMED", "enabled": True, "created": NOW, "modified": NOW,
                          "attributes": attrs, **kw})


def facts(**kw) -> diagnosis.Facts:
    return diagnosis.Facts(**{"user": user(), "pool": EMAIL_POOL, "factors": AuthFactors(), "clients": [{}],
                              "now": NOW, **kw})


def test_a_federated_only_user_is_told_to_use_their_provider():
    identities = json.dumps([{"providerName": "Okta", "providerType": "OIDC", "userId": "x"}])
    fed = user(status="EXTERNAL_PROVIDER", attributes={"identities": identities})
    finding = diagnosis.federated_only(facts(user=fed))
    assert finding.title == "This user signs in through Okta only." and finding.fixes == []
    managed = {"AllowedOAuthFlowsUserPoolClient": True, "AllowedOAuthFlows": ["code"],
               "SupportedIdentityProviders": ["Okta"]}
    assert diagnosis.no_usable_client(facts(user=fed, clients=[managed])) is None
    assert diagnosis.no_usable_client(facts(user=fed, clients=[{"ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH"]}]))
    assert diagnosis.federated_only(facts()) is None


def test_the_temporary_password_clock_restarts_with_the_console_s_last_new_password():
    week_old = user(status="FORCE_CHANGE_PASSWORD", created=NOW - timedelta(days=8))
    assert diagnosis.temporary_password_expired(facts(user=week_old)).code == "temporary_password_expired"
    renewed = facts(user=week_old, last_new_password=NOW - timedelta(days=1))
    assert diagnosis.temporary_password_expired(renewed) is None
    history = [SimpleNamespace(action="user.set_temporary_password", outcome="failure", created_at=NOW),
               SimpleNamespace(action="user.resend_invitation", outcome="success", created_at=NOW - timedelta(days=2))]
    assert diagnosis.last_new_password(history) == NOW - timedelta(days=2)


def test_old_events_and_events_already_judged_explain_nothing():
    old = AuthEvent(id="e1", type="SignIn", created=NOW - timedelta(days=30), response="Fail", risk="High")
    judged = AuthEvent(id="e2", type="SignIn", created=NOW, response="Fail", risk="High", feedback="Valid")
    assert diagnosis.risky_sign_in(facts(events=[old, judged])) is None
    assert diagnosis.failed_sign_ins(facts(events=[old])) is None


def test_unreadable_app_clients_are_skipped_not_guessed():
    assert diagnosis.no_usable_client(facts(clients=None)) is None
    assert diagnosis.no_usable_client(facts(clients=[])).code == "no_usable_client"


def test_an_unverified_alias_cannot_sign_in_and_a_pool_that_never_uses_it_does_not_care():
    alias_pool = {"AliasAttributes": ["email"], "AccountRecoverySetting": {"RecoveryMechanisms": [
        {"Name": "admin_only", "Priority": 1}]}}
    unverified = user(attributes={"email_verified": "false"})
    finding = diagnosis.email_unverified(facts(user=unverified, pool=alias_pool))
    assert "needs it to sign in (as an alias)," in finding.detail and finding.fixes == [diagnosis.Fix("verify_email")]
    admin_only = {"AccountRecoverySetting": {"RecoveryMechanisms": [{"Name": "admin_only", "Priority": 1}]}}
    assert diagnosis.email_unverified(facts(user=unverified, pool=admin_only)) is None
