"""The sign-in experience page (issue 14, item 1): MFA with every factor block, account recovery,
attribute verification and device remembering; saving keeps everything else of the pool."""

import pytest
from botocore.stub import Stubber
from django.urls import reverse

from console.audit.models import AuditEvent
from console.cognito import pool_config
from console.cognito.client import cognito
from console.emulator import pool_config as emulated
from console.pools.changes import changes_between
from console.pools.signin.services import signin_save
from tests.fixtures.cognito import changing
from tests.pools.conftest import assert_refused

SMS = {"SnsCallerArn": "arn:aws:iam::123456789012:role/CognitoSMS", "ExternalId": "cognito-console"}
EMAIL_MFA = {"Subject": "Sign-in", "Message": "Your code: {####}"}
POOL = dict(
    PoolName="Sign-in pool",
    Policies={"PasswordPolicy": {"MinimumLength": 14, "RequireUppercase": True, "TemporaryPasswordValidityDays": 3}},
    DeletionProtection="ACTIVE",
    AutoVerifiedAttributes=["email"],
    EmailConfiguration={"EmailSendingAccount": "DEVELOPER",
                        "SourceArn": "arn:aws:ses:us-east-1:123456789012:identity/example.com"},
    SmsConfiguration=SMS,
    EmailVerificationSubject="Your code",
    EmailVerificationMessage="Code {####}",
    AdminCreateUserConfig={"AllowAdminCreateUserOnly": True},
    AccountRecoverySetting={"RecoveryMechanisms": [{"Priority": 1, "Name": "verified_email"}]},
    UserPoolTags={"team": "identity"},
)
# What the form fields mean for this pool as created (the unchanged form).
UNCHANGED = {"reason": "T-1", "mfa_mode": "OPTIONAL", "mfa_totp": "on", "mfa_email": "on", "recovery": "verified_email",
             "auto_verified": ["email"], "devices": "off", "tier": "ESSENTIALS", "first_factors": ["PASSWORD"],
             "passkey_verification": "preferred"}
CHANGED_ELSEWHERE = ("LastModifiedDate", "AccountRecoverySetting", "AutoVerifiedAttributes",
                     "UserAttributeUpdateSettings", "DeviceConfiguration", "MfaConfiguration")


@pytest.fixture
def mfa_blocks(aws, monkeypatch):
    """In-process moto answering SetUserPoolMfaConfig with every block, as the emulator does."""
    from moto.cognitoidp import responses

    for name in ("set_user_pool_mfa_config", "get_user_pool_mfa_config"):
        monkeypatch.setattr(responses.CognitoIdpResponse, name, getattr(emulated, name))


@pytest.fixture
def sign_in_pool(mfa_blocks) -> str:
    c = cognito()
    pool_id = c.create_user_pool(**POOL)["UserPool"]["Id"]
    c.set_user_pool_mfa_config(UserPoolId=pool_id, MfaConfiguration="OPTIONAL",
                               SoftwareTokenMfaConfiguration={"Enabled": True}, EmailMfaConfiguration=EMAIL_MFA)
    return pool_id


def _others(pool_id) -> dict:
    described = cognito().describe_user_pool(UserPoolId=pool_id)["UserPool"]
    return {k: v for k, v in described.items() if k not in CHANGED_ELSEWHERE}


def _post(client, pool_id, **fields):
    return client.post(reverse("pools:signin", args=[pool_id]), {**UNCHANGED, **fields})


def test_it_shows_the_current_values(admin_client, sign_in_pool):
    response = admin_client.get(reverse("pools:signin", args=[sign_in_pool]))
    form = response.context["form"]
    shown = {name: form[name].value() for name in ("mfa_mode", "mfa_totp", "mfa_sms", "mfa_email", "recovery",
                                                   "auto_verified", "devices")}
    assert shown == {"mfa_mode": "OPTIONAL", "mfa_totp": True, "mfa_sms": False, "mfa_email": True,
                     "recovery": "verified_email", "auto_verified": ["email"], "devices": "off"}
    assert '<option value="verified_email" selected>' in response.content.decode()


