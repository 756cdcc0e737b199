"""The log delivery page (issue 14, item 6): user notification errors to CloudWatch Logs, user
auth events (Plus plan) to CloudWatch Logs, S3 or Firehose; saving keeps every other setting."""

import pytest
from django.urls import reverse

from console.audit.models import AuditEvent
from console.cognito import security
from console.cognito.client import cognito
from console.pools.changes import changes_between
from console.pools.log_delivery.services import log_delivery_save
from tests.fixtures.cognito import changing
from tests.pools.conftest import assert_refused

GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/cognito/errors"
BUCKET = "arn:aws:s3:::cognito-auth-events"
STREAM = "arn:aws:firehose:us-east-1:123456789012:deliverystream/auth-events"
NOTIFICATIONS = {"EventSource": "userNotification", "LogLevel": "ERROR",
                 "CloudWatchLogsConfiguration": {"LogGroupArn": GROUP}}


@pytest.fixture
def log_pool(security_emulated) -> str:
    c = cognito()
    pool_id = c.create_user_pool(PoolName="Logs", UserPoolTier="PLUS", AutoVerifiedAttributes=["email"],
                                 AdminCreateUserConfig={"AllowAdminCreateUserOnly": True},
                                 UserPoolTags={"team": "identity"})["UserPool"]["Id"]
    c.set_log_delivery_configuration(UserPoolId=pool_id, LogConfigurations=[NOTIFICATIONS])
    return pool_id


def _post(client, pool_id, **fields):
    data = {"notifications_arn": GROUP, "reason": "T-1", **fields}
    return client.post(reverse("pools:log_delivery", args=[pool_id]), data)


def test_it_shows_the_current_destinations(admin_client, log_pool):
    form = admin_client.get(reverse("pools:log_delivery", args=[log_pool])).context["form"]
    assert (form["notifications_arn"].value(), form["auth_events_arn"].value()) == (GROUP, "")


@pytest.mark.parametrize("arn, block", [(BUCKET, "S3Configuration"), (STREAM, "FirehoseConfiguration"),
                                        (GROUP, "CloudWatchLogsConfiguration")])
def test_it_adds_auth_events_and_keeps_the_rest(admin_client, log_pool, arn, block):
    before = cognito().describe_user_pool(UserPoolId=log_pool)["UserPool"]
    response = _post(admin_client, log_pool, auth_events_arn=arn)
    assert response.status_code == 302
    key = {"S3Configuration": "BucketArn", "FirehoseConfiguration": "StreamArn",
           "CloudWatchLogsConfiguration": "LogGroupArn"}[block]
    assert security.log_delivery_get(log_pool) == [
        {"EventSource": "userAuthEvents", "LogLevel": "INFO", block: {key: arn}}, NOTIFICATIONS]
    assert changes_between(before, cognito().describe_user_pool(UserPoolId=log_pool)["UserPool"]) == []


def test_it_records_one_audit_event_with_before_and_after(admin_client, log_pool):
    _post(admin_client, log_pool, notifications_arn="", auth_events_arn=BUCKET, reason="OPS-7")
    event = AuditEvent.objects.get(action="pool.log_delivery")
    assert (event.outcome, event.reason) == ("success", "OPS-7")
    changes = {c["field"]: (c["before"], c["after"]) for c in event.params["changes"]}
    assert changes["userNotification"] == (NOTIFICATIONS, None)
    assert changes["userAuthEvents"][0] is None
    assert [c["EventSource"] for c in security.log_delivery_get(log_pool)] == ["userAuthEvents"]


@pytest.mark.parametrize("fields, field, message", [
    ({"notifications_arn": BUCKET}, "notifications_arn", "Enter an ARN such as arn:aws:logs:"),
    ({"auth_events_arn": "arn:aws:sns:us-east-1:123456789012:topic"}, "auth_events_arn", "Enter an ARN such as"),
    ({"auth_events_arn": "arn:aws:s3:::Bad_Bucket"}, "auth_events_arn", "Enter an ARN such as"),
])
def test_it_refuses_bad_input_with_a_clear_message_and_no_call(admin_client, log_pool, cognito_calls, fields, field,
                                                                message):
    response = _post(admin_client, log_pool, **fields)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert changing(cognito_calls) == []
    assert not AuditEvent.objects.filter(action="pool.log_delivery").exists()


def test_it_refuses_auth_events_below_the_plus_plan(admin_client, security_emulated, cognito_calls, alice):
    pool_id = cognito().create_user_pool(PoolName="Essentials")["UserPool"]["Id"]
    cognito_calls.clear()
    response = _post(admin_client, pool_id, notifications_arn="", auth_events_arn=BUCKET)
    assert "logs needs the Plus feature plan or higher; this pool is on Essentials." in response.context["form"].errors[
        "auth_events_arn"][0]
    assert_refused(log_delivery_save, cognito_calls, operator=alice, reason="T-1",
                   action="pool.log_delivery", match="Plus feature plan",
                   pool_id=pool_id, cleaned={"auth_events_arn": BUCKET}, changed={"auth_events_arn"})
