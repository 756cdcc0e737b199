"""Request shapes of the sign-in event operations (issue 13, item 3), checked by botocore's Stubber
against the service model (moto has neither)."""

from datetime import UTC, datetime

import pytest

from console.cognito import auth_events
from console.cognito.errors import CognitoError
from tests.cognito.test_factors import POOL, USER

RISKY = {
    "EventId": "ev-1",
    "EventType": "SignIn",
    "CreationDate": datetime(2026, 12, 1, 9, 30, tzinfo=UTC),
    "EventResponse": "Fail",
    "EventRisk": {"RiskDecision": "Block", "RiskLevel": "High", "CompromisedCredentialsDetected": True},
    "ChallengeResponses": [
        {"ChallengeName": "Password", "ChallengeResponse": "Success"},
        {"ChallengeName": "Mfa", "ChallengeResponse": "Failure"},
    ],
    "EventContextData": {"IpAddress": "203.0.113.9", "DeviceName": "Chrome", "City": "Lyon", "Country": "France"},
    "EventFeedback": {"FeedbackValue": "Invalid", "Provider": "Admin"},
}


def test_it_reads_one_page_of_events_with_risk_decision_and_challenges(stub):
    stub.add_response(
        "admin_list_user_auth_events",
        {"AuthEvents": [RISKY], "NextToken": "page-2"},
        {"UserPoolId": POOL, "Username": USER, "MaxResults": 10},
    )
    [event], token = auth_events.auth_events_page(POOL, USER)
    assert token == "page-2"
    assert (event.risk, event.decision, event.compromised, event.response) == ("High", "Block", True, "Fail")
    assert event.challenges == [("Password", "Success"), ("Mfa", "Failure")]
    assert (event.ip, event.place, event.device, event.feedback) == ("203.0.113.9", "Lyon, France", "Chrome", "Invalid")
    assert event.risky and event.failed


def test_it_asks_for_the_next_page_with_its_token_and_ends_without_one(stub):
    stub.add_response(
        "admin_list_user_auth_events",
        {"AuthEvents": []},
        {"UserPoolId": POOL, "Username": USER, "MaxResults": 5, "NextToken": "page-2"},
    )
    assert auth_events.auth_events_page(POOL, USER, limit=5, token="page-2") == ([], None)


@pytest.mark.parametrize("value", ["Valid", "Invalid"])
def test_it_sends_the_verdict(stub, value):
    stub.add_response(
        "admin_update_auth_event_feedback",
        {},
        {"UserPoolId": POOL, "Username": USER, "EventId": "ev-1", "FeedbackValue": value},
    )
    auth_events.auth_event_feedback(POOL, USER, "ev-1", value)


def test_it_refuses_a_verdict_cognito_does_not_know(stub):
    with pytest.raises(ValueError):
        auth_events.auth_event_feedback(POOL, USER, "ev-1", "Maybe")


def test_a_pool_without_threat_protection_is_one_cognito_error(stub):
    stub.add_client_error("admin_list_user_auth_events", service_error_code="UserPoolAddOnNotEnabledException",
                          http_status_code=400)
    with pytest.raises(CognitoError) as refused:
        auth_events.auth_events_page(POOL, USER)
    assert refused.value.code == "UserPoolAddOnNotEnabledException"