def test_it_saves_every_section_and_keeps_every_unrelated_setting(admin_client, sign_in_pool):
    before = _others(sign_in_pool)
    response = _post(admin_client, sign_in_pool, mfa_mode="ON", mfa_sms="on",
                     recovery="verified_phone_number,verified_email", auto_verified=["email", "phone_number"],
                     keep_original=["email"], devices="user_opt_in", device_challenge_new="on", reason="T-1")
    assert response.status_code == 302
    described = cognito().describe_user_pool(UserPoolId=sign_in_pool)["UserPool"]
    assert [m["Name"] for m in described["AccountRecoverySetting"]["RecoveryMechanisms"]] == [
        "verified_phone_number", "verified_email"]
    assert described["AutoVerifiedAttributes"] == ["email", "phone_number"]
    assert described["UserAttributeUpdateSettings"] == {"AttributesRequireVerificationBeforeUpdate": ["email"]}
    assert described["DeviceConfiguration"] == {"ChallengeRequiredOnNewDevice": True,
                                                "DeviceOnlyRememberedOnUserPrompt": True}
    assert changes_between(before, _others(sign_in_pool)) == []
    mfa = pool_config.mfa_config_get(sign_in_pool)
    assert mfa["MfaConfiguration"] == "ON"
    assert mfa["EmailMfaConfiguration"] == EMAIL_MFA  # the block the form did not change goes back as it was
    assert mfa["SmsMfaConfiguration"] == {"SmsConfiguration": SMS}
    assert mfa["SoftwareTokenMfaConfiguration"] == {"Enabled": True}


def test_it_records_one_audit_event_with_before_and_after(admin_client, sign_in_pool):
    _post(admin_client, sign_in_pool, mfa_email="", devices="always", reason="T-2")
    event = AuditEvent.objects.get(action="pool.signin")
    assert event.outcome == "success" and event.reason == "T-2" and event.pool_id == sign_in_pool
    changes = {c["field"]: (c["before"], c["after"]) for c in event.params["changes"]}
    assert changes["MFA.EmailMfaConfiguration"] == (EMAIL_MFA, None)
    assert changes["DeviceConfiguration"] == (None, {"ChallengeRequiredOnNewDevice": False,
                                                     "DeviceOnlyRememberedOnUserPrompt": False})
    assert pool_config.mfa_config_get(sign_in_pool).get("EmailMfaConfiguration") is None


def test_it_turns_device_remembering_off_by_removing_the_configuration(alice, sign_in_pool):
    c = cognito()
    described = c.describe_user_pool(UserPoolId=sign_in_pool)["UserPool"]
    c.update_user_pool(UserPoolId=sign_in_pool, AutoVerifiedAttributes=["email"], SmsConfiguration=SMS,
                       EmailConfiguration=described["EmailConfiguration"],
                       DeviceConfiguration={"ChallengeRequiredOnNewDevice": True})
    diff = signin_save(operator=alice, pool_id=sign_in_pool, cleaned={"devices": "off", "device_challenge_new": False},
                       changed={"devices", "device_challenge_new"}, reason="T-1")
    assert [d["field"] for d in diff] == ["DeviceConfiguration"]
    assert "DeviceConfiguration" not in c.describe_user_pool(UserPoolId=sign_in_pool)["UserPool"]


@pytest.mark.parametrize("fields, field, message", [
    ({"mfa_mode": "ON", "mfa_totp": "", "mfa_email": ""}, "mfa_totp", "at least one factor"),
    ({"keep_original": ["phone_number"]}, "keep_original", "Only an attribute Cognito verifies"),
    ({"device_challenge_new": "on"}, "device_challenge_new", "needs device remembering on"),
    ({"recovery": "verified_email,admin_only"}, "recovery", "Select a valid choice"),
])
def test_it_refuses_bad_input_with_a_clear_message_and_no_call(admin_client, sign_in_pool, cognito_calls, fields, field,
                                                                message):
    cognito_calls.clear()
    response = _post(admin_client, sign_in_pool, **fields)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert changing(cognito_calls) == []
    assert not AuditEvent.objects.filter(action="pool.signin").exists()


def test_it_refuses_factors_the_pool_cannot_send(admin_client, aws, cognito_calls):
    pool_id = cognito().create_user_pool(PoolName="Plain")["UserPool"]["Id"]
    cognito_calls.clear()
    response = _post(admin_client, pool_id, mfa_sms="on", mfa_email="on", auto_verified=["phone_number"],
                     recovery="verified_email", first_factors=["PASSWORD", "EMAIL_OTP", "SMS_OTP"])
    errors = response.context["form"].errors
    assert "Codes by email need" in errors["first_factors"][0] and "Codes by SMS need" in errors["first_factors"][1]
    assert "SMS role" in errors["mfa_sms"][0] and "SES" in errors["mfa_email"][0]
    assert "SMS role" in errors["auto_verified"][0]
    assert changing(cognito_calls) == []


