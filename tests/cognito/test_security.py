"""The gateway's risk configuration and log delivery calls, checked with botocore's Stubber
against Cognito's service model (moto has neither operation)."""

import pytest
from botocore.stub import Stubber

from console.cognito import security
from console.cognito.client import cognito

POOL_ID = "us-east-1_Example1"
TAKEOVER = {"Actions": {"HighAction": {"EventAction": "BLOCK", "Notify": True}},
            "NotifyConfiguration": {"SourceArn": "arn:aws:ses:us-east-1:123456789012:identity/example.com",
                                    "BlockEmail": {"Subject": "Blocked", "TextBody": "We blocked a sign-in."}}}
LOGS = [{"EventSource": "userNotification", "LogLevel": "ERROR",
         "CloudWatchLogsConfiguration": {"LogGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:cognito"}},
        {"EventSource": "userAuthEvents", "LogLevel": "INFO",
         "S3Configuration": {"BucketArn": "arn:aws:s3:::cognito-auth-events"}}]


@pytest.fixture
def stub(aws):
    client = cognito("us-east-1")
    with Stubber(client) as stubber:
        yield stubber
        stubber.assert_no_pending_responses()


def test_risk_set_sends_every_block_for_the_client(stub):
    stub.add_response("set_risk_configuration", {"RiskConfiguration": {}}, {
        "UserPoolId": POOL_ID, "ClientId": "client1", "AccountTakeoverRiskConfiguration": TAKEOVER,
        "RiskExceptionConfiguration": {"BlockedIPRangeList": ["192.0.2.0/24"]}})
    config = {"AccountTakeoverRiskConfiguration": TAKEOVER, "CompromisedCredentialsRiskConfiguration": {},
              "RiskExceptionConfiguration": {"BlockedIPRangeList": ["192.0.2.0/24"]}}
    security.risk_set(POOL_ID, config, "client1")  # an empty block is left out


def test_risk_get_says_when_a_client_shows_the_pools_configuration(stub):
    answer = {"RiskConfiguration": {"UserPoolId": POOL_ID, "ClientId": "ALL",
                                    "AccountTakeoverRiskConfiguration": TAKEOVER, "LastModifiedDate": 0}}
    stub.add_response("describe_risk_configuration", answer, {"UserPoolId": POOL_ID, "ClientId": "client1"})
    assert security.risk_get(POOL_ID, "client1") == ({"AccountTakeoverRiskConfiguration": TAKEOVER}, False)


def test_log_delivery_round_trips_the_configurations(stub):
    stub.add_response("set_log_delivery_configuration", {}, {"UserPoolId": POOL_ID, "LogConfigurations": LOGS})
    stub.add_response("get_log_delivery_configuration",
                      {"LogDeliveryConfiguration": {"UserPoolId": POOL_ID, "LogConfigurations": LOGS}},
                      {"UserPoolId": POOL_ID})
    security.log_delivery_set(POOL_ID, LOGS)
    assert security.log_delivery_get(POOL_ID) == LOGS
