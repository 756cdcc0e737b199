import pytest

from console.emulator.demo import seed_demo
from tests.fixtures.operators import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_admin_signs_in_and_sees_the_demo_pool(emulator, live_server, page, alice):
    seeded = seed_demo(users=12)
    page.goto(live_server.url + "/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("table.data >> text=Demo pool")
    assert "Local emulator" in page.inner_text(".backend")
    page.click("table.data >> text=Demo pool")
    page.click("a.button:has-text('Users')")
    page.wait_for_selector("table.data tbody tr")
    assert page.locator("table.data tbody tr").count() == 12
    assert seeded["pool_id"] in page.url
