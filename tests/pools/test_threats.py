"""The threat protection page (issue 14, item 4): the mode (Plus plan only), the risk configuration
for the pool and per app client; saving keeps every other setting and sends the risk
configuration back whole."""

import pytest
from django.urls import reverse

from console.audit.models import AuditEvent
from console.cognito import security
from console.cognito.client import cognito
from console.pools.changes import changes_between
from console.pools.threats.services import threats_save
from tests.fixtures.cognito import changing
from tests.pools.conftest import assert_refused

SES = "arn:aws:ses:us-east-1:123456789012:identity/example.com"
COMPROMISED = {"EventFilter": ["SIGN_IN"], "Actions": {"EventAction": "BLOCK"}}
POOL = dict(
    PoolName="Threat pool",
    UserPoolTier="PLUS",
    Policies={"PasswordPolicy": {"MinimumLength": 14, "TemporaryPasswordValidityDays": 3}},
    DeletionProtection="ACTIVE",
    AutoVerifiedAttributes=["email"],
    AdminCreateUserConfig={"AllowAdminCreateUserOnly": True},
    UserPoolTags={"team": "identity"},
)
# The form as it shows a PLUS pool with threat protection in audit mode and the COMPROMISED block.
UNCHANGED = {"reason": "T-1", "mode": "AUDIT", "compromised_action": "BLOCK", "compromised_events": ["SIGN_IN"],
             **{f"{level}_action": "NO_ACTION" for level in ("low", "medium", "high")}}


@pytest.fixture
def threat_pool(security_emulated) -> str:
    c = cognito()
    pool_id = c.create_user_pool(**POOL, UserPoolAddOns={"AdvancedSecurityMode": "AUDIT"})["UserPool"]["Id"]
    c.set_risk_configuration(UserPoolId=pool_id, CompromisedCredentialsRiskConfiguration=COMPROMISED)
    return pool_id


def _others(pool_id) -> dict:
    described = cognito().describe_user_pool(UserPoolId=pool_id)["UserPool"]
    return {k: v for k, v in described.items() if k not in ("LastModifiedDate", "UserPoolAddOns")}


def _post(client, pool_id, client_id="", **fields):
    url = reverse("pools:threats_client", args=[pool_id, client_id]) if client_id else reverse(
        "pools:threats", args=[pool_id])
    return client.post(url, {**UNCHANGED, **fields})


def test_it_shows_the_current_values_and_the_plan(admin_client, threat_pool):
    response = admin_client.get(reverse("pools:threats", args=[threat_pool]))
    form = response.context["form"]
    assert (form["mode"].value(), form["compromised_action"].value(), form["compromised_events"].value()) == (
        "AUDIT", "BLOCK", ["SIGN_IN"])
    assert "Plus" in response.content.decode()


def test_it_saves_and_keeps_every_unrelated_setting(admin_client, threat_pool):
    before = _others(threat_pool)
    response = _post(admin_client, threat_pool, mode="ENFORCED", high_action="BLOCK", high_notify="on",
                     medium_action="MFA_REQUIRED", notify_source_arn=SES, notify_from="security@example.com",
                     block_subject="Sign-in blocked", block_text="We blocked a sign-in to your account.",
                     skipped_ips="10.0.0.0/8\r\n192.0.2.0/24", blocked_ips="198.51.100.7/32", reason="SEC-1")
    assert response.status_code == 302, response.context["form"].errors
    assert changes_between(before, _others(threat_pool)) == []
    described = cognito().describe_user_pool(UserPoolId=threat_pool)["UserPool"]
    assert described["UserPoolAddOns"] == {"AdvancedSecurityMode": "ENFORCED"}
    risk, own = security.risk_get(threat_pool)
    assert own and risk["CompromisedCredentialsRiskConfiguration"] == COMPROMISED  # the untouched block
    takeover = risk["AccountTakeoverRiskConfiguration"]
    assert takeover["Actions"]["HighAction"] == {"EventAction": "BLOCK", "Notify": True}
    assert takeover["Actions"]["MediumAction"] == {"EventAction": "MFA_REQUIRED", "Notify": False}
    assert takeover["NotifyConfiguration"] == {
        "SourceArn": SES, "From": "security@example.com",
        "BlockEmail": {"Subject": "Sign-in blocked", "TextBody": "We blocked a sign-in to your account."}}
    assert risk["RiskExceptionConfiguration"] == {"SkippedIPRangeList": ["10.0.0.0/8", "192.0.2.0/24"],
                                                  "BlockedIPRangeList": ["198.51.100.7/32"]}


def test_it_records_one_audit_event_with_before_and_after(admin_client, threat_pool):
    _post(admin_client, threat_pool, compromised_action="NO_ACTION", blocked_ips="203.0.113.0/24", reason="SEC-2")
    event = AuditEvent.objects.get(action="pool.threats")
    assert (event.outcome, event.reason, event.pool_id) == ("success", "SEC-2", threat_pool)
    changes = {c["field"]: (c["before"], c["after"]) for c in event.params["changes"]}
    assert changes["Risk.CompromisedCredentialsRiskConfiguration.Actions.EventAction"] == ("BLOCK", "NO_ACTION")
    assert changes["Risk.RiskExceptionConfiguration"] == (None, {"BlockedIPRangeList": ["203.0.113.0/24"]})


