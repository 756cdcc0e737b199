"""Feedback while and after acting: required fields before any confirm, one live region
for results kept in view, busy buttons while a request is in flight (issue 12 items 1, 2, 8)."""

import pytest

from tests.browser.conftest import PHONE, sign_in
from tests.fixtures.cognito import build_pool

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def user_page(emulator, live_server, page, hugo, settings):
    settings.CONSOLE_REASON_REQUIRED = True
    pool = build_pool(users=2)
    sign_in(page, hugo, live_server.url)
    page.goto(f"{live_server.url}/pools/{pool.id}/users/u/{pool.users['user1@example.com']}")
    return page


def _in_viewport(page, selector) -> bool:
    box = page.locator(selector).bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"]


def test_a_missing_reason_is_said_and_focused_before_any_confirm(user_page):
    page = user_page
    page.set_viewport_size(PHONE)
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.locator("button[data-action=reset_password]").scroll_into_view_if_needed()
    page.click("button[data-action=reset_password]")
    # Said beside the field (the user page's own message) or in the live region (console.js's
    # check of required fields before any confirm): either way visible, and the field focused.
    message = page.locator("#action-reason-error:visible, #flash [data-flash]").first
    message.wait_for()
    assert asked == []
    assert "reason" in message.inner_text().lower()
    assert page.evaluate("document.activeElement.id") == "action-reason"
    assert page.get_attribute("#flash", "role") == "status"


def test_a_required_field_is_said_in_the_live_region_before_any_confirm(emulator, live_server, page, alice):
    pool = build_pool(users=1)
    sign_in(page, alice, live_server.url)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/pools/{pool.id}/groups/members/staff/")
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    # A required field that an htmx button includes from outside its form (the pattern of the
    # user page's reason box): checked before the dialog, which the browser would not do.
    page.locator("main").evaluate(
        """main => { main.insertAdjacentHTML('beforeend', '<div id="probe">'
          + '<label for="probe-reason">Reason</label><input id="probe-reason" name="reason" required>'
          + '<button id="probe-go" hx-post="/nowhere/" hx-include="#probe-reason" hx-confirm="Sure?">Go</button>'
          + '</div>'); htmx.process(document.getElementById('probe')); }"""
    )
    page.click("#probe-go")
    flash = page.locator("#flash [data-flash]")
    flash.wait_for()
    assert asked == [] and flash.inner_text().startswith("Reason:")
    assert page.evaluate("document.activeElement.id") == "probe-reason"
    assert _in_viewport(page, "#flash")


def test_an_unexpected_server_error_is_said_in_the_live_region(user_page):
    page = user_page
    page.fill("#action-reason", "INC-9")
    page.route("**/act/reset_password/", lambda route: route.fulfill(status=502, body="Bad gateway"))
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button[data-action=reset_password]")
    flash = page.locator("#flash [data-flash]")
    flash.wait_for()
    assert "error 502" in flash.inner_text()
    assert page.evaluate("document.activeElement !== document.body")


def test_a_button_is_disabled_and_busy_while_its_request_is_in_flight(user_page):
    page = user_page
    page.fill("#action-reason", "INC-9")
    held = []
    page.route("**/act/reset_password/", lambda route: held.append(route))
    page.once("dialog", lambda dialog: dialog.accept())
    button = page.locator("button[data-action=reset_password]")
    button.click()
    for _ in range(50):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the request never left"
    assert button.is_disabled() and button.get_attribute("aria-busy") == "true"
    held[0].fulfill(status=502, body="")
    page.locator("#flash [data-flash]").wait_for()
    assert not page.locator("[aria-busy=true]").count()