def test_set_user_pool_mfa_config_gets_every_block_it_was_given(aws, alice):
    """Against the service model: changing TOTP alone sends the SMS, email and passkey blocks back."""
    pool_id = "us-east-1_abc"
    described = {"Id": pool_id, "Name": "Real", "MfaConfiguration": "OPTIONAL", "SmsConfiguration": SMS,
                 "Arn": "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc"}
    blocks = {
        "SmsMfaConfiguration": {"SmsAuthenticationMessage": "Code {####}", "SmsConfiguration": SMS},
        "SoftwareTokenMfaConfiguration": {"Enabled": True},
        "EmailMfaConfiguration": EMAIL_MFA,
        "WebAuthnConfiguration": {"RelyingPartyId": "login.example.com", "UserVerification": "required"},
    }
    with Stubber(cognito("us-east-1")) as stub:
        stub.add_response("describe_user_pool", {"UserPool": described}, {"UserPoolId": pool_id})
        stub.add_response("get_user_pool_mfa_config", {**blocks, "MfaConfiguration": "OPTIONAL"},
                          {"UserPoolId": pool_id})
        stub.add_response("set_user_pool_mfa_config", {}, {
            **blocks, "UserPoolId": pool_id, "MfaConfiguration": "OPTIONAL",
            "SoftwareTokenMfaConfiguration": {"Enabled": False}})
        signin_save(operator=alice, pool_id=pool_id, cleaned={"mfa_totp": False}, changed={"mfa_totp"}, reason="T-1")
        stub.assert_no_pending_responses()


def test_the_settings_page_mfa_change_keeps_email_codes_and_passkeys(aws, alice):
    """The pool settings form shows TOTP and SMS only; saving it must not drop the other factors."""
    from console.pools.settings.services import pool_update

    pool_id = "us-east-1_abc"
    described = {"Id": pool_id, "Name": "Real", "MfaConfiguration": "OPTIONAL",
                 "Arn": "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc"}
    kept = {"EmailMfaConfiguration": EMAIL_MFA,
            "WebAuthnConfiguration": {"RelyingPartyId": "login.example.com", "UserVerification": "required"}}
    current = {**kept, "SoftwareTokenMfaConfiguration": {"Enabled": False}, "MfaConfiguration": "OPTIONAL"}
    with Stubber(cognito("us-east-1")) as stub:
        stub.add_response("describe_user_pool", {"UserPool": described}, {"UserPoolId": pool_id})
        stub.add_response("get_user_pool_mfa_config", current, {"UserPoolId": pool_id})  # the form's "before"
        stub.add_response("get_user_pool_mfa_config", current, {"UserPoolId": pool_id})  # the blocks to keep
        stub.add_response("set_user_pool_mfa_config", {}, {
            **kept, "UserPoolId": pool_id, "MfaConfiguration": "ON",
            "SoftwareTokenMfaConfiguration": {"Enabled": True}})
        pool_update(operator=alice, pool_id=pool_id, changes={}, mfa={"mode": "ON", "totp": True, "sms": False},
                    reason="T-1")
        stub.assert_no_pending_responses()


# --- Feature plan, choice-based sign-in and passkeys (issue 14, item 1 remainder) ---------------

PASSKEYS = {"RelyingPartyId": "auth.example.com", "UserVerification": "required"}


def test_it_saves_the_plan_first_factors_and_passkeys_and_keeps_the_rest(admin_client, sign_in_pool):
    before = _others(sign_in_pool)
    response = _post(admin_client, sign_in_pool, tier="PLUS", first_factors=["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"],
                     passkey_rp_id="Auth.Example.com", passkey_verification="required", reason="T-3")
    assert response.status_code == 302, response.context["form"].errors
    described = cognito().describe_user_pool(UserPoolId=sign_in_pool)["UserPool"]
    assert described["UserPoolTier"] == "PLUS"
    assert described["Policies"]["SignInPolicy"] == {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"]}
    assert described["Policies"]["PasswordPolicy"] == before["Policies"]["PasswordPolicy"]  # merged, not replaced
    unrelated = ("Policies", "UserPoolTier")
    assert changes_between({k: v for k, v in before.items() if k not in unrelated},
                           {k: v for k, v in _others(sign_in_pool).items() if k not in unrelated}) == []
    mfa = pool_config.mfa_config_get(sign_in_pool)
    assert mfa["WebAuthnConfiguration"] == PASSKEYS
    assert mfa["EmailMfaConfiguration"] == EMAIL_MFA and mfa["MfaConfiguration"] == "OPTIONAL"
    event = AuditEvent.objects.get(action="pool.signin")
    changes = {c["field"]: (c["before"], c["after"]) for c in event.params["changes"]}
    assert changes["UserPoolTier"] == (None, "PLUS")
    assert changes["Policies.SignInPolicy"] == (None, {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP",
                                                                                     "WEB_AUTHN"]})
    assert changes["MFA.WebAuthnConfiguration"] == (None, PASSKEYS)


