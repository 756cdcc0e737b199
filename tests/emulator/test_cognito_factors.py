"""The emulator answers the lost-phone and stolen-laptop operations (issue 13, items 1-2) with state,
as Cognito does; plain moto answers none of them. Runs against the emulator process."""

import pytest
from botocore.exceptions import ClientError

from console.cognito.client import cognito
from tests.fixtures.cognito import build_pool

PASSWORD = "Long-Enough-Pass-1"


def signed_in(pool, email) -> str:
    """Sign the user in as an app would and return the access token."""
    c = cognito()
    c.admin_set_user_password(UserPoolId=pool.id, Username=email, Password=PASSWORD, Permanent=True)
    auth = c.admin_initiate_auth(UserPoolId=pool.id, ClientId=pool.client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                 AuthParameters={"USERNAME": email, "PASSWORD": PASSWORD})
    return auth["AuthenticationResult"]["AccessToken"]


def with_authenticator(pool, email) -> str:
    token = signed_in(pool, email)
    c = cognito()
    c.associate_software_token(AccessToken=token)
    c.verify_software_token(AccessToken=token, UserCode="123456")
    c.admin_set_user_mfa_preference(UserPoolId=pool.id, Username=email,
                                    SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
    return token


def test_it_reports_factors_and_removes_the_authenticator(emulator):
    pool = build_pool(users=1)
    c, email = cognito(), "user0@example.com"
    with_authenticator(pool, email)
    factors = c.admin_get_user_auth_factors(UserPoolId=pool.id, Username=email)
    assert {"PASSWORD", "SOFTWARE_TOKEN", "EMAIL_OTP"} <= set(factors["ConfiguredUserAuthFactors"])
    assert factors["PreferredMfaSetting"] == "SOFTWARE_TOKEN_MFA"
    c.admin_delete_software_token(UserPoolId=pool.id, Username=email)
    factors = c.admin_get_user_auth_factors(UserPoolId=pool.id, Username=email)
    assert "SOFTWARE_TOKEN" not in factors["ConfiguredUserAuthFactors"]
    assert factors["UserMFASettingList"] == [] and not factors.get("PreferredMfaSetting")


def test_it_keeps_email_and_webauthn_preferences(emulator):
    pool = build_pool(users=1)
    c, email = cognito(), "user0@example.com"
    c.admin_set_user_mfa_preference(UserPoolId=pool.id, Username=email,
                                    EmailMfaSettings={"Enabled": True, "PreferredMfa": True},
                                    WebAuthnMfaSettings={"Enabled": True})
    user = c.admin_get_user(UserPoolId=pool.id, Username=email)
    assert user["UserMFASettingList"] == ["EMAIL_OTP"] and user["PreferredMfaSetting"] == "EMAIL_OTP"
    c.admin_set_user_mfa_preference(UserPoolId=pool.id, Username=email,
                                    SMSMfaSettings={"Enabled": False, "PreferredMfa": False})
    assert c.admin_get_user(UserPoolId=pool.id, Username=email)["PreferredMfaSetting"] == "EMAIL_OTP"
    c.admin_set_user_mfa_preference(UserPoolId=pool.id, Username=email,
                                    EmailMfaSettings={"Enabled": False, "PreferredMfa": False})
    user = c.admin_get_user(UserPoolId=pool.id, Username=email)
    assert user["UserMFASettingList"] == [] and not user.get("PreferredMfaSetting")


def test_it_remembers_reads_marks_and_forgets_devices(emulator):
    pool = build_pool(users=1)
    c, email = cognito(), "user0@example.com"
    token = signed_in(pool, email)
    c.confirm_device(AccessToken=token, DeviceKey="us-east-1_dev1", DeviceName="Laptop",
                     DeviceSecretVerifierConfig={"PasswordVerifier": "x", "Salt": "y"})
    [device] = c.admin_list_devices(UserPoolId=pool.id, Username=email)["Devices"]
    assert device["DeviceKey"] == "us-east-1_dev1"
    c.admin_update_device_status(UserPoolId=pool.id, Username=email, DeviceKey="us-east-1_dev1",
                                 DeviceRememberedStatus="not_remembered")
    got = c.admin_get_device(UserPoolId=pool.id, Username=email, DeviceKey="us-east-1_dev1")["Device"]
    assert {"Name": "dev:device_remembered_status", "Value": "not_remembered"} in got["DeviceAttributes"]
    c.admin_forget_device(UserPoolId=pool.id, Username=email, DeviceKey="us-east-1_dev1")
    assert c.admin_list_devices(UserPoolId=pool.id, Username=email)["Devices"] == []
    with pytest.raises(ClientError) as missing:
        c.admin_get_device(UserPoolId=pool.id, Username=email, DeviceKey="us-east-1_dev1")
    assert missing.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_each_sign_in_is_a_session_that_can_be_revoked(emulator):
    pool = build_pool(users=1)
    c, email = cognito(), "user0@example.com"
    signed_in(pool, email)
    auth = c.admin_initiate_auth(UserPoolId=pool.id, ClientId=pool.client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                 AuthParameters={"USERNAME": email, "PASSWORD": PASSWORD})
    sessions = c.admin_list_user_sessions(UserPoolId=pool.id, Username=email)["Sessions"]
    assert len(sessions) == 2 and {s["ClientId"] for s in sessions} == {pool.client_id}
    c.admin_revoke_user_session(UserPoolId=pool.id, Username=email, SessionId=sessions[0]["SessionId"],
                                RevokeAssociatedSessions="NONE")
    assert len(c.admin_list_user_sessions(UserPoolId=pool.id, Username=email)["Sessions"]) == 1
    with pytest.raises(ClientError) as gone:
        c.admin_revoke_user_session(UserPoolId=pool.id, Username=email, SessionId=sessions[0]["SessionId"])
    assert gone.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert auth["AuthenticationResult"]["RefreshToken"]
