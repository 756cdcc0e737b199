"""The emulator records sign-in events with a risk rating and takes feedback on them (issue 13,
item 3); plain moto answers neither operation. Runs against the emulator process."""

import pytest
from botocore.exceptions import ClientError

from console.cognito.client import cognito
from tests.fixtures.cognito import build_pool

PASSWORD = "Long-Enough-Pass-1"
EMAIL = "user0@example.com"


def context(ip: str) -> dict:
    return {"IpAddress": ip, "ServerName": "app.example.com", "ServerPath": "/login", "HttpHeaders": []}


def sign_in(pool, *, password=PASSWORD, ip="192.0.2.10", email=EMAIL):
    """An app's password sign-in from an address; returns the error code or "" when it passed."""
    try:
        cognito().admin_initiate_auth(UserPoolId=pool.id, ClientId=pool.client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                      AuthParameters={"USERNAME": email, "PASSWORD": password},
                                      ContextData=context(ip))
    except ClientError as exc:
        return exc.response["Error"]["Code"]
    return ""


def with_password(pool, email=EMAIL):
    cognito().admin_set_user_password(UserPoolId=pool.id, Username=email, Password=PASSWORD, Permanent=True)


def listed(pool, email=EMAIL, **params):
    return cognito().admin_list_user_auth_events(UserPoolId=pool.id, Username=email, **params)


def test_it_records_passed_and_failed_sign_ins_newest_first(emulator):
    pool = build_pool(users=1)
    with_password(pool)
    assert sign_in(pool, password="wrong") == "NotAuthorizedException"
    assert sign_in(pool) == ""
    passed, failed = listed(pool)["AuthEvents"]
    assert (passed["EventResponse"], passed["EventRisk"]["RiskLevel"]) == ("Pass", "Low")
    assert failed["EventResponse"] == "Fail"
    assert failed["ChallengeResponses"] == [{"ChallengeName": "Password", "ChallengeResponse": "Failure"}]
    assert failed["EventContextData"]["IpAddress"] == "192.0.2.10"


def test_a_risky_address_is_blocked_until_an_event_from_it_is_marked_valid(emulator):
    pool = build_pool(users=1)
    with_password(pool)
    assert sign_in(pool, ip="203.0.113.5") == "NotAuthorizedException"
    [blocked] = listed(pool)["AuthEvents"]
    risk = blocked["EventRisk"]
    assert (risk["RiskDecision"], risk["RiskLevel"], risk["CompromisedCredentialsDetected"]) == ("Block", "High", False)
    cognito().admin_update_auth_event_feedback(UserPoolId=pool.id, Username=EMAIL, EventId=blocked["EventId"],
                                               FeedbackValue="Invalid")
    assert sign_in(pool, ip="203.0.113.5") == "NotAuthorizedException"
    cognito().admin_update_auth_event_feedback(UserPoolId=pool.id, Username=EMAIL, EventId=blocked["EventId"],
                                               FeedbackValue="Valid")
    assert sign_in(pool, ip="203.0.113.5") == ""
    newest = listed(pool)["AuthEvents"][0]
    assert (newest["EventResponse"], newest["EventRisk"]["RiskLevel"]) == ("Pass", "Low")
    marked = [e for e in listed(pool)["AuthEvents"] if e["EventId"] == blocked["EventId"]][0]
    assert marked["EventFeedback"]["FeedbackValue"] == "Valid"


def test_it_pages_with_next_token(emulator):
    pool = build_pool(users=1)
    with_password(pool)
    for _ in range(3):
        sign_in(pool, password="wrong")
    first = listed(pool, MaxResults=2)
    assert len(first["AuthEvents"]) == 2 and first["NextToken"]
    second = listed(pool, MaxResults=2, NextToken=first["NextToken"])
    assert len(second["AuthEvents"]) == 1 and "NextToken" not in second


def test_feedback_on_an_unknown_event_is_refused(emulator):
    pool = build_pool(users=1)
    with pytest.raises(ClientError) as refused:
        cognito().admin_update_auth_event_feedback(UserPoolId=pool.id, Username=EMAIL, EventId="nope",
                                                   FeedbackValue="Valid")
    assert refused.value.response["Error"]["Code"] == "ResourceNotFoundException"
