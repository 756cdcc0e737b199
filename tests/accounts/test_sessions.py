"""Sessions end on the server: idle and absolute timeouts, and sign-out."""

import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from console.accounts.middleware import LAST_SEEN, SIGNED_IN_AT
from console.audit.models import AuditEvent
from tests.fixtures.operators import PASSWORD

PAGE = "/accounts/security/"


@pytest.fixture
def signed_in_client(aws, alice):
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    return client


def age_session(client, **offsets):
    session = client.session
    for key, seconds in offsets.items():
        session[key] = int(time.time()) - seconds
    session.save()


def test_it_keeps_an_active_session(signed_in_client):
    assert signed_in_client.get(PAGE).status_code == 200


def test_it_signs_out_after_the_idle_timeout(signed_in_client, settings):
    settings.CONSOLE_SESSION_IDLE_SECONDS = 600
    old_key = signed_in_client.session.session_key
    age_session(signed_in_client, **{LAST_SEEN: 601})
    response = signed_in_client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not Session.objects.filter(session_key=old_key).exists()
    event = AuditEvent.objects.get(action="operator.sign_out")
    assert "without activity" in event.message
    assert event.params == {"expired": True}
    page = signed_in_client.get(response["Location"])
    assert b"signed out after 10 minutes without activity" in page.content


def test_activity_pushes_the_idle_timeout_back(signed_in_client, settings):
    settings.CONSOLE_SESSION_IDLE_SECONDS = 600
    age_session(signed_in_client, **{LAST_SEEN: 590})
    assert signed_in_client.get(PAGE).status_code == 200
    assert time.time() - signed_in_client.session[LAST_SEEN] < 5
    age_session(signed_in_client, **{LAST_SEEN: 590})
    assert signed_in_client.get(PAGE).status_code == 200


def test_it_signs_out_after_the_absolute_timeout_even_when_active(signed_in_client, settings):
    settings.SESSION_COOKIE_AGE = 8 * 3600
    age_session(signed_in_client, **{SIGNED_IN_AT: 8 * 3600 + 1, LAST_SEEN: 1})
    response = signed_in_client.get(PAGE)
    assert response.status_code == 302
    assert "_auth_user_id" not in signed_in_client.session
    assert "expired after 8 hours" in AuditEvent.objects.get(action="operator.sign_out").message


def test_an_expired_htmx_request_is_sent_to_sign_in(signed_in_client, settings):
    age_session(signed_in_client, **{LAST_SEEN: settings.CONSOLE_SESSION_IDLE_SECONDS + 5})
    response = signed_in_client.get(PAGE, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("accounts:login")


def test_sign_out_ends_the_session_on_the_server(signed_in_client, settings):
    cookie = signed_in_client.cookies[settings.SESSION_COOKIE_NAME].value
    assert signed_in_client.post(reverse("accounts:logout")).status_code == 302
    assert not Session.objects.filter(session_key=cookie).exists()
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = cookie
    response = replay.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_sign_out_is_post_only(signed_in_client):
    assert signed_in_client.get(reverse("accounts:logout")).status_code == 405
    assert signed_in_client.get(PAGE).status_code == 200


def test_session_cookie_is_http_only(signed_in_client, settings):
    assert settings.SESSION_COOKIE_HTTPONLY
    assert signed_in_client.cookies[settings.SESSION_COOKIE_NAME]["httponly"]


def test_sign_in_rotates_the_session_key(aws, alice):
    client = Client()
    client.get(reverse("accounts:login"))
    session = client.session
    session["probe"] = 1
    session.save()
    before = session.session_key
    client.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    assert client.session.session_key != before


@pytest.mark.parametrize("password", ["Short-pass1", "abcdefghijk"])
def test_passwords_shorter_than_12_are_refused(db, password):
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password(password)


def test_a_strong_12_character_password_is_accepted(db):
    validate_password("Tr0ub4dor&3x")
