"""An admin configures a pool end to end in the browser, on the emulator: MFA and the feature plan
on the sign-in experience page, then threat protection (which the Plus plan unlocks), then log
delivery; each save is announced in #flash and lands in Cognito."""

import pytest

from console.cognito import pool_config, security
from console.cognito.client import cognito
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BUCKET = "arn:aws:s3:::cognito-auth-events"


def test_an_admin_edits_mfa_the_plan_threat_protection_and_log_delivery(emulator, live_server, page, alice):
    pool_id = cognito().create_user_pool(PoolName="Configured", AutoVerifiedAttributes=["email"])["UserPool"]["Id"]
    sign_in(page, alice, live_server.url)
    page.goto(f"{live_server.url}/pools/{pool_id}/")

    page.click("a.button:has-text('Sign-in experience')")
    page.select_option("#id_mfa_mode", "OPTIONAL")
    page.check("#id_mfa_totp")
    page.check("input[name=tier][value=PLUS]")
    page.fill("#id_reason", "CHG-21")
    page.click("button:has-text('Save')")
    page.wait_for_selector("#flash >> text=Saved")
    assert pool_config.mfa_config_get(pool_id)["MfaConfiguration"] == "OPTIONAL"

    page.click("a.button:has-text('Threat protection')")
    page.select_option("#id_mode", "ENFORCED")
    page.select_option("#id_high_action", "BLOCK")
    page.fill("#id_blocked_ips", "203.0.113.0/24")
    page.fill("#id_reason", "CHG-22")
    page.click("button:has-text('Save')")
    page.wait_for_selector("#flash >> text=Saved")
    risk, _ = security.risk_get(pool_id)
    assert risk["RiskExceptionConfiguration"] == {"BlockedIPRangeList": ["203.0.113.0/24"]}
    assert risk["AccountTakeoverRiskConfiguration"]["Actions"]["HighAction"]["EventAction"] == "BLOCK"

    page.goto(f"{live_server.url}/pools/{pool_id}/log-delivery/")
    page.fill("#id_auth_events_arn", "arn:aws:s3:::Not_A_Bucket")
    page.fill("#id_reason", "CHG-23")
    page.click("button:has-text('Save')")
    page.wait_for_selector("#id_auth_events_arn_error >> text=Enter an ARN such as", state="attached")
    page.fill("#id_auth_events_arn", BUCKET)
    page.click("button:has-text('Save')")
    page.wait_for_selector("#flash >> text=Saved")
    assert security.log_delivery_get(pool_id)[0]["S3Configuration"] == {"BucketArn": BUCKET}
