"""Request shapes of the factor and device operations, checked by botocore's Stubber against the
service model (moto has none of them)."""

import pytest

from console.cognito import factors
from console.cognito.errors import CognitoError

POOL, USER, KEY = "us-east-1_Pool", "bob", "us-east-1_0f6e7a3c-1111-2222-3333-444455556666"


def test_it_reads_auth_factors(stub):
    stub.add_response(
        "admin_get_user_auth_factors",
        {
            "Username": USER,
            "PreferredMfaSetting": "SOFTWARE_TOKEN_MFA",
            "UserMFASettingList": ["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"],
            "ConfiguredUserAuthFactors": ["PASSWORD", "SOFTWARE_TOKEN"],
        },
        {"UserPoolId": POOL, "Username": USER},
    )
    got = factors.auth_factors_get(POOL, USER)
    assert got.configured == ["PASSWORD", "SOFTWARE_TOKEN"] and got.preferred == "SOFTWARE_TOKEN_MFA"
    assert got.mfa_enabled == ["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"] and got.from_factors


def test_it_falls_back_to_admin_get_user_where_factors_are_not_offered(stub):
    stub.add_client_error("admin_get_user_auth_factors", service_error_code="NotImplemented", http_status_code=400)
    stub.add_response(
        "admin_get_user",
        {"Username": USER, "UserMFASettingList": ["SMS_MFA"], "PreferredMfaSetting": "SMS_MFA"},
        {"UserPoolId": POOL, "Username": USER},
    )
    got = factors.auth_factors_get(POOL, USER)
    assert (got.mfa_enabled, got.preferred, got.from_factors, got.configured) == (["SMS_MFA"], "SMS_MFA", False, [])


def test_it_lets_other_failures_of_the_factors_call_through(stub):
    stub.add_client_error("admin_get_user_auth_factors", service_error_code="UserNotFoundException")
    with pytest.raises(CognitoError) as error:
        factors.auth_factors_get(POOL, USER)
    assert error.value.code == "UserNotFoundException"


def test_it_deletes_the_software_token(stub):
    stub.add_response("admin_delete_software_token", {}, {"UserPoolId": POOL, "Username": USER})
    factors.software_token_delete(POOL, USER)


def test_it_sets_email_mfa_preferred_and_webauthn_without_a_preferred_flag(stub):
    stub.add_response(
        "admin_set_user_mfa_preference",
        {},
        {
            "UserPoolId": POOL,
            "Username": USER,
            "EmailMfaSettings": {"Enabled": True, "PreferredMfa": True},
            "WebAuthnMfaSettings": {"Enabled": False},
        },
    )
    factors.mfa_preference_set(POOL, USER, {"email": (True, True), "webauthn": (False, True)})


def test_clearing_turns_every_method_off_in_one_call(stub):
    off = {"Enabled": False, "PreferredMfa": False}
    stub.add_response(
        "admin_set_user_mfa_preference",
        {},
        {
            "UserPoolId": POOL,
            "Username": USER,
            "SMSMfaSettings": off,
            "SoftwareTokenMfaSettings": off,
            "EmailMfaSettings": off,
            "WebAuthnMfaSettings": {"Enabled": False},
        },
    )
    factors.mfa_preferences_clear(POOL, USER)


def test_it_gets_forgets_and_marks_a_device(stub):
    expected = {"UserPoolId": POOL, "Username": USER, "DeviceKey": KEY}
    device = {
        "DeviceKey": KEY,
        "DeviceAttributes": [
            {"Name": "device_name", "Value": "Laptop"},
            {"Name": "dev:device_remembered_status", "Value": "remembered"},
        ],
    }
    stub.add_response("admin_get_device", {"Device": device}, expected)
    stub.add_response("admin_update_device_status", {}, {**expected, "DeviceRememberedStatus": "not_remembered"})
    stub.add_response("admin_forget_device", {}, expected)
    got = factors.device_get(POOL, USER, KEY)
    assert (got.key, got.name, got.remembered) == (KEY, "Laptop", "remembered")
    factors.device_status_update(POOL, USER, KEY, "not_remembered")
    factors.device_forget(POOL, USER, KEY)
    with pytest.raises(ValueError):
        factors.device_status_update(POOL, USER, KEY, "forgotten")


def test_it_lists_sessions_over_pages_and_revokes_one_with_linked(stub):
    from console.cognito import sessions

    s1, s2 = "s1" + "a" * 30, "s2" + "b" * 30  # Cognito's session ids are 28 characters or more
    expected = {"UserPoolId": POOL, "Username": USER}
    stub.add_response(
        "admin_list_user_sessions", {"Sessions": [{"SessionId": s1, "SessionType": "SSO"}], "NextToken": "n"}, expected
    )
    stub.add_response(
        "admin_list_user_sessions",
        {"Sessions": [{"SessionId": s2, "ClientId": "app", "LastLocation": {"City": "Lyon", "Country": "FR"}}]},
        {**expected, "NextToken": "n"},
    )
    stub.add_response(
        "admin_revoke_user_session", {}, {**expected, "SessionId": s2, "RevokeAssociatedSessions": "LINKED"}
    )
    got = sessions.sessions_list(POOL, USER)
    assert [(s.id, s.type, s.place) for s in got] == [(s1, "SSO", ""), (s2, "", "Lyon, FR")]
    sessions.session_revoke(POOL, USER, s2, linked=True)
