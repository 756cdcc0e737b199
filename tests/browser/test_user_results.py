"""Results of actions on the user page (issue 12 item 2): one persistent live region, scrolled
to and focused; the reason kept for the next action; open sections kept open; a failed typed
delete keeps its section open with the error at the field."""

import pytest
from playwright.sync_api import expect

from console.audit.models import AuditEvent
from console.cognito.client import cognito
from tests.browser.conftest import PHONE, sign_in
from tests.fixtures.cognito import build_pool

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def user_page(emulator, live_server, page):
    """`user_page(operator)`: the page of user1 at 390 px, every confirmation accepted."""

    def open_as(operator):
        pool = build_pool(name="Support pool", users=2)
        username = pool.users["user1@example.com"]
        sign_in(page, operator, live_server.url)
        page.set_viewport_size(PHONE)
        page.on("dialog", lambda dialog: dialog.accept())
        page.goto(f"{live_server.url}/pools/{pool.id}/users/u/{username}")
        page.evaluate("window.region = document.getElementById('flash')")
        return pool, username

    return open_as


def _in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"]


def test_a_result_lands_in_the_one_live_region_in_view_with_the_focus(user_page, page, hugo):
    pool, username = user_page(hugo)
    page.fill("#action-reason", "INC-5")
    button = page.locator("button[data-action=disable]")
    button.scroll_into_view_if_needed()
    button.click()
    result = page.locator("#flash [data-flash]")
    expect(result).to_contain_text("disabled")
    assert page.evaluate("window.region === document.getElementById('flash')")  # the same region, not a new one
    assert page.get_attribute("#flash", "role") == "status"
    assert page.locator("#user-panel [data-flash]").count() == 0  # said once, in one place
    assert _in_viewport(page, result)
    assert page.evaluate("!!document.activeElement.closest('#flash')")
    assert cognito().admin_get_user(UserPoolId=pool.id, Username=username)["Enabled"] is False


def test_the_reason_is_kept_for_the_next_action(user_page, page, hugo):
    pool, username = user_page(hugo)
    page.fill("#action-reason", "INC-6 several things")
    page.click("button[data-action=disable]")
    expect(page.locator("#flash [data-flash]")).to_contain_text("disabled")
    expect(page.locator("#action-reason")).to_have_value("INC-6 several things")
    page.click("button[data-action=enable]")
    expect(page.locator("#flash [data-flash]")).to_contain_text("enabled")
    reasons = set(AuditEvent.objects.filter(target=username).values_list("reason", flat=True))
    assert reasons == {"INC-6 several things"}


def _admin_action(page, field: str, value: str, action: str) -> None:
    """Open the admin section, fill one field and press the action's button."""
    page.fill("#action-reason", "INC-7")
    page.click("#admin-actions summary")
    page.fill(field, value)
    page.click(f"button[data-action={action}]")


def test_an_open_section_stays_open_after_an_action(user_page, page, alice):
    user_page(alice)
    _admin_action(page, "#admin-actions .formgrid input[type=text] >> nth=0", "Renamed", "update_attributes")
    expect(page.locator("#flash [data-flash]")).to_have_class("alert alert-success")
    assert page.locator("#admin-actions").evaluate("el => el.open")


def test_a_failed_typed_delete_keeps_its_section_open_with_the_error(user_page, page, alice):
    pool, username = user_page(alice)
    _admin_action(page, "#delete-confirm", "not-the-username", "delete")
    expect(page.locator("#flash [data-flash]")).to_have_attribute("role", "alert")
    assert page.locator("#admin-actions").evaluate("el => el.open")
    field = page.locator("#delete-confirm")
    expect(field).to_be_focused()
    assert field.get_attribute("aria-invalid") == "true"
    error = page.locator("#" + field.get_attribute("aria-describedby"))
    assert error.is_visible() and error.inner_text() in page.inner_text("#flash [data-flash]")
    assert cognito().admin_get_user(UserPoolId=pool.id, Username=username)["Username"] == username
