"""Optional TOTP two-factor sign-in: enrol, sign in with a code, disable, required for admins."""

import logging
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from console.audit.models import AuditEvent
from tests.fixtures.operators import PASSWORD

SECURITY = "/accounts/security/"
VERIFY = "/accounts/2fa/"


def code_for(device: TOTPDevice, offset_steps: int = 0) -> str:
    device.refresh_from_db()
    value = totp(device.bin_key, step=device.step, t0=device.t0 - offset_steps * device.step, digits=device.digits)
    return f"{value:0{device.digits}d}"


def allow_reuse(device: TOTPDevice):
    # A code is accepted once; tests that need another one in the same 30 s window forget the last use.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)


def enrol(client) -> TOTPDevice:
    assert client.post(reverse("accounts:two_factor_start")).status_code == 302
    device = TOTPDevice.objects.get(confirmed=False)
    assert client.post(reverse("accounts:two_factor_enrol"), {"code": code_for(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    allow_reuse(device)
    return device


def password_sign_in(username="alice") -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.fixture
def enrolled_alice(aws, alice):
    client = Client()
    client.force_login(alice)
    return enrol(client)


def test_enrolment_shows_a_qr_code_the_uri_and_the_key(aws, admin_client, alice):
    page = admin_client.get(SECURITY)
    assert b"Set up two-factor sign-in" in page.content
    response = admin_client.post(reverse("accounts:two_factor_start"), follow=True)
    device = TOTPDevice.objects.get(user=alice)
    assert not device.confirmed
    html = response.content.decode()
    assert 'src="data:image/svg+xml' in html
    assert "otpauth://totp/Cognito%20Console%3Aalice?secret=" in html
    key = re.search(r'<dd class="mono">([A-Z2-7 ]+)</dd>', html).group(1).replace(" ", "")
    import base64

    assert base64.b32decode(key + "=" * (-len(key) % 8)) == device.bin_key
    assert response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]


def test_enrolment_needs_a_correct_code(aws, admin_client, alice):
    admin_client.post(reverse("accounts:two_factor_start"))
    response = admin_client.post(reverse("accounts:two_factor_enrol"), {"code": "000000"})
    assert response.status_code == 400
    assert b"wrong or has expired" in response.content
    assert not TOTPDevice.objects.get(user=alice).confirmed
    event = AuditEvent.objects.get(action="operator.2fa_enrol")
    assert event.outcome == "failure"


def test_enrolment_with_a_correct_code_turns_it_on_and_audits(aws, admin_client, alice):
    enrol(admin_client)
    event = AuditEvent.objects.get(action="operator.2fa_enrol")
    assert (event.outcome, event.operator_name) == ("success", "alice")
    page = admin_client.get(SECURITY)  # the enrolling session counts as verified
    assert page.status_code == 200
    assert b"Turn off two-factor sign-in" in page.content


def test_sign_in_asks_for_the_code_before_any_page(enrolled_alice):
    client = password_sign_in()
    response = client.get("/pools/")
    assert response.status_code == 302
    assert response["Location"] == VERIFY + "?next=%2Fpools%2F"
    assert client.get(SECURITY)["Location"].startswith(VERIFY)
    htmx = client.get(SECURITY, headers={"HX-Request": "true"})
    assert htmx["HX-Redirect"] == VERIFY
    event = AuditEvent.objects.filter(action="operator.sign_in").latest("id")
    assert event.params["second_factor"] == "required"


def test_a_wrong_code_is_refused_and_audited(enrolled_alice):
    client = password_sign_in()
    response = client.post(VERIFY, {"code": "123456", "next": "/pools/"})
    assert response.status_code == 400
    assert b"wrong or has expired" in response.content
    assert client.get(SECURITY).status_code == 302
    event = AuditEvent.objects.get(action="operator.2fa_verify")
    assert event.outcome == "failure"


def test_repeated_wrong_codes_are_slowed_down(enrolled_alice, settings):
    # A long throttle, so a slow machine cannot outwait the one-second default between two posts.
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    client = password_sign_in()
    client.post(VERIFY, {"code": "123456"})
    response = client.post(VERIFY, {"code": code_for(enrolled_alice)})
    assert response.status_code == 400
    assert b"Too many wrong codes" in response.content


def test_the_right_code_completes_sign_in(aws, enrolled_alice):
    client = password_sign_in()
    response = client.post(VERIFY, {"code": code_for(enrolled_alice), "next": SECURITY})
    assert response.status_code == 302
    assert response["Location"] == SECURITY
    assert client.get(SECURITY).status_code == 200
    assert AuditEvent.objects.get(action="operator.2fa_verify").outcome == "success"


def test_verify_refuses_an_offsite_next(enrolled_alice):
    client = password_sign_in()
    response = client.post(VERIFY, {"code": code_for(enrolled_alice), "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_a_code_cannot_be_used_twice(enrolled_alice):
    code = code_for(enrolled_alice)
    first = password_sign_in()
    assert first.post(VERIFY, {"code": code}).status_code == 302
    second = password_sign_in()
    assert second.post(VERIFY, {"code": code}).status_code == 400


def test_operators_without_a_device_are_not_asked(aws, hugo):
    client = password_sign_in("hugo")
    assert client.get(SECURITY).status_code == 200


def test_disabling_needs_a_current_code(aws, alice):
    client = Client()
    client.force_login(alice)
    device = enrol(client)
    client.post(reverse("accounts:two_factor_disable"), {"code": "999999"})
    assert TOTPDevice.objects.filter(user=alice).exists()
    allow_reuse(device)
    response = client.post(reverse("accounts:two_factor_disable"), {"code": code_for(device)}, follow=True)
    assert b"Two-factor sign-in is off" in response.content
    assert not TOTPDevice.objects.filter(user=alice).exists()
    outcomes = list(AuditEvent.objects.filter(action="operator.2fa_disable").values_list("outcome", flat=True))
    assert sorted(outcomes) == ["failure", "success"]


def test_admins_must_enrol_when_required(aws, settings, alice, hugo):
    settings.CONSOLE_REQUIRE_2FA_FOR_ADMINS = True
    client = password_sign_in("alice")
    response = client.get("/pools/", follow=True)
    assert response.redirect_chain[-1][0] == SECURITY
    assert b"Admins must set up two-factor sign-in" in response.content
    # helpdesk is not forced
    assert password_sign_in("hugo").get(SECURITY).status_code == 200
    # once enrolled, the admin gets in
    device = enrol(client)
    assert device.confirmed
    assert client.get(SECURITY).status_code == 200


def test_admins_cannot_turn_it_off_when_required(aws, settings, alice):
    client = Client()
    client.force_login(alice)
    device = enrol(client)
    settings.CONSOLE_REQUIRE_2FA_FOR_ADMINS = True
    client.post(reverse("accounts:two_factor_disable"), {"code": code_for(device)})
    assert TOTPDevice.objects.filter(user=alice, confirmed=True).exists()
    assert AuditEvent.objects.get(action="operator.2fa_disable").outcome == "denied"


def test_reset_2fa_command_removes_the_devices_and_audits(enrolled_alice, capsys):
    call_command("reset_2fa", "alice")
    assert "Removed 1" in capsys.readouterr().out
    assert not TOTPDevice.objects.exists()
    assert AuditEvent.objects.get(action="operator.2fa_reset").target == "alice"


def test_the_secret_and_codes_never_reach_logs_or_the_audit_log(aws, alice, caplog):
    caplog.set_level(logging.DEBUG)
    client = Client()
    client.force_login(alice)
    device = enrol(client)
    code = code_for(device)
    signed = password_sign_in()
    signed.post(VERIFY, {"code": "314159"})
    allow_reuse(device)
    signed.post(VERIFY, {"code": code})
    import base64

    secrets = [device.key, base64.b32encode(device.bin_key).decode().rstrip("="), code, "314159"]
    audit_text = str(list(AuditEvent.objects.values()))
    for secret in secrets:
        assert secret not in caplog.text
        assert secret not in audit_text