def test_an_unchanged_form_sends_nothing(admin_client, threat_pool, cognito_calls):
    response = _post(admin_client, threat_pool)
    assert response.status_code == 302
    assert changing(cognito_calls) == []
    assert not AuditEvent.objects.filter(action="pool.threats").exists()


def test_an_app_client_gets_its_own_configuration_and_the_pool_keeps_its_own(admin_client, threat_pool):
    client_id = cognito().create_user_pool_client(UserPoolId=threat_pool, ClientName="admin")["UserPoolClient"][
        "ClientId"]
    page = admin_client.get(reverse("pools:threats_client", args=[threat_pool, client_id]))
    assert "uses the pool" in page.content.decode() and "mode" not in page.context["form"].fields
    response = _post(admin_client, threat_pool, client_id, high_action="BLOCK")
    assert response.status_code == 302
    risk, own = security.risk_get(threat_pool, client_id)
    assert own and risk["CompromisedCredentialsRiskConfiguration"] == COMPROMISED
    assert risk["AccountTakeoverRiskConfiguration"]["Actions"]["HighAction"]["EventAction"] == "BLOCK"
    pool_risk, _ = security.risk_get(threat_pool)
    assert "AccountTakeoverRiskConfiguration" not in pool_risk
    assert AuditEvent.objects.get(action="pool.threats").params["was_inherited"] is True


@pytest.mark.parametrize("fields, field, message", [
    ({"skipped_ips": "10.0.0.0/8\n10.1.2.3/8"}, "skipped_ips", "Line 2: 10.1.2.3/8 is not a CIDR range"),
    ({"blocked_ips": "not-an-ip"}, "blocked_ips", "Line 1: not-an-ip is not a CIDR range"),
    ({"skipped_ips": "192.0.2.0/24", "blocked_ips": "192.0.2.0/24"}, "blocked_ips", "both allowed and blocked"),
    ({"low_notify": "on"}, "notify_source_arn", "needs the SES identity"),
    ({"notify_source_arn": "arn:aws:sns:us-east-1:123456789012:topic"}, "notify_source_arn", "Enter an ARN such as"),
    ({"mfa_text": "Was this you?"}, "mfa_subject", "needs a subject"),
    ({"compromised_events": []}, "compromised_events", "at least one event"),
    ({"mode": "OFF", "high_action": "BLOCK"}, None, "Turn threat protection on"),
])
def test_it_refuses_bad_input_with_a_clear_message_and_no_call(admin_client, threat_pool, cognito_calls, fields, field,
                                                                message):
    response = _post(admin_client, threat_pool, **fields)
    assert response.status_code == 200
    errors = response.context["form"].errors.get(field or "__all__")
    assert errors and message in " ".join(errors)
    assert changing(cognito_calls) == []
    assert not AuditEvent.objects.filter(action="pool.threats").exists()


def test_it_refuses_threat_protection_below_the_plus_plan(admin_client, security_emulated, cognito_calls, alice):
    pool_id = cognito().create_user_pool(PoolName="Essentials")["UserPool"]["Id"]
    page = admin_client.get(reverse("pools:threats", args=[pool_id])).content.decode()
    assert "threat protection needs Plus" in page and reverse("pools:signin", args=[pool_id]) in page
    cognito_calls.clear()
    response = _post(admin_client, pool_id, mode="ENFORCED")
    message = "Threat protection needs the Plus feature plan or higher; this pool is on Essentials."
    assert message in response.context["form"].errors["mode"][0]
    assert_refused(threats_save, cognito_calls, operator=alice, reason="T-1",
                   action="pool.threats", match="Plus feature plan",
                   pool_id=pool_id, cleaned={"mode": "AUDIT"}, changed={"mode"})


def test_the_pool_page_shows_the_plan_and_the_mode(admin_client, threat_pool):
    page = admin_client.get(reverse("pools:detail", args=[threat_pool])).content.decode()
    section = page[page.index('id="security"'):]
    assert "Plus" in section and "audit only" in section
    assert reverse("pools:threats", args=[threat_pool]) in section


def test_the_service_refuses_reactions_while_threat_protection_is_off(security_emulated, cognito_calls, alice):
    pool_id = cognito().create_user_pool(PoolName="Off", UserPoolTier="PLUS")["UserPool"]["Id"]
    cognito_calls.clear()
    assert_refused(threats_save, cognito_calls, operator=alice, reason="T-1",
                   action="pool.threats", match="Turn threat protection on",
                   code="UserPoolAddOnNotEnabled", pool_id=pool_id,
                   cleaned={"skipped_ips": [], "blocked_ips": ["192.0.2.0/24"]}, changed={"blocked_ips"})
