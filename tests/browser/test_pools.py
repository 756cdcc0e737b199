import re

import pytest

from console.cognito.client import cognito
from console.cognito.groups import members_page
from tests.browser.conftest import sign_in_by_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_admin_creates_a_pool_adds_a_group_and_puts_a_user_in_it(emulator, live_server, page, alice):
    sign_in_by_form(page, live_server.url, "alice")

    page.click("a.button:has-text('Create pool')")
    page.fill("#id_name", "Browser pool")
    page.fill("#id_custom_attributes", "department:String")
    page.fill("#id_reason", "T-99")
    page.click("button:has-text('Create pool')")
    page.wait_for_selector("h1:has-text('Browser pool')")
    pool_id = re.search(r"/pools/([^/]+)/", page.url).group(1)
    assert "custom:department" in page.inner_text("#attributes")

    page.click("a.button:has-text('Groups')")
    page.click("a.button:has-text('Create group')")
    page.fill("#id_name", "testers")
    page.fill("#id_description", "People who test")
    page.click("button:has-text('Create group')")
    page.wait_for_selector("h1:has-text('Group testers')")

    created = cognito().admin_create_user(
        UserPoolId=pool_id,
        Username="ada@example.com",
        UserAttributes=[{"Name": "email", "Value": "ada@example.com"}],
        MessageAction="SUPPRESS",
    )
    username = created["User"]["Username"]

    page.fill("#member-reason", "T-100")
    page.fill("#member-search", "ada@")
    page.wait_for_selector("#picker-results >> text=ada@example.com")
    page.click("#picker-results button.add-member")
    page.wait_for_selector("#members >> text=Added")
    assert "ada@example.com" in page.inner_text("#members table")

    members, _ = members_page(pool_id, "testers")
    assert [m.username for m in members] == [username]
