"""The account's Cognito quotas (Service Quotas) size the limiter's budgets; the operator's
CONSOLE_RATE_QUOTAS still wins, and an unreadable account falls back to the built-in rates."""

import logging

import boto3
import pytest
from botocore.stub import Stubber

from console.cognito import client, limiter, quotas
from console.emulator import service_quotas as emulated


def _quota(name: str, value: float) -> dict:
    return {"ServiceCode": "cognito-idp", "QuotaName": name, "QuotaCode": "L-1", "Value": value}


@pytest.fixture
def sq(settings, monkeypatch):
    settings.CONSOLE_RATE_QUOTAS_FROM_ACCOUNT = True
    settings.CONSOLE_RATE_QUOTAS = []
    sq_client = boto3.client("service-quotas", region_name="us-east-1",
                             aws_access_key_id="testing", aws_secret_access_key="testing")
    monkeypatch.setattr(client, "service_quotas", lambda region=None: sq_client)
    monkeypatch.setattr(client, "quota_scope", lambda: "123456789012")
    with Stubber(sq_client) as stubber:
        yield stubber
        stubber.assert_no_pending_responses()


def test_it_reads_the_applied_quotas_over_pages_and_ignores_unknown_ones(sq):
    params = {"ServiceCode": "cognito-idp"}
    sq.add_response("list_service_quotas", {"Quotas": [_quota("Rate of UserCreation requests", 200),
                                                       _quota("User pools per account", 1000)],
                                            "NextToken": "t"}, params)
    sq.add_response("list_service_quotas", {"Quotas": [_quota("Rate of UserUpdate requests", 80)]},
                    {**params, "NextToken": "t"})
    sq.add_response("list_aws_default_service_quotas", {"Quotas": [_quota("Rate of UserUpdate requests", 25),
                                                                   _quota("Rate of UserList requests", 30)]}, params)
    found = client.account_quotas("us-east-1")
    assert found == {"UserCreation": (200.0, "account"), "UserUpdate": (80.0, "account"), "UserList": (30.0, "default")}
    assert client.account_quotas("us-east-1") == found  # cached: no second round trip (the stubber would fail)


def test_the_limiter_uses_a_higher_account_quota_and_the_override_wins(settings):
    settings.CONSOLE_RATE_BUDGET_SHARE = 0.5
    settings.CONSOLE_RATE_QUOTAS = []
    assert limiter.limit_for("AdminCreateUser").rate == 25
    assert limiter.limit_for("AdminCreateUser", {"UserCreation": 200.0}).rate == 100
    settings.CONSOLE_RATE_QUOTAS = ["UserCreation=60"]
    assert limiter.limit_for("AdminCreateUser", {"UserCreation": 200.0}).rate == 30


def test_limited_calls_draw_on_the_account_budget(sq, monkeypatch):
    sq.add_response("list_service_quotas", {"Quotas": [_quota(f"Rate of {name} requests", 500)
                                                       for name in limiter.QUOTAS]}, {"ServiceCode": "cognito-idp"})
    seen = []
    monkeypatch.setattr(limiter, "acquire", lambda op, region, *, scope, calls=1, account=None: seen.append(account))
    c = client.cognito("us-east-1")
    c.meta.events.emit("before-send.cognito-identity-provider.AdminCreateUser", request=None)
    assert seen == []  # outside limited_calls() nothing is charged
    with client.limited_calls():
        c.meta.events.emit("before-send.cognito-identity-provider.AdminCreateUser", request=None)
    assert seen[0]["UserCreation"] == 500


def test_an_unreadable_account_falls_back_with_a_warning(sq, caplog):
    sq.add_client_error("list_service_quotas", "AccessDeniedException", "not allowed", 400)
    with caplog.at_level(logging.WARNING, logger="console.cognito.client"):
        assert client.account_quotas("us-east-1") == {}
    assert "Service Quotas unreadable" in caplog.text
    assert client.account_quotas("us-east-1") == {}  # the failure is cached too: no second call
    rows = {row.category: row for row in quotas.budget_rows({})}
    assert (rows["UserCreation"].quota, rows["UserCreation"].source) == (50, quotas.BUILT_IN)


def test_rows_name_each_quotas_source(settings):
    settings.CONSOLE_RATE_QUOTAS = ["UserUpdate=10"]
    settings.CONSOLE_RATE_BUDGET_SHARE = 0.5
    account = {"UserCreation": (200.0, "account"), "UserUpdate": (80.0, "account"), "UserList": (30.0, "default")}
    rows = {r.category: r for r in quotas.budget_rows(account)}
    assert (rows["UserCreation"].source, rows["UserCreation"].budget) == ("account", 100)
    assert (rows["UserUpdate"].source, rows["UserUpdate"].quota, rows["UserUpdate"].budget) == (quotas.OVERRIDE, 10, 5)
    assert rows["UserList"].source == "default"
    assert rows["UserPoolUpdate"].source == quotas.BUILT_IN


def test_the_emulator_answers_both_calls_with_cognitos_defaults(aws, settings, monkeypatch):
    emulated.apply()
    settings.CONSOLE_RATE_QUOTAS_FROM_ACCOUNT = True
    monkeypatch.setattr(client, "quota_scope", lambda: "emulator")
    found = client.account_quotas("us-east-1")
    assert {name: value for name, (value, _) in found.items()} == {k: float(v) for k, v in limiter.QUOTAS.items()}
    assert {source for _, source in found.values()} == {"account"}
    defaults = client.service_quotas("us-east-1").list_aws_default_service_quotas(ServiceCode="cognito-idp")
    assert len(defaults["Quotas"]) == len(limiter.QUOTAS)


def test_the_quotas_page_lists_each_category_for_admins(alice, settings, monkeypatch):
    from tests.fixtures.operators import signed_in

    settings.CONSOLE_RATE_QUOTAS_FROM_ACCOUNT = True
    monkeypatch.setattr(client, "account_quotas", lambda region=None: {"UserCreation": (200.0, "account")})
    body = signed_in(alice).get("/quotas/").content.decode()
    assert "UserCreation" in body and "200/s" in body and "100/s" in body and "UserPoolUpdate" in body
    assert "could not be read" not in body
