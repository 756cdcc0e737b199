"""Federated users through the user page, against the emulator process (moto lacks the link
operations): linked identities shown readably, unlinked by helpdesk staff, linked by admins only
after the caution, each change audited once with its reason."""

import pytest
from django.urls import reverse

from tests.emulator.test_cognito_identities import identities, link, with_provider
from tests.fixtures.cognito import build_pool
from tests.users.helpers import act, events

pytestmark = pytest.mark.django_db
EMAIL = "user0@example.com"


@pytest.fixture
def fpool(emulator):
    pool = build_pool(users=2)
    with_provider(pool)
    return pool


def page(client, pool, email=EMAIL) -> str:
    return client.get(reverse("users:detail", args=[pool.id, pool.users[email]])).content.decode()


def test_the_page_lists_linked_identities_in_words(viewer_client, fpool):
    link(fpool, "1057")
    html = page(viewer_client, fpool)
    card = html.split('id="user-identities"')[1].split("</section>")[0]
    assert "Google" in card and "1057" in card and " UTC" in card
    assert 'data-action="unlink_identity"' not in card and "link-identity" not in card  # a viewer only looks


def test_a_user_without_links_says_so(helpdesk_client, fpool):
    assert "No identity from an external provider is linked" in page(helpdesk_client, fpool)


def test_helpdesk_unlinks_an_identity(helpdesk_client, fpool):
    link(fpool, "1057")
    assert 'data-action="unlink_identity"' in page(helpdesk_client, fpool)
    html = act(helpdesk_client, fpool.id, "unlink_identity", fpool.users[EMAIL], provider="Google",
               user_id="1057").content.decode()
    assert "Google identity unlinked" in html
    assert identities(fpool) == []
    [event] = events("user.unlink_identity")
    assert (event.outcome, event.reason, event.params["provider"]) == ("success", "TICKET-1", "Google")


def test_an_identity_linked_to_another_user_is_not_unlinked_through_this_one(helpdesk_client, fpool):
    link(fpool, "1057", username="user1@example.com")
    html = act(helpdesk_client, fpool.id, "unlink_identity", fpool.users[EMAIL], provider="Google",
               user_id="1057").content.decode()
    assert "not linked to this user" in html
    assert [i["userId"] for i in identities(fpool, "user1@example.com")] == ["1057"]
    [event] = events("user.unlink_identity")
    assert (event.outcome, event.error_code) == ("failure", "ResourceNotFoundException")


def test_an_admin_links_an_identity_after_the_caution(admin_client, fpool):
    html = page(admin_client, fpool)
    assert "data-link-caution" in html and "sign in as this user" in html
    assert '<option value="Google">Google (Google)</option>' in html
    html = act(admin_client, fpool.id, "link_identity", fpool.users[EMAIL], provider="Google",
               attribute="Cognito_Subject", value="2048", understood="on").content.decode()
    assert "Google identity linked" in html
    assert [i["userId"] for i in identities(fpool)] == ["2048"]
    [event] = events("user.link_identity")
    assert event.outcome == "success" and event.params["provider_user"] == "2048"


def test_linking_asks_for_the_acknowledgement_and_a_provider_of_the_pool(admin_client, fpool):
    username = fpool.users[EMAIL]
    html = act(admin_client, fpool.id, "link_identity", username, provider="Google", attribute="Cognito_Subject",
               value="2048").content.decode()
    assert "This field is required" in html
    html = act(admin_client, fpool.id, "link_identity", username, provider="Elsewhere", attribute="Cognito_Subject",
               value="2048", understood="on").content.decode()
    assert "Select a valid choice" in html
    assert identities(fpool) == [] and not events("user.link_identity")


def test_helpdesk_staff_neither_see_nor_reach_the_link_form(helpdesk_client, fpool):
    assert "link-identity" not in page(helpdesk_client, fpool)
    response = act(helpdesk_client, fpool.id, "link_identity", fpool.users[EMAIL], provider="Google",
                   attribute="Cognito_Subject", value="2048", understood="on")
    assert response.status_code == 403 and identities(fpool) == []


def test_a_refused_link_is_audited_and_said(admin_client, fpool):
    link(fpool, "1057", username="user1@example.com")
    html = act(admin_client, fpool.id, "link_identity", fpool.users[EMAIL], provider="Google",
               attribute="Cognito_Subject", value="1057", understood="on").content.decode()
    assert "alert-error" in html
    [event] = events("user.link_identity")
    assert (event.outcome, event.error_code) == ("failure", "AliasExistsException")
