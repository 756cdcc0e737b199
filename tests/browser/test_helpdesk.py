"""The helpdesk flow in a real browser against a real moto server: search by email
prefix, open the user, reset the password with a reason, see the result and the trail."""

import pytest
from playwright.sync_api import expect

from console.audit.models import AuditEvent
from console.cognito.client import cognito
from tests.browser.conftest import sign_in_by_form
from tests.fixtures.cognito import build_pool

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
    # Devices, sessions and factors are emulated now; moto still has no sign-in events.
    assert page.locator("text=Not available on this backend").count() == 1
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
