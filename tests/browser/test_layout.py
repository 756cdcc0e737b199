"""The layout on a phone and from the keyboard (issue 12 items 4, 9, 11, 12, 15)."""

import pytest
from playwright.sync_api import expect

from console.audit.services import audit_record
from console.jobs.models import Job
from tests.browser.conftest import PHONE, sign_in
from tests.fixtures.cognito import build_pool

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _long_pool():
    """A pool whose values are as wide as real ones get: long emails and names."""
    from console.cognito.client import cognito

    pool = build_pool(name="A pool with a rather long descriptive name for support", users=3)
    email = "firstname.middlename.lastname-consultant@subsidiary.department.example.com"
    created = cognito().admin_create_user(
        UserPoolId=pool.id, Username=email, MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "email", "Value": email}, {"Name": "name", "Value": "Maximiliane " * 4}],
    )
    pool.users[email] = created["User"]["Username"]
    return pool


def test_it_never_scrolls_sideways_at_390_px(emulator, live_server, page, alice, hugo):
    pool = _long_pool()
    username = pool.users["user1@example.com"]
    job = Job.objects.create(kind=Job.KIND_IMPORT, pool_id=pool.id, operator=alice, operator_name="alice",
                             status=Job.FINISHED, title="a-very-long-file-name-for-the-import-of-new-staff.csv",
                             total=3, processed=3)
    audit_record(action="group.update", operator=alice, pool_id=pool.id, target="staff", job_id=job.pk,
                 params={"changes": [{"field": "description", "before": "x" * 60, "after": "y" * 60}]})
    page.set_viewport_size(PHONE)
    too_wide = []
    for operator in (alice, hugo):
        page.context.clear_cookies()
        sign_in(page, operator, live_server.url)
        for path in ("/pools/", f"/pools/{pool.id}/", "/pools/new/", f"/pools/{pool.id}/edit/",
                     f"/pools/{pool.id}/users/", f"/pools/{pool.id}/users/u/{username}", f"/pools/{pool.id}/groups/",
                     f"/pools/{pool.id}/groups/members/staff/", "/jobs/", f"/jobs/{job.pk}/",
                     f"/jobs/bulk/{pool.id}/", f"/jobs/export/{pool.id}/", f"/jobs/import/{pool.id}/",
                     "/audit/", "/users/find/?q=f&attr=email", "/operators/", "/quotas/", "/accounts/security/"):
            page.goto(live_server.url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                too_wide.append(f"{path} as {operator.username}: {width} px")
    assert not too_wide


def test_ids_emails_and_dates_do_not_break_mid_word(emulator, live_server, page, alice):
    pool = _long_pool()
    sign_in(page, alice, live_server.url)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/users/find/?q=user&attr=email")
    pool_id = page.locator("td span.mono", has_text=pool.id).first
    # One line: its height is one line of its own text.
    box = pool_id.bounding_box()
    line = float(pool_id.evaluate("el => parseFloat(getComputedStyle(el).lineHeight) || el.offsetHeight"))
    assert box["height"] <= line * 1.5


def test_badges_are_at_least_12_px(emulator, live_server, page, alice):
    build_pool(users=1)
    sign_in(page, alice, live_server.url)
    page.goto(live_server.url + "/users/find/?q=user&attr=email")
    size = page.locator(".badge").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= 12


def test_the_keyboard_reaches_content_shortcuts_and_users(emulator, live_server, page, hugo):
    pool = build_pool(users=3)
    sign_in(page, hugo, live_server.url)
    page.goto(live_server.url + "/")
    # Helpdesk lands on the users of its only pool, with the pool chosen.
    page.wait_for_url(f"**/pools/{pool.id}/users/")
    assert page.input_value("#pool-switch") == pool.id
    page.goto(live_server.url + "/jobs/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.goto(f"{live_server.url}/pools/{pool.id}/users/")
    expect(page.locator("#id_q")).to_be_focused()  # autofocus lands a frame after load
    page.keyboard.press("Escape")  # out of the search box

    page.keyboard.press("?")
    overlay = page.locator("#shortcuts")
    assert overlay.is_visible() and "Next / previous page" in overlay.inner_text()
    page.keyboard.press("Escape")
    assert not overlay.is_visible()

    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "id_q"
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    page.keyboard.press("j")
    focused = page.evaluate("document.activeElement.closest('tr') && document.activeElement.closest('tr').rowIndex")
    assert focused == 2
    page.keyboard.press("o")
    page.wait_for_url("**/users/u/**")
    page.keyboard.press("a")
    assert page.evaluate("!!document.activeElement.closest('#user-actions')")
    page.evaluate("document.activeElement.blur()")  # out of the reason box
    page.keyboard.press("g")
    page.keyboard.press("f")
    page.wait_for_url("**/users/find/")


def test_the_bulk_bar_asks_for_an_action_counts_and_stays_in_view(emulator, live_server, page, hugo):
    pool = build_pool(users=3)
    sign_in(page, hugo, live_server.url)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/pools/{pool.id}/users/")
    assert page.input_value("#id_bulk_action") == ""
    count = page.locator("[data-bulk-count]")
    assert count.inner_text() == "0 users ticked"
    page.check(f"input[name=u][value='{pool.users['user0@example.com']}']")
    assert count.inner_text() == "1 user ticked"
    page.check("[data-select-page]")
    assert count.inner_text() == "3 users ticked"
    # No action chosen: the browser stops the form, nothing is submitted.
    page.click("#bulk-form button[type=submit]")
    assert "/users/" in page.url and page.evaluate("document.activeElement.id") == "id_bulk_action"
    assert page.locator("#bulk-form").evaluate("el => getComputedStyle(el).position") == "sticky"


def test_the_audit_log_links_users_and_jobs_and_names_the_pool(emulator, live_server, page, alice):
    pool = build_pool(name="Support pool", users=2)
    username = pool.users["user1@example.com"]
    job = Job.objects.create(kind=Job.KIND_BULK, pool_id=pool.id, operator=alice, operator_name="alice",
                             status=Job.FINISHED, title="Disable 2 users", total=2, processed=2)
    audit_record(action="user.disable", operator=alice, pool_id=pool.id, target=username, reason="INC-7")
    audit_record(action="bulk.start", operator=alice, pool_id=pool.id, target="Disable 2 users", job_id=job.pk,
                 params={"action": "disable", "users": 2})
    sign_in(page, alice, live_server.url)
    page.goto(live_server.url + "/audit/")
    page.select_option("#id_action", "user.disable")
    page.click("button:has-text('Filter')")
    row = page.locator("table.audit tbody tr")
    assert row.count() == 1 and "Support pool" in row.inner_text()
    row.locator("a", has_text="user1@example.com").click()
    page.wait_for_url(f"**/users/u/{username}")
    page.goto(live_server.url + "/audit/?action=bulk.start")
    assert "{'" not in page.inner_text("table.audit")
    page.click("table.audit a:has-text('Disable 2 users')")
    page.wait_for_url(f"**/jobs/{job.pk}/")
