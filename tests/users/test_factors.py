"""Lost phone and stolen laptop through the user page, against the emulator process (the
operations moto lacks are answered there): Cognito changed, one audit event with outcome and
reason, and the page says what happened."""

import pytest
from django.urls import reverse

from console.cognito.client import cognito
from console.cognito.factors import AuthFactors
from console.users.factor_selectors import next_sign_in_text
from tests.emulator.test_cognito_factors import signed_in, with_authenticator
from tests.fixtures.cognito import build_pool
from tests.users.helpers import act, events

pytestmark = pytest.mark.django_db
EMAIL = "user0@example.com"
DEVICE = "us-east-1_0f6e7a3c-1111-2222-3333-444455556666"


@pytest.fixture
def epool(emulator):
    return build_pool(users=1)


def factors(pool) -> dict:
    return cognito().admin_get_user_auth_factors(UserPoolId=pool.id, Username=EMAIL)


def remembered_device(pool):
    cognito().confirm_device(AccessToken=signed_in(pool, EMAIL), DeviceKey=DEVICE, DeviceName="Stolen laptop",
                             DeviceSecretVerifierConfig={"PasswordVerifier": "x", "Salt": "y"})


def test_the_page_shows_factors_and_offers_removing_the_authenticator(helpdesk_client, epool):
    with_authenticator(epool, EMAIL)
    page = helpdesk_client.get(reverse("users:detail", args=[epool.id, epool.users[EMAIL]])).content.decode()
    assert "SOFTWARE_TOKEN" in page and 'data-action="remove_authenticator"' in page
    assert "Remove the authenticator app of Given0 Family0 (user0@example.com) in pool Test pool?" in page


def test_reset_mfa_removes_the_authenticator_clears_every_method_and_says_so(helpdesk_client, epool):
    with_authenticator(epool, EMAIL)
    cognito().admin_set_user_mfa_preference(UserPoolId=epool.id, Username=EMAIL,
                                            EmailMfaSettings={"Enabled": True, "PreferredMfa": False})
    page = act(helpdesk_client, epool.id, "reset_mfa", EMAIL).content.decode()
    assert "Authenticator app removed" in page and "was on: EMAIL_OTP, SOFTWARE_TOKEN_MFA" in page
    after = factors(epool)
    assert "SOFTWARE_TOKEN" not in after["ConfiguredUserAuthFactors"] and after["UserMFASettingList"] == []
    [event] = events("user.reset_mfa")
    assert (event.outcome, event.reason) == ("success", "TICKET-1")
    assert event.params["removed_authenticator"] is True


def test_reset_mfa_without_an_authenticator_says_there_was_none(helpdesk_client, epool):
    page = act(helpdesk_client, epool.id, "reset_mfa", EMAIL).content.decode()
    assert "No authenticator app was registered" in page


def test_it_removes_the_authenticator_app(helpdesk_client, epool):
    with_authenticator(epool, EMAIL)
    page = act(helpdesk_client, epool.id, "remove_authenticator", EMAIL).content.decode()
    assert "Authenticator app removed" in page
    assert "SOFTWARE_TOKEN" not in factors(epool)["ConfiguredUserAuthFactors"]
    assert events("user.remove_authenticator")[0].outcome == "success"


def test_it_turns_email_mfa_on_as_preferred_then_off(helpdesk_client, epool):
    page = act(helpdesk_client, epool.id, "set_mfa_preference", EMAIL, method="email", state="on",
               preferred="on").content.decode()
    assert "MFA by email is now on and preferred." in page
    assert factors(epool)["PreferredMfaSetting"] == "EMAIL_OTP"
    act(helpdesk_client, epool.id, "set_mfa_preference", EMAIL, method="email", state="off")
    assert factors(epool)["UserMFASettingList"] == []
    assert sorted(e.params["enabled"] for e in events("user.set_mfa_preference")) == [False, True]


def test_it_refuses_a_preferred_passkey_with_a_clear_message(helpdesk_client, epool):
    page = act(helpdesk_client, epool.id, "set_mfa_preference", EMAIL, method="webauthn", state="on",
               preferred="on").content.decode()
    assert "no preferred setting for passkeys" in page and not events("user.set_mfa_preference")


def test_it_stops_remembering_then_forgets_a_device(helpdesk_client, epool):
    remembered_device(epool)
    page = helpdesk_client.get(reverse("users:detail", args=[epool.id, epool.users[EMAIL]])).content.decode()
    assert "Stolen laptop" in page and 'data-action="forget_device"' in page
    page = act(helpdesk_client, epool.id, "device_not_remembered", EMAIL, device_key=DEVICE).content.decode()
    assert "Device no longer remembered" in page
    got = cognito().admin_get_device(UserPoolId=epool.id, Username=EMAIL, DeviceKey=DEVICE)["Device"]
    assert {"Name": "dev:device_remembered_status", "Value": "not_remembered"} in got["DeviceAttributes"]
    page = act(helpdesk_client, epool.id, "forget_device", EMAIL, device_key=DEVICE).content.decode()
    assert "Device forgotten" in page and "No remembered devices." in page
    assert [e.params["device"] for e in events("user.forget_device")] == [DEVICE]


def test_forgetting_an_unknown_device_is_audited_as_a_failure(helpdesk_client, epool):
    page = act(helpdesk_client, epool.id, "forget_device", EMAIL, device_key=DEVICE).content.decode()
    assert "alert-error" in page
    [event] = events("user.forget_device")
    assert (event.outcome, event.error_code) == ("failure", "ResourceNotFoundException")


def test_a_malformed_device_key_is_refused_before_cognito(helpdesk_client, epool):
    page = act(helpdesk_client, epool.id, "forget_device", EMAIL, device_key="../x").content.decode()
    assert "This is not a Cognito device key." in page and not events("user.forget_device")


def test_a_pool_that_requires_mfa_says_what_the_next_sign_in_asks(helpdesk_client, epool):
    cognito().set_user_pool_mfa_config(UserPoolId=epool.id, MfaConfiguration="ON",
                                       SoftwareTokenMfaConfiguration={"Enabled": True})
    page = helpdesk_client.get(reverse("users:detail", args=[epool.id, epool.users[EMAIL]])).content.decode()
    assert "this user has no MFA method on" in page


def test_the_next_sign_in_sentence_follows_the_preferred_method():
    totp = AuthFactors(mfa_enabled=["SMS_MFA", "SOFTWARE_TOKEN_MFA"], preferred="SOFTWARE_TOKEN_MFA")
    assert next_sign_in_text("ON", totp).endswith("a code from their authenticator app.")
    both = AuthFactors(mfa_enabled=["SMS_MFA", "EMAIL_OTP"])
    assert next_sign_in_text("ON", both).endswith("a code by SMS or a code by email.")
    assert next_sign_in_text("OPTIONAL", both) == "" and next_sign_in_text("ON", None) == ""


def test_it_shows_a_device_s_details_to_helpdesk_only(helpdesk_client, viewer_client, epool):
    remembered_device(epool)
    url = reverse("users:device", args=[epool.id, DEVICE, EMAIL])
    page = helpdesk_client.get(url).content.decode()
    assert "Stolen laptop" in page and "dev:device_remembered_status" in page
    assert viewer_client.get(url).status_code == 403
    missing = helpdesk_client.get(reverse("users:device", args=[epool.id, "us-east-1_00", EMAIL])).content.decode()
    assert "alert-warning" in missing
    assert helpdesk_client.get(reverse("users:device", args=[epool.id, "x-y", EMAIL])).status_code == 400
