"""The emulator process answers the pool configuration the sign-in and tags pages change, and
round-trips it (plain moto drops email MFA and has no tag operations)."""

from console.cognito import pool_config
from console.cognito.client import cognito
from console.pools.signin.selectors import signin_get
from console.pools.tags.services import tags_current, tags_save

EMAIL_MFA = {"Subject": "Sign-in", "Message": "Your code: {####}"}
SES = {"EmailSendingAccount": "DEVELOPER", "SourceArn": "arn:aws:ses:us-east-1:123456789012:identity/example.com"}


def test_email_mfa_and_passkeys_round_trip(emulator, alice):
    pool_id = cognito().create_user_pool(PoolName="MFA", EmailConfiguration=SES)["UserPool"]["Id"]
    passkeys = {"RelyingPartyId": "login.example.com", "UserVerification": "preferred"}
    pool_config.mfa_config_set(pool_id, {"MfaConfiguration": "OPTIONAL", "EmailMfaConfiguration": EMAIL_MFA,
                                         "WebAuthnConfiguration": passkeys})
    assert pool_config.mfa_config_get(pool_id) == {"MfaConfiguration": "OPTIONAL",
                                                   "EmailMfaConfiguration": EMAIL_MFA,
                                                   "WebAuthnConfiguration": passkeys}
    shown = signin_get(pool_id)
    assert (shown.mfa_mode, shown.email, shown.passkeys, shown.totp) == ("OPTIONAL", True, True, False)


def test_tags_round_trip(emulator, alice):
    pool_id = cognito().create_user_pool(PoolName="Tags", UserPoolTags={"team": "identity"})["UserPool"]["Id"]
    tags_save(operator=alice, pool_id=pool_id, wanted={"env": "prod"}, reason="T-1")
    arn, tags = tags_current(pool_id)
    assert tags == {"env": "prod"}
    assert cognito().list_tags_for_resource(ResourceArn=arn)["Tags"] == {"env": "prod"}


def test_messaging_and_triggers_round_trip(emulator, alice):
    """UpdateUserPool keeps what the messaging and triggers pages send (moto needs no fix for them)."""
    from console.pools.messaging.selectors import messaging_get
    from console.pools.messaging.services import messaging_save
    from console.pools.triggers.selectors import TRIGGERS, triggers_get
    from console.pools.triggers.services import triggers_save

    pool_id = cognito().create_user_pool(PoolName="Messages", UserPoolTags={"team": "identity"})["UserPool"]["Id"]
    wanted = {**messaging_get(pool_id).values, "email_sending": "DEVELOPER", "source_arn": SES["SourceArn"],
              "reply_to": "help@example.com", "configuration_set": "cs", "sms_role_arn": "arn:aws:iam::1:role/r",
              "sns_region": "eu-west-1", "invite_sms": "{username} {####}", "verify_by": "CONFIRM_WITH_LINK"}
    changed = {"email_sending", "sms_role_arn", "invite_sms", "verify_by"}
    messaging_save(operator=alice, pool_id=pool_id, cleaned=wanted, changed=changed, reason="T-1")
    shown = messaging_get(pool_id).values
    assert {k: shown[k] for k in ("email_sending", "reply_to", "configuration_set", "sns_region", "invite_sms",
                                  "verify_by")} == {
        "email_sending": "DEVELOPER", "reply_to": "help@example.com", "configuration_set": "cs",
        "sns_region": "eu-west-1", "invite_sms": "{username} {####}", "verify_by": "CONFIRM_WITH_LINK"}

    lam = "arn:aws:lambda:us-east-1:123456789012:function:f"
    cleaned = {t.name: lam for t in TRIGGERS} | {"pre_token_version": "V2_0",
                                                 "kms_key": "arn:aws:kms:us-east-1:123456789012:key/k"}
    triggers_save(operator=alice, pool_id=pool_id, cleaned=cleaned, changed={"pre_sign_up"}, reason="T-2")
    current = triggers_get(pool_id)
    assert current.arns == {t.name: lam for t in TRIGGERS} and current.pre_token_version == "V2_0"
    assert cognito().describe_user_pool(UserPoolId=pool_id)["UserPool"]["UserPoolTags"] == {"team": "identity"}
