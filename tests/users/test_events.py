"""Risky sign-in through the user page (issue 13, item 3), against the emulator process: the events
with their risk, decision and checks, a page at a time; a verdict is audited with its reason and
outcome, and a genuine user blocked by threat protection gets in once it is marked valid."""

import pytest
from django.urls import reverse

from console.cognito.client import cognito
from tests.emulator.test_cognito_auth_events import sign_in, with_password
from tests.fixtures.cognito import build_pool
from tests.users.helpers import act, events

pytestmark = pytest.mark.django_db
EMAIL = "user0@example.com"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def epool(emulator):
    pool = build_pool(users=1)
    with_password(pool)
    return pool


def page(client, pool) -> str:
    return client.get(reverse("users:detail", args=[pool.id, pool.users[EMAIL]])).content.decode()


def blocked_event(pool) -> str:
    assert sign_in(pool, ip="203.0.113.7") == "NotAuthorizedException"
    return cognito().admin_list_user_auth_events(UserPoolId=pool.id, Username=EMAIL)["AuthEvents"][0]["EventId"]


def test_the_page_shows_risk_decision_and_checks_and_offers_verdicts_to_helpdesk(helpdesk_client, viewer_client, epool):
    event_id = blocked_event(epool)
    html = page(helpdesk_client, epool)
    assert f'data-event="{event_id}" data-risky' in html
    assert "High</span> · Block" in html and "Password: Success" in html and "203.0.113.7" in html
    assert 'data-action="auth_event_feedback" data-value="Valid"' in html
    assert "Tell threat protection whether this sign-in of Given0 Family0 (user0@example.com)" in html
    assert 'data-action="auth_event_feedback"' not in page(viewer_client, epool)


def test_marking_a_blocked_sign_in_valid_lets_the_user_in_and_is_audited(helpdesk_client, epool):
    event_id = blocked_event(epool)
    html = act(helpdesk_client, epool.id, "auth_event_feedback", EMAIL, event_id=event_id, value="Valid").content
    assert "Sign-in event marked valid" in html.decode()
    [event] = events("user.auth_event_feedback")
    assert (event.outcome, event.reason, event.target) == ("success", "TICKET-1", EMAIL)
    assert event.params == {"event": event_id, "feedback": "Valid"}
    assert sign_in(epool, ip="203.0.113.7") == ""


def test_a_verdict_on_an_unknown_event_is_audited_as_a_failure(helpdesk_client, epool):
    html = act(helpdesk_client, epool.id, "auth_event_feedback", EMAIL, event_id="gone", value="Invalid").content
    assert "alert-error" in html.decode()
    [event] = events("user.auth_event_feedback")
    assert (event.outcome, event.error_code) == ("failure", "ResourceNotFoundException")


def test_a_malformed_event_or_verdict_is_refused_before_cognito(helpdesk_client, epool):
    bad_id = act(helpdesk_client, epool.id, "auth_event_feedback", EMAIL, event_id="../x", value="Valid")
    assert "This is not a Cognito event id." in bad_id.content.decode()
    bad_value = act(helpdesk_client, epool.id, "auth_event_feedback", EMAIL, event_id="ev1", value="Maybe")
    assert "alert-error" in bad_value.content.decode() and not events("user.auth_event_feedback")


def test_it_pages_through_older_events(viewer_client, epool):
    for _ in range(12):
        sign_in(epool, password="wrong")
    html = page(viewer_client, epool)
    assert html.count('data-event="') == 10 and "data-events-older" in html
    url = reverse("users:events", args=[epool.id, epool.users[EMAIL]])
    older = viewer_client.get(url + "?t=10", **HTMX).content.decode()
    assert older.lstrip().startswith('<section class="card" id="user-events"')
    assert older.count('data-event="') == 2 and "data-events-newest" in older and "data-events-older" not in older
    standalone = viewer_client.get(url).content.decode()
    assert "<h1>Sign-in events of Given0 Family0</h1>" in standalone and standalone.count('data-event="') == 10


def test_the_events_of_a_user_who_does_not_exist_are_a_404(viewer_client, epool):
    response = viewer_client.get(reverse("users:events", args=[epool.id, "nobody"]))
    assert response.status_code == 404 and "No such user" in response.content.decode()
