"""Lost phone and stolen laptop in a real browser against the emulator (issue 13's Done means):
a helpdesk agent reads a remembered device's details (a read: no reason asked), forgets the
device, ends the session and removes the authenticator app; each result is announced in #flash
and Cognito changed."""

import pytest
from playwright.sync_api import expect

from console.cognito.client import cognito
from tests.browser.conftest import sign_in
from tests.emulator.test_cognito_factors import with_authenticator
from tests.fixtures.cognito import build_pool
from tests.users.test_factors import DEVICE, EMAIL, remembered_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _act(page, selector: str, said: str) -> None:
    page.once("dialog", lambda dialog: dialog.accept())
    page.click(selector)
    page.wait_for_selector(f"#flash >> text={said}")


def test_a_stolen_laptop_and_a_lost_phone_from_the_user_page(emulator, live_server, page, hugo):
    pool = build_pool(name="Helpdesk pool", users=1)
    remembered_device(pool)  # signs in from the laptop: a session and a remembered device
    with_authenticator(pool, EMAIL)
    sign_in(page, hugo, live_server.url)
    page.goto(f"{live_server.url}/pools/{pool.id}/users/u/{pool.users[EMAIL]}")

    # Details are a read: they open while the reason box is still empty (it is required for actions).
    assert page.input_value("#action-reason") == ""
    page.click("[data-device-details]")
    page.wait_for_selector(".device-detail >> text=Created")

    page.fill("#action-reason", "INC-77 laptop stolen")
    _act(page, f"tr[data-device='{DEVICE}'] button[data-action=forget_device]", "Device forgotten")
    assert cognito().admin_list_devices(UserPoolId=pool.id, Username=EMAIL)["Devices"] == []
    assert page.input_value("#action-reason") == "INC-77 laptop stolen"  # kept for the next action

    sessions = len(page.query_selector_all("tr[data-session]"))
    assert sessions >= 1
    _act(page, "tr[data-session] >> nth=0 >> button[data-action=revoke_session]", "Session ended")
    expect(page.locator("tr[data-session]")).to_have_count(sessions - 1)

    _act(page, "button[data-action=remove_authenticator]", "Authenticator app removed")
    factors = cognito().admin_get_user_auth_factors(UserPoolId=pool.id, Username=EMAIL)
    assert "SOFTWARE_TOKEN" not in str(factors.get("ConfiguredUserAuthFactors", []))
