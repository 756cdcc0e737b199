import pytest

from console.emulator.demo import seed_demo
from tests.browser.conftest import sign_in_by_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_admin_signs_in_and_sees_the_demo_pool(emulator, live_server, page, alice):
    seeded = seed_demo(users=12)
    sign_in_by_form(page, live_server.url, "alice")
    page.wait_for_selector("table.data >> text=Demo pool")
    assert "Local emulator" in page.inner_text(".backend")
    page.click("table.data >> text=Demo pool")
    page.click("a.button:has-text('Users')")
    page.wait_for_selector("table.data tbody tr")
    assert page.locator("table.data tbody tr").count() == 12
    assert seeded["pool_id"] in page.url
