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
    tags_save(pool_id=pool_id, wanted={"env": "prod"})
    arn, tags = tags_current(pool_id)
    assert tags == {"env": "prod"}
    assert cognito().list_tags_for_resource(ResourceArn=arn)["Tags"] == {"env": "prod"}
