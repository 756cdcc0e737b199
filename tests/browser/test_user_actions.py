"""User actions in a real browser: a missing reason is said before any dialog (issue 12
item 1), and every confirmation names the user and the pool (issue 12 item 6)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from console.audit.models import AuditEvent
from console.cognito.client import cognito
from tests.browser.conftest import sign_in
from tests.fixtures.cognito import build_pool

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _confirmed_user(pool, email: str) -> str:
    username = pool.users[email]
    c = cognito()
    c.admin_set_user_password(UserPoolId=pool.id, Username=username, Password="Perm-Passw0rd!", Permanent=True)
    c.admin_update_user_attributes(
        UserPoolId=pool.id, Username=username, UserAttributes=[{"Name": "email_verified", "Value": "true"}]
    )
    return username


def _open_user(page, live_server, pool, username, operator):
    sign_in(page, operator, live_server.url)
    page.goto(live_server.url + reverse("users:detail", args=[pool.id, username]))
    page.wait_for_selector("#user-actions")


def test_an_empty_reason_is_said_and_focused_before_any_confirmation(emulator, live_server, page, hugo, settings):
    settings.CONSOLE_REASON_REQUIRED = True
    pool = build_pool(name="Helpdesk pool", users=3)
    username = _confirmed_user(pool, "user1@example.com")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    _open_user(page, live_server, pool, username, hugo)

    page.click("button[data-action=reset_password]")
    # Said in the page's live region (static/js/console.js checks required fields before any confirm).
    expect(page.locator("#flash [data-flash]")).to_contain_text("Reason")
    expect(page.locator("#action-reason")).to_be_focused()
    assert dialogs == []  # never the confirm dialog first
    assert not AuditEvent.objects.filter(action="user.reset_password").exists()
    assert cognito().admin_get_user(UserPoolId=pool.id, Username=username)["UserStatus"] == "CONFIRMED"

    # With a reason the same click asks, acts and says so; the error is gone.
    page.fill("#action-reason", "INC-77")
    page.click("button[data-action=reset_password]")
    expect(page.locator("#flash [data-flash]")).to_contain_text("Password reset")
    assert len(dialogs) == 1
    assert cognito().admin_get_user(UserPoolId=pool.id, Username=username)["UserStatus"] == "RESET_REQUIRED"


def test_every_confirmation_names_the_user_and_the_pool(emulator, live_server, page, hugo):
    pool = build_pool(name="Helpdesk pool", users=3)
    username = _confirmed_user(pool, "user2@example.com")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    _open_user(page, live_server, pool, username, hugo)
    page.fill("#action-reason", "INC-78")

    buttons = page.locator("#user-actions .actions button[data-action]")
    names = [buttons.nth(i).get_attribute("data-action") for i in range(buttons.count())]
    assert {"reset_password", "disable", "sign_out", "reset_mfa"} <= set(names)
    for name in names:
        page.click(f"button[data-action={name}]")
        expect(page.locator("#user-actions")).to_be_visible()
    assert len(dialogs) == len(names)
    for message in dialogs:
        assert "Given2 Family2 (user2@example.com)" in message and "Helpdesk pool" in message, message
        assert username not in message  # a name and an email, not the UUID
    # Dismissed: nothing happened.
    assert not AuditEvent.objects.filter(action__startswith="user.").exists()
