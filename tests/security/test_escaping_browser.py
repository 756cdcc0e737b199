"""In a real browser, hostile attribute values never run: no dialog opens, no
global gets set, and nothing reaches the Content-Security-Policy (which would
mean unescaped markup got into the page and only the policy stopped it)."""

from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from console.audit.services import audit_record
from console.cognito.client import cognito
from tests.browser.conftest import RECORD_CSP_VIOLATIONS, sign_in_by_form
from tests.fixtures.cognito import build_pool
from tests.fixtures.hostile import HOSTILE, hostile_users

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_runs_no_hostile_value(emulator, live_server, page, alice):
    pool = build_pool(name="Hostile pool", users=1)
    hostile = hostile_users(pool.id, pool.client_id)
    group = "<script>window.__xss='group'</script>"  # a valid Cognito group name
    c = cognito()
    c.create_group(UserPoolId=pool.id, GroupName=group, Description=HOSTILE[1])
    c.admin_add_user_to_group(UserPoolId=pool.id, Username=hostile.users["hostile0@example.com"], GroupName=group)
    for value in HOSTILE[:5]:
        audit_record(action="user.disable", operator=alice, pool_id=pool.id, target=value, reason=value, message=value)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.add_init_script(RECORD_CSP_VIOLATIONS)

    sign_in_by_form(page, live_server.url, "alice", start="/accounts/login/")
    page.wait_for_selector("h1")

    def clean(where):
        assert dialogs == [], f"{where}: a dialog opened: {dialogs}"
        assert page.evaluate("window.__xss") is None, f"{where}: a hostile script ran"
        assert page.evaluate("window.__csp") == [], f"{where}: blocked by the CSP only: {page.evaluate('window.__csp')}"

    page.goto(f"{live_server.url}/pools/{pool.id}/users/")
    page.wait_for_selector("table.users tbody tr >> nth=5")
    clean("users table")
    page.fill("#id_q", "hostile15")  # the htmx partial
    expect(page.locator("table.users tbody tr")).to_have_count(1)
    clean("users table, searched")

    for email in ("hostile0@example.com", "hostile1@example.com", "hostile4@example.com", "hostile7@example.com"):
        page.goto(f"{live_server.url}/pools/{pool.id}/users/u/{hostile.users[email]}")
        page.wait_for_selector("#user-actions")
        clean(f"user page of {email}")
    assert page.locator("#hostile-link").count() == 0

    page.goto(f"{live_server.url}/pools/{pool.id}/groups/members/staff/")
    page.wait_for_selector("h1")
    clean("group members")
    page.goto(f"{live_server.url}/pools/{pool.id}/groups/")
    page.wait_for_selector("h1")
    assert group in page.inner_text("body")
    page.click("button.count >> nth=0")  # an htmx swap of the counts
    clean("groups list")
    page.goto(f"{live_server.url}/pools/{pool.id}/groups/members/{quote(group, safe='')}/")
    page.wait_for_selector("h1")
    clean("members of the hostile group")
    page.goto(f"{live_server.url}/audit/")
    page.wait_for_selector("h1")
    assert "window.__xss" in page.inner_text("body")  # the values are there, as text
    clean("audit log")
    page.goto(f"{live_server.url}/users/find/?q=hostile")
    page.wait_for_selector("h1")
    clean("find in all pools")
