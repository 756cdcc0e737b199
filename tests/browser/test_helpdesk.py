"""The helpdesk flow in a real browser against a real moto server: search by email
prefix, open the user, reset the password with a reason, see the result and the trail."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from console.audit.models import AuditEvent
from console.cognito.client import cognito
from tests.browser.conftest import sign_in, sign_in_by_form
from tests.emulator.test_cognito_auth_events import PASSWORD as RISKY_PASSWORD
from tests.emulator.test_cognito_auth_events import sign_in as risky_sign_in
from tests.fixtures.cognito import build_pool
from tests.users.helpers import confirmed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_resets_a_password_from_search_to_audit_trail(emulator, live_server, page, hugo):
    pool = build_pool(name="Helpdesk pool", users=5)
    username = pool.users["user3@example.com"]
    c = cognito()
    c.admin_set_user_password(UserPoolId=pool.id, Username=username, Password="Perm-Passw0rd!", Permanent=True)
    c.admin_update_user_attributes(
        UserPoolId=pool.id, Username=username, UserAttributes=[{"Name": "email_verified", "Value": "true"}]
    )

    sign_in_by_form(page, live_server.url, "hugo")
    # Helpdesk lands on the users of the only pool it sees (issue 12 item 11).
    page.wait_for_url(f"**/pools/{pool.id}/users/")
    page.wait_for_selector("table.users tbody tr >> nth=4")

    # Search as you type: the table narrows without a page load and the URL keeps the query.
    page.fill("#id_q", "user3")
    # (Playwright's string predicates need eval, which the console's CSP forbids: use locators.)
    expect(page.locator("table.users tbody tr")).to_have_count(1)
    assert "user3@example.com" in page.inner_text("table.users")
    page.wait_for_url(lambda url: "q=user3" in url)

    page.click("table.users a:has-text('Given3 Family3')")  # named, not by the UUID (issue 12 item 3)
    page.wait_for_selector("#user-actions")
    # Devices, sessions, factors and sign-in events are all emulated now.
    assert page.locator("text=Not available on this backend").count() == 0
    page.fill("#action-reason", "INC-1234")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button[data-action=reset_password]")
    flash = page.wait_for_selector("[data-flash]")
    assert "Password reset" in flash.inner_text()
    timeline = page.inner_text("#user-audit")
    assert "user.reset_password" in timeline and "INC-1234" in timeline and "hugo" in timeline

    assert c.admin_get_user(UserPoolId=pool.id, Username=username)["UserStatus"] == "RESET_REQUIRED"
    event = AuditEvent.objects.get(action="user.reset_password")
    assert (event.outcome, event.reason, event.target) == ("success", "INC-1234", username)


def test_a_genuine_user_blocked_as_risky_is_let_in_from_the_diagnosis_panel(emulator, live_server, page, hugo):
    pool = build_pool(name="Helpdesk pool", users=1)
    email = "user0@example.com"
    confirmed(pool.id, email)
    cognito().admin_set_user_password(UserPoolId=pool.id, Username=email, Password=RISKY_PASSWORD, Permanent=True)
    assert risky_sign_in(pool, password=RISKY_PASSWORD, ip="203.0.113.20") == "NotAuthorizedException"

    sign_in(page, hugo, live_server.url)
    page.goto(live_server.url + reverse("users:detail", args=[pool.id, pool.users[email]]))
    panel = page.locator("#user-diagnosis")
    expect(panel.locator("[data-finding=risky_sign_in]")).to_contain_text("203.0.113.20")
    expect(page.locator("#user-events tr[data-risky]")).to_have_count(1)
    page.set_viewport_size({"width": 390, "height": 844})
    page.fill("#action-reason", "INC-77 caller confirmed the trip")
    page.once("dialog", lambda dialog: dialog.accept())
    panel.locator("button[data-fix=auth_event_feedback]").click()
    expect(page.locator("[data-flash]")).to_contain_text("marked valid")
    expect(page.locator("[data-no-findings]")).to_be_visible()
    expect(page.locator("#user-events [data-feedback]")).to_have_text("Valid")
    event = AuditEvent.objects.get(action="user.auth_event_feedback")
    assert (event.outcome, event.reason, event.params["feedback"]) == ("success", "INC-77 caller confirmed the trip",
                                                                       "Valid")
    assert risky_sign_in(pool, password=RISKY_PASSWORD, ip="203.0.113.20") == ""


def test_older_sign_in_events_replace_the_card_in_place(emulator, live_server, page, hugo):
    pool = build_pool(name="Helpdesk pool", users=1)
    email = "user0@example.com"
    confirmed(pool.id, email)
    for _ in range(12):
        risky_sign_in(pool, password="wrong", ip="198.51.100.4")
    sign_in(page, hugo, live_server.url)
    user_url = live_server.url + reverse("users:detail", args=[pool.id, pool.users[email]])
    page.goto(user_url)
    expect(page.locator("#user-events tr[data-event]")).to_have_count(10)
    page.click("[data-events-older]")
    expect(page.locator("#user-events tr[data-event]")).to_have_count(2)
    assert page.url == user_url  # the card was swapped, the page stayed
    page.click("[data-events-newest]")
    expect(page.locator("#user-events tr[data-event]")).to_have_count(10)
