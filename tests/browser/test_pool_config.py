"""An admin configures a pool in the browser (issue 14's Done means): MFA on the sign-in page,
a message template on the messaging page (previewed first) and a Lambda trigger, each saved
with every other setting kept."""

import pytest

from console.cognito import pool_config
from console.cognito.client import cognito
from tests.browser.conftest import sign_in
from tests.fixtures.cognito import build_pool

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MIGRATE = "arn:aws:lambda:us-east-1:123456789012:function:migrate-users"


def _save(page, fields: dict, reason: str = "") -> None:
    """Fill the fields in, save, and wait for the result in the #flash live region."""
    for selector, value in {**fields, "#id_reason": reason}.items():
        page.fill(selector, value)
    page.click("button:has-text('Save')")
    page.wait_for_selector("#flash >> text=Saved")


def _refused(page, fields: dict, message: str) -> None:
    for selector, value in fields.items():
        page.fill(selector, value)
    page.click("button:has-text('Save')")
    assert message in page.inner_text(".field-error")


def test_an_admin_edits_mfa_a_message_template_and_a_trigger(emulator, live_server, page, alice):
    pool = build_pool(name="Config pool", users=1)
    sign_in(page, alice, live_server.url)
    page.goto(f"{live_server.url}/pools/{pool.id}/")

    page.click("a.button:has-text('Sign-in experience')")
    page.select_option("#id_mfa_mode", "OPTIONAL")
    page.check("#id_mfa_totp")
    _save(page, {}, reason="CHG-11")

    page.click("a.button:has-text('Messaging')")
    page.fill("#id_code_sms", "Your Config pool code: {####}")
    page.click("button:has-text('Preview messages')")
    assert "Your Config pool code: 123456" in page.inner_text("#preview")
    _refused(page, {"#id_invite_sms": "Welcome, your password is {####}"}, "Must contain {username}")
    _save(page, {"#id_invite_sms": "Welcome {username}, your password is {####}"}, reason="CHG-12")

    page.click("a.button:has-text('Lambda triggers')")
    assert "moves users with their passwords" in page.inner_text("#migration-note")
    _refused(page, {"#id_user_migration": "migrate-users"}, "Not a Lambda function ARN")
    _save(page, {"#id_user_migration": MIGRATE}, reason="CHG-13")

    described = cognito().describe_user_pool(UserPoolId=pool.id)["UserPool"]
    assert pool_config.mfa_config_get(pool.id)["MfaConfiguration"] == "OPTIONAL"
    assert described["VerificationMessageTemplate"]["SmsMessage"] == "Your Config pool code: {####}"
    assert described["AdminCreateUserConfig"]["InviteMessageTemplate"]["SMSMessage"].startswith("Welcome {username}")
    assert described["LambdaConfig"] == {"UserMigration": MIGRATE}
    assert described["UsernameAttributes"] == ["email"]  # an unrelated setting, kept
