"""Sign-in throttling: a cool-off per username+address pair, HTTP 429, one audit event per attempt."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from console.audit.models import AuditEvent
from tests.fixtures.operators import PASSWORD

LOGIN = "/accounts/login/"


@pytest.fixture(autouse=True)
def _small_limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    # Many sign-ins per test: a fast hasher keeps the module quick (the hasher is not under test).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def attempt(client, password="wrong-password-1", username="alice", addr="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=addr)


def sign_in_events():
    return list(AuditEvent.objects.filter(action="operator.sign_in").order_by("id"))


def test_it_locks_after_the_failure_limit_and_answers_429_with_the_retry_time(client, alice):
    for _ in range(2):
        assert attempt(client).status_code == 200
    response = attempt(client)
    assert response.status_code == 429
    assert b"Too many sign-in attempts" in response.content
    assert b"Try again after" in response.content
    assert int(response["Retry-After"]) > 14 * 60
    # Inside the layout, with the CSP header like every page.
    assert b'class="topbar"' in response.content
    assert "Content-Security-Policy" in response


def test_it_refuses_even_the_right_password_while_locked(client, alice):
    for _ in range(3):
        attempt(client)
    response = attempt(client, password=PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_it_does_not_lock_the_operator_out_from_another_address(client, alice):
    for _ in range(3):
        attempt(client, addr="203.0.113.66")
    assert attempt(client, addr="203.0.113.66", password=PASSWORD).status_code == 429
    other = Client()
    response = attempt(other, addr="10.1.2.3", password=PASSWORD)
    assert response.status_code == 302
    assert other.session["_auth_user_id"] == str(alice.pk)


def test_it_lets_the_operator_in_again_after_the_cool_off(client, alice, settings):
    from axes.models import AccessAttempt

    for _ in range(3):
        attempt(client)
    assert attempt(client, password=PASSWORD).status_code == 429
    # Time passes: the failures are older than the cool-off.
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))
    response = attempt(client, password=PASSWORD)
    assert response.status_code == 302


def test_it_records_exactly_one_audit_event_per_attempt(client, alice):
    attempt(client)  # failure
    attempt(client, password=PASSWORD)  # success resets the count
    client.post(reverse("accounts:logout"))
    for _ in range(3):  # the third locks
        attempt(client)
    attempt(client, password=PASSWORD)  # refused: locked
    attempt(client)  # refused: locked
    events = sign_in_events()
    assert [e.outcome for e in events] == ["failure", "success", "failure", "failure", "failure", "denied", "denied"]
    assert "locked until" in events[4].message
    assert events[4].target == "alice"
    assert "Refused: too many failed sign-ins" in events[5].message
    assert all(e.remote_addr == "10.0.0.1" for e in events)
    assert PASSWORD not in str(list(AuditEvent.objects.values()))


def test_a_successful_sign_in_resets_the_failure_count(client, alice):
    attempt(client)
    attempt(client)
    assert attempt(client, password=PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    attempt(client)
    attempt(client)
    assert attempt(client, password=PASSWORD).status_code == 302


def test_unknown_usernames_are_throttled_too(client, db):
    for _ in range(3):
        attempt(client, username="nobody")
    assert attempt(client, username="nobody").status_code == 429
    assert AuditEvent.objects.filter(action="operator.sign_in", target="nobody").count() == 4


def test_it_never_stores_the_password_in_axes_tables(client, alice):
    from axes.models import AccessAttempt

    for _ in range(2):
        attempt(client, password="Secret-Guess-77")
    assert "Secret-Guess-77" not in str(list(AccessAttempt.objects.values()))


def test_programmatic_sign_in_without_a_request_is_not_throttled(alice):
    # Management commands and test clients authenticate without a request.
    client = Client()
    assert client.login(username="alice", password=PASSWORD)


def test_the_limit_and_cool_off_come_from_settings():
    from django.conf import settings as live

    assert live.CONSOLE_LOGIN_FAILURE_LIMIT == 5
    assert live.AXES_COOLOFF_TIME == timedelta(minutes=live.CONSOLE_LOGIN_COOLOFF_MINUTES) == timedelta(minutes=15)
    assert live.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_behind_a_proxy_it_counts_by_the_address_the_proxy_saw(client, alice, settings):
    settings.CONSOLE_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.254"
    for _ in range(3):
        # The attacker sends a forged X-Forwarded-For entry of their own: the proxy appends the real one.
        client.post(
            LOGIN,
            {"username": "alice", "password": "nope-nope-nope"},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9",
        )
    locked = client.post(
        LOGIN, {"username": "alice", "password": PASSWORD}, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    assert locked.status_code == 429
    # The real operator, through the same proxy from another address, still gets in.
    other = Client()
    ok = other.post(
        LOGIN, {"username": "alice", "password": PASSWORD}, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="192.0.2.10"
    )
    assert ok.status_code == 302


@pytest.mark.parametrize(
    "count,forwarded,expected",
    [
        (0, "1.2.3.4", "10.0.0.1"),
        (1, "1.2.3.4", "1.2.3.4"),
        (1, "9.9.9.9, 1.2.3.4", "1.2.3.4"),
        (2, "9.9.9.9, 1.2.3.4, 10.0.0.7", "1.2.3.4"),
        (2, "1.2.3.4", "10.0.0.1"),  # fewer entries than proxies: not trusted
        (1, "not-an-ip", "10.0.0.1"),
        (1, "", "10.0.0.1"),
    ],
)
def test_client_address(settings, rf, count, forwarded, expected):
    from console.core.net import client_address

    settings.CONSOLE_TRUSTED_PROXY_COUNT = count
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected
