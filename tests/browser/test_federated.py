"""Federated users in a real browser against the emulator process (issue 13, item 4): an admin links
a Google identity after reading the caution; a helpdesk agent on a phone unlinks it; both audited."""

import pytest
from playwright.sync_api import expect

from console.audit.models import AuditEvent
from tests.browser.conftest import PHONE, accessibility_report, sign_in
from tests.emulator.test_cognito_identities import identities, with_provider
from tests.fixtures.cognito import build_pool

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
EMAIL = "user0@example.com"


def test_an_admin_links_an_identity_and_helpdesk_unlinks_it_on_a_phone(emulator, live_server, page, alice, hugo):
    pool = build_pool(name="Federated pool", users=1)
    with_provider(pool)
    url = f"{live_server.url}/pools/{pool.id}/users/u/{pool.users[EMAIL]}"

    sign_in(page, alice, live_server.url)
    page.goto(url)
    expect(page.locator("#user-identities")).to_contain_text("No identity from an external provider is linked")
    page.click("#link-identity summary")
    expect(page.locator("[data-link-caution]")).to_contain_text("sign in as this user")
    page.fill("#action-reason", "INC-77")
    page.fill("#link-value", "1057")
    page.check("#link-identity input[name=understood]")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button[data-action=link_identity]")
    expect(page.locator("[data-flash]")).to_contain_text("Google identity linked")
    expect(page.locator("#user-identities tbody")).to_contain_text("1057")
    assert [i["userId"] for i in identities(pool)] == ["1057"]

    page.context.clear_cookies()
    sign_in(page, hugo, live_server.url)
    page.set_viewport_size(PHONE)
    page.goto(url)
    assert page.locator("#link-identity").count() == 0  # linking is for admins
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert accessibility_report(page) == ""
    page.fill("#action-reason", "INC-78")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button[data-action=unlink_identity]")
    expect(page.locator("[data-flash]")).to_contain_text("Google identity unlinked")
    expect(page.locator("#user-identities")).to_contain_text("No identity from an external provider is linked")
    assert identities(pool) == []
    trail = {(e.action, e.reason, e.outcome) for e in AuditEvent.objects.filter(action__contains="link_identity")}
    assert trail == {("user.link_identity", "INC-77", "success"), ("user.unlink_identity", "INC-78", "success")}
