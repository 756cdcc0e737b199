"""Control characters in a form field or the address are refused with a clear 400, never a
500 from the database (PostgreSQL refuses NUL in text) and never a call to Cognito (issue 11, item 4).
The CSV importer's own row errors for control characters are in tests/jobs/test_csvimport.py."""

import html

import pytest
from django.urls import reverse

from console.audit.models import AuditEvent
from console.jobs.models import BulkDraft, Job
from tests.jobs.test_bulk_views import confirm_url
from tests.users.helpers import act, confirmed, get_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def user0(pool):
    return pool.users["user0@example.com"]


def refused(response, field: str) -> None:
    body = html.unescape(response.content.decode())
    assert response.status_code == 400, body[:500]
    assert "control character (U+0000)" in body and field in body


def test_a_nul_in_the_reason_of_an_action_is_refused(helpdesk_client, pool, user0):
    confirmed(pool.id, user0)
    refused(act(helpdesk_client, pool.id, "reset_password", user0, reason="INC\x001"), "'reason'")
    assert get_user(pool.id, user0)["UserStatus"] == "CONFIRMED"
    assert not AuditEvent.objects.filter(action="user.reset_password").exists()


def test_a_nul_in_the_username_of_an_action_is_refused(helpdesk_client, pool, user0):
    refused(act(helpdesk_client, pool.id, "disable", user0 + "\x00"), "'username'")
    assert not AuditEvent.objects.filter(action="user.disable").exists()


def test_a_nul_in_a_user_address_is_refused(helpdesk_client, pool):
    refused(helpdesk_client.get(reverse("users:detail", args=[pool.id, "x\x00y"])), "address")


def test_a_nul_in_a_pasted_bulk_list_is_refused(helpdesk_client, pool):
    response = helpdesk_client.post(
        confirm_url(pool), {"action": "sign_out", "scope": "list", "identifiers": "a@example.com\nb\x00@example.com"}
    )
    refused(response, "'identifiers'")
    assert not BulkDraft.objects.exists() and not Job.objects.exists()


def test_a_nul_in_a_search_is_refused(helpdesk_client, pool):
    refused(helpdesk_client.get(reverse("users:list", args=[pool.id]), {"q": "user\x00"}), "'q'")


def test_tabs_and_line_breaks_pass(helpdesk_client, pool, user0):
    confirmed(pool.id, user0)
    response = act(helpdesk_client, pool.id, "reset_password", user0, reason="INC-1\tsee\r\nnotes")
    assert response.status_code == 200
    assert get_user(pool.id, user0)["UserStatus"] == "RESET_REQUIRED"