@pytest.mark.parametrize("fields, field, message", [
    ({"tier": "LITE", "mfa_email": ""}, None, None),  # the control: Lite with password and TOTP only is fine
    ({"tier": "LITE", "mfa_email": "", "first_factors": ["PASSWORD", "EMAIL_OTP"]}, "first_factors",
     "Sign-in without a password needs the Essentials feature plan or higher; this pool is on Lite."),
    ({"tier": "LITE"}, "mfa_email", "Email MFA needs the Essentials feature plan or higher"),
    ({"tier": "LITE", "mfa_email": "", "passkey_rp_id": "auth.example.com"}, "passkey_rp_id",
     "Passkeys needs the Essentials feature plan"),
    ({"first_factors": []}, "first_factors", "Choose at least one way"),
    ({"mfa_mode": "ON", "first_factors": ["PASSWORD", "EMAIL_OTP"]}, "first_factors", "MFA required"),
    ({"passkey_rp_id": "https://auth.example.com/"}, "passkey_rp_id", "Enter a domain name"),
])
def test_it_refuses_what_the_plan_does_not_allow_with_a_clear_message_and_no_call(
        admin_client, sign_in_pool, cognito_calls, fields, field, message):
    response = _post(admin_client, sign_in_pool, **fields)
    if field is None:
        assert response.status_code == 302
        return
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert changing(cognito_calls) == []
    assert not AuditEvent.objects.filter(action="pool.signin").exists()


def test_a_plus_pool_with_threat_protection_on_keeps_its_plan(admin_client, sign_in_pool, cognito_calls, alice):
    described = cognito().describe_user_pool(UserPoolId=sign_in_pool)["UserPool"]
    cognito().update_user_pool(UserPoolId=sign_in_pool, UserPoolTier="PLUS", AutoVerifiedAttributes=["email"],
                               SmsConfiguration=SMS, EmailConfiguration=described["EmailConfiguration"],
                               UserPoolAddOns={"AdvancedSecurityMode": "ENFORCED"})
    cognito_calls.clear()
    response = _post(admin_client, sign_in_pool, tier="ESSENTIALS")
    assert "turn it off on the threat protection page first" in response.context["form"].errors["tier"][0]
    assert_refused(signin_save, cognito_calls, operator=alice, reason="T-1",
                   action="pool.signin", match="Threat protection is on",
                   pool_id=sign_in_pool, cleaned={"tier": "ESSENTIALS"}, changed={"tier"})


def test_a_lower_plan_is_set_after_the_factors_it_no_longer_allows_are_off(aws, alice):
    """Against the service model, in order: email MFA off (SetUserPoolMfaConfig), then Lite."""
    pool_id = "us-east-1_abc"
    described = {"Id": pool_id, "Name": "Real", "UserPoolTier": "ESSENTIALS",
                 "Policies": {"PasswordPolicy": {"MinimumLength": 12}},
                 "Arn": "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc"}
    mfa = {"MfaConfiguration": "OPTIONAL", "EmailMfaConfiguration": EMAIL_MFA,
           "SoftwareTokenMfaConfiguration": {"Enabled": True}}
    with Stubber(cognito("us-east-1")) as stub:
        stub.add_response("describe_user_pool", {"UserPool": described}, {"UserPoolId": pool_id})
        stub.add_response("get_user_pool_mfa_config", mfa, {"UserPoolId": pool_id})
        stub.add_response("set_user_pool_mfa_config", {}, {
            "UserPoolId": pool_id, "MfaConfiguration": "OPTIONAL", "SoftwareTokenMfaConfiguration": {"Enabled": True}})
        stub.add_response("update_user_pool", {}, {
            "UserPoolId": pool_id, "PoolName": "Real", "UserPoolTier": "LITE",
            "Policies": {"PasswordPolicy": {"MinimumLength": 12}}})
        signin_save(operator=alice, pool_id=pool_id, cleaned={"tier": "LITE", "mfa_email": False},
                    changed={"tier", "mfa_email"}, reason="T-1")
        stub.assert_no_pending_responses()


def test_a_pool_without_a_recovery_setting_saves_and_keeps_it_unset(admin_client, aws, alice):
    pool_id = cognito().create_user_pool(PoolName="Legacy")["UserPool"]["Id"]
    response = _post(admin_client, pool_id, recovery="", mfa_mode="OPTIONAL", mfa_email="", auto_verified=[])
    assert response.status_code == 302, response.context["form"].errors
    assert pool_config.mfa_config_get(pool_id)["MfaConfiguration"] == "OPTIONAL"
    assert "AccountRecoverySetting" not in cognito().describe_user_pool(UserPoolId=pool_id)["UserPool"]


def test_a_legacy_pool_with_threat_protection_below_plus_still_saves_other_settings(admin_client, sign_in_pool):
    described = cognito().describe_user_pool(UserPoolId=sign_in_pool)["UserPool"]
    cognito().update_user_pool(UserPoolId=sign_in_pool, AutoVerifiedAttributes=["email"], SmsConfiguration=SMS,
                               EmailConfiguration=described["EmailConfiguration"],
                               UserPoolAddOns={"AdvancedSecurityMode": "AUDIT"})  # no plan: Essentials
    response = _post(admin_client, sign_in_pool, devices="always")
    assert response.status_code == 302, response.context["form"].errors
