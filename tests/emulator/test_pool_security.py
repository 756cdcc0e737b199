"""The emulator process answers threat protection's risk configuration and log delivery (moto has
neither) and round-trips them, with Cognito's rules: threat protection on the Plus plan only,
a risk configuration only once it is on, each log source to its documented destinations."""

import pytest

from console.cognito import security
from console.cognito.client import cognito
from console.cognito.errors import CognitoError
from console.pools.log_delivery.selectors import log_delivery_settings
from console.pools.threats.selectors import threats_get

GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:cognito-errors"
BUCKET = "arn:aws:s3:::cognito-auth-events"


def test_risk_configuration_round_trips_for_the_pool_and_a_client(emulator, alice):
    c = cognito()
    pool_id = c.create_user_pool(PoolName="Plus", UserPoolTier="PLUS")["UserPool"]["Id"]
    client_id = c.create_user_pool_client(UserPoolId=pool_id, ClientName="web")["UserPoolClient"]["ClientId"]
    with pytest.raises(CognitoError) as refused:
        security.risk_set(pool_id, {"RiskExceptionConfiguration": {"BlockedIPRangeList": ["192.0.2.0/24"]}})
    assert refused.value.code == "UserPoolAddOnNotEnabledException"

    c.update_user_pool(UserPoolId=pool_id, UserPoolTier="PLUS", UserPoolAddOns={"AdvancedSecurityMode": "ENFORCED"})
    security.risk_set(pool_id, {"RiskExceptionConfiguration": {"BlockedIPRangeList": ["192.0.2.0/24"]}})
    assert security.risk_get(pool_id, client_id) == (
        {"RiskExceptionConfiguration": {"BlockedIPRangeList": ["192.0.2.0/24"]}}, False)
    security.risk_set(pool_id, {"CompromisedCredentialsRiskConfiguration": {"Actions": {"EventAction": "BLOCK"}}},
                      client_id)
    shown = threats_get(pool_id, client_id)
    assert (shown.mode, shown.tier, shown.own, shown.compromised_action, shown.blocked_ips) == (
        "ENFORCED", "PLUS", True, "BLOCK", [])
    assert threats_get(pool_id).blocked_ips == ["192.0.2.0/24"]


def test_threat_protection_needs_the_plus_plan(emulator):
    pool_id = cognito().create_user_pool(PoolName="Essentials")["UserPool"]["Id"]
    with pytest.raises(Exception, match="FeatureUnavailableInTierException"):
        cognito().update_user_pool(UserPoolId=pool_id, UserPoolAddOns={"AdvancedSecurityMode": "AUDIT"})


def test_log_delivery_round_trips_with_cognitos_rules(emulator, alice):
    c = cognito()
    pool_id = c.create_user_pool(PoolName="Logs", UserPoolTier="PLUS")["UserPool"]["Id"]
    notifications = {"EventSource": "userNotification", "LogLevel": "ERROR",
                     "CloudWatchLogsConfiguration": {"LogGroupArn": GROUP}}
    auth_events = {"EventSource": "userAuthEvents", "LogLevel": "INFO", "S3Configuration": {"BucketArn": BUCKET}}
    security.log_delivery_set(pool_id, [notifications, auth_events])
    assert security.log_delivery_get(pool_id) == [notifications, auth_events]
    shown = log_delivery_settings(pool_id)
    assert (shown.notifications_arn, shown.auth_events_arn) == (GROUP, BUCKET)
    with pytest.raises(CognitoError, match="userNotification logs need exactly one destination"):
        security.log_delivery_set(pool_id, [{**auth_events, "EventSource": "userNotification", "LogLevel": "ERROR"}])
    essentials = c.create_user_pool(PoolName="Essentials")["UserPool"]["Id"]
    with pytest.raises(CognitoError) as refused:
        security.log_delivery_set(essentials, [auth_events])
    assert refused.value.code == "FeatureUnavailableInTierException"


def test_the_plan_first_factors_and_passkeys_round_trip(emulator, alice):
    from console.pools.signin.selectors import signin_get
    from console.pools.signin.services import signin_save

    pool_id = cognito().create_user_pool(PoolName="Choice")["UserPool"]["Id"]
    cleaned = {"tier": "PLUS", "first_factors": ["PASSWORD", "WEB_AUTHN"], "passkey_rp_id": "auth.example.com",
               "passkey_verification": "required"}
    signin_save(operator=alice, pool_id=pool_id, cleaned=cleaned, changed=set(cleaned), reason="T-1")
    shown = signin_get(pool_id)
    assert (shown.tier, shown.first_factors, shown.passkey_rp_id, shown.passkey_verification, shown.passkeys) == (
        "PLUS", ["PASSWORD", "WEB_AUTHN"], "auth.example.com", "required", True)
