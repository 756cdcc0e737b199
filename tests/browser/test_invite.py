"""The invite form (issue 12 item 7): the sign-in email asked once, labels in words with the phone
format up front, the reason marked required, and after an error a focused summary linking each
message to its field; axe-clean with errors at desktop and 390 px."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS, accessibility_report, sign_in
from tests.fixtures.cognito import build_pool

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_invite_form_asks_once_labels_in_words_and_summarises_errors(emulator, live_server, page, alice, settings):
    settings.CONSOLE_REASON_REQUIRED = True
    pool = build_pool(name="Invite pool", users=1)
    sign_in(page, alice, live_server.url)
    failures = []
    for width, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        page.goto(f"{live_server.url}/pools/{pool.id}/users/new/")
        # The pool signs in by email: one email box, not two.
        expect(page.locator("input[type=email]")).to_have_count(1)
        expect(page.get_by_label("Email address", exact=False)).to_have_count(1)
        # Labels in words; the phone format shown before any error; the reason marked required.
        expect(page.get_by_label("Given name")).to_be_visible()
        phone = page.get_by_label("Phone number")
        expect(phone).to_have_accessible_description("International format: + then the country code and number, "
                                                     "for example +15551234567.")
        expect(page.get_by_label("Reason (required)")).to_be_visible()

        page.fill("#id_username", "not an email")
        phone.fill("12345")
        page.click("button:has-text('Invite')")

        summary = page.locator("#error-summary")
        expect(summary).to_be_focused()
        links = summary.get_by_role("link")
        assert links.count() >= 3
        for i in range(links.count()):
            target = links.nth(i).get_attribute("href")
            expect(page.locator(target)).to_have_count(1)
        summary.get_by_role("link", name="Phone number", exact=False).click()
        expect(page).to_have_url(re.compile("#id_attr_phone_number$"))
        # Every description points at an element that exists.
        missing = page.evaluate("""() => [...document.querySelectorAll('[aria-describedby]')]
            .flatMap(e => e.getAttribute('aria-describedby').split(/\\s+/))
            .filter(id => !document.getElementById(id))""")
        assert missing == [], missing
        report = accessibility_report(page, f"invite form with errors at {width}")
        if report:
            failures.append(report)
    assert not failures, "\n\n".join(failures)
