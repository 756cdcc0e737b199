"""Inviting a user: the form comes from the pool's schema; admin only; audited."""

import pytest
from django.urls import reverse

from console.audit.models import AuditEvent
from console.cognito.client import cognito

pytestmark = pytest.mark.django_db


def url(pool_id):
    return reverse("users:create", args=[pool_id])


def test_it_builds_the_form_from_the_schema(admin_client, pool):
    html = admin_client.get(url(pool.id)).content.decode()
    assert 'name="attr_custom__department"' in html and 'name="attr_given_name"' in html
    assert "Email address" in html and "The user signs in with it" in html


def test_it_invites_a_user_and_audits_it(admin_client, pool):
    response = admin_client.post(
        url(pool.id),
        {
            "username": "new@example.com",
            "attr_custom__department": "Sales",
            "attr_given_name": "Nina",
            "delivery": "SUPPRESS",
            "email_verified": "on",
            "reason": "HR-7",
        },
    )
    assert response.status_code == 302
    [user] = cognito().list_users(UserPoolId=pool.id, Filter='email = "new@example.com"')["Users"]
    values = {a["Name"]: a["Value"] for a in user["Attributes"]}
    assert values["custom:department"] == "Sales" and values["email_verified"] == "true"
    assert user["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    assert response["Location"] == reverse("users:detail", args=[pool.id, user["Username"]])
    event = AuditEvent.objects.get(action="user.create")
    assert (event.outcome, event.reason, event.target) == ("success", "HR-7", user["Username"])


def test_it_accepts_a_temporary_password_without_auditing_it(admin_client, pool):
    admin_client.post(
        url(pool.id),
        {"username": "tmp@example.com", "delivery": "SUPPRESS", "temporary_password": "Temp-Passw0rd!", "reason": "x"},
    )
    event = AuditEvent.objects.get(action="user.create")
    assert "Temp-Passw0rd!" not in str(event.params)


def test_it_validates_before_calling_cognito(admin_client, pool):
    response = admin_client.post(
        url(pool.id), {"username": "x@example.com", "attr_phone_number": "12345", "delivery": "SMS", "reason": ""}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "international format" in html and "Give a reason" in html
    assert len(cognito().list_users(UserPoolId=pool.id)["Users"]) == 5


def test_it_reports_an_existing_user(admin_client, pool):
    response = admin_client.post(url(pool.id), {"username": "user1@example.com", "delivery": "SUPPRESS", "reason": "x"})
    assert "already exists" in response.content.decode()
    assert AuditEvent.objects.get(action="user.create").outcome == "failure"


def test_it_refuses_helpdesk(helpdesk_client, pool):
    response = helpdesk_client.post(url(pool.id), {"username": "n@example.com", "delivery": "SUPPRESS", "reason": "x"})
    assert response.status_code == 403
    assert len(cognito().list_users(UserPoolId=pool.id)["Users"]) == 5


def test_it_asks_for_the_email_once_in_a_pool_that_signs_in_by_email(admin_client, pool):
    html = admin_client.get(url(pool.id)).content.decode()
    assert 'name="attr_email"' not in html
    assert html.count('type="email"') == 1


def test_it_labels_attributes_in_words_with_hints_up_front(admin_client, pool):
    html = admin_client.get(url(pool.id)).content.decode()
    assert ">Given name<" in html and ">Phone number<" in html and ">Department (custom)<" in html
    assert ">given_name<" not in html and ">phone_number<" not in html
    assert "+15551234567" in html  # the phone format before any error


def test_it_marks_the_reason_required_when_the_rule_asks_for_one(admin_client, pool, settings):
    settings.CONSOLE_REASON_REQUIRED = True
    html = admin_client.get(url(pool.id)).content.decode()
    assert ">Reason (required)<" in html and 'aria-required="true"' in html
    settings.CONSOLE_REASON_REQUIRED = False
    assert ">Reason (required)<" not in admin_client.get(url(pool.id)).content.decode()


def test_an_error_summary_links_each_message_to_its_field_and_every_description_exists(admin_client, pool, settings):
    import re

    settings.CONSOLE_REASON_REQUIRED = True
    response = admin_client.post(url(pool.id), {"username": "not-an-email", "attr_phone_number": "12345",
                                                "delivery": "SUPPRESS", "reason": ""})
    html = response.content.decode()
    summary = html.split('id="error-summary"')[1].split("</div>")[0]
    assert re.search(r'<div class="error-summary"[^>]*\bautofocus', html)  # takes focus
    for target in ("id_username", "id_attr_phone_number", "id_reason"):
        assert f'href="#{target}"' in summary
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    described = [i for value in re.findall(r'aria-describedby="([^"]+)"', html) for i in value.split()]
    assert described and all(i in ids for i in described), set(described) - ids
