"""In a real browser: no page breaks the Content-Security-Policy, and htmx works under it."""

import pytest

from tests.browser.conftest import RECORD_CSP_VIOLATIONS
from tests.fixtures.operators import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pages_raise_no_csp_violation_and_htmx_works(emulator, live_server, page, alice):
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    page.goto(live_server.url + "/accounts/login/")
    assert page.evaluate("window.__csp") == []
    page.fill("#id_username", "alice")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("h1")
    page.goto(live_server.url + "/accounts/security/")
    page.wait_for_selector("text=Two-factor sign-in")
    assert page.evaluate("window.__csp") == []
    # htmx loaded from 'self', and its requests and swaps pass the policy.
    assert page.evaluate("typeof htmx") == "object"
    page.evaluate("htmx.ajax('GET', '/accounts/security/', {target: '#flash', select: 'h1'})")
    page.wait_for_selector("#flash h1")
    assert page.inner_text("#flash h1") == "Account security"
    assert page.evaluate("window.__csp") == []
    # The enrolment QR code (a data: SVG made on the server) is allowed by img-src.
    page.click("button:has-text('Set up two-factor sign-in')")
    page.wait_for_selector("img.qr")
    page.wait_for_function("document.querySelector('img.qr').complete")
    assert page.evaluate("document.querySelector('img.qr').naturalWidth") > 0
    assert page.evaluate("window.__csp") == []
    # Control: the recorder does catch an inline script the policy blocks.
    page.evaluate(
        "var s = document.createElement('script'); s.textContent = 'window.pwned = 1'; document.body.append(s)"
    )
    page.wait_for_function("window.__csp.length > 0")
    assert page.evaluate("window.pwned") is None
