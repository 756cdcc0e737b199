"""Users are named by name and email, the username (a UUID) only as secondary text (issue 12 item 3),
and a user in many groups stays inside its card with one named remove button per group (item 10)."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from console.cognito.client import cognito
from tests.browser.conftest import VIEWPORTS, accessibility_report, sign_in
from tests.fixtures.cognito import build_pool

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_users_are_named_by_name_and_email_not_uuid(emulator, live_server, page, alice):
    pool = build_pool(name="Identity pool", users=3)
    username = pool.users["user1@example.com"]
    sign_in(page, alice, live_server.url)

    # The users table: the name is the link, the UUID secondary text.
    page.goto(f"{live_server.url}/pools/{pool.id}/users/")
    link = page.get_by_role("link", name="Given1 Family1")
    expect(link).to_have_attribute("href", reverse("users:detail", args=[pool.id, username]))
    assert page.get_by_role("link", name=username).count() == 0

    # The user page: heading and tab title name the user; the UUID is smaller than the heading.
    link.click()
    heading = page.locator("h1")
    expect(heading).to_contain_text("Given1 Family1")
    expect(heading).to_contain_text("user1@example.com")
    assert username not in page.title() and "Given1 Family1" in page.title()
    uid_size = page.locator("h1 .uid").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    h2_size = page.locator("h2").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    h1_size = heading.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert h1_size > h2_size > uid_size

    # Group members: named and linked; the notice of an addition names the user.
    page.goto(f"{live_server.url}/pools/{pool.id}/groups/members/staff/")
    page.fill("#member-reason", "INC-3")
    page.fill("#member-search", "user2")
    page.click("button.add-member")
    notice = page.locator("#members [role=status]")
    expect(notice).to_have_text("Added Given2 Family2 (user2@example.com) to the group.")
    expect(page.get_by_role("link", name="Given2 Family2")).to_be_visible()


def test_the_bulk_confirmation_names_the_ticked_users(emulator, live_server, page, hugo):
    pool = build_pool(name="Identity pool", users=3)
    sign_in(page, hugo, live_server.url)
    page.goto(f"{live_server.url}/pools/{pool.id}/users/")
    for email in ("user0@example.com", "user2@example.com"):
        page.check(f"input[name=u][value='{pool.users[email]}']")
    page.select_option("#id_bulk_action", "disable")
    page.click("#bulk-form button[type=submit]")
    named = page.locator(".named-users li")
    expect(named).to_have_count(2)
    expect(named.first).to_contain_text("Given0 Family0 (user0@example.com)")
    expect(named.first.locator(".uid")).to_have_text(pool.users["user0@example.com"])


def _in_twenty_groups(pool, username: str) -> list[str]:
    c = cognito()
    names = [f"regional-support-team-{i:02d}-with-a-long-name" for i in range(20)]
    for name in names:
        c.create_group(UserPoolId=pool.id, GroupName=name)
        c.admin_add_user_to_group(UserPoolId=pool.id, Username=username, GroupName=name)
    return names


def test_a_user_in_twenty_groups_stays_in_the_card_with_named_buttons(emulator, live_server, page, alice):
    pool = build_pool(name="Identity pool", users=2)
    username = pool.users["user1@example.com"]
    groups = _in_twenty_groups(pool, username)
    sign_in(page, alice, live_server.url)
    failures = []
    for width, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        page.goto(live_server.url + reverse("users:detail", args=[pool.id, username]))
        # Nothing spills out of its card, at either width.
        spill = page.evaluate("""() => [...document.querySelectorAll('.card')].flatMap(card => {
            const box = card.getBoundingClientRect();
            return [...card.querySelectorAll('.badge, button')].filter(e => {
                const r = e.getBoundingClientRect();
                return r.width && (r.right > box.right + 1 || r.left < box.left - 1);
            }).map(e => e.textContent.trim());
        })""")
        assert spill == [], f"outside their card at {width}: {spill[:5]}"
        # At most 8 shown, the rest behind "n more"; every remove button named after its group.
        expect(page.get_by_role("button", name=re.compile("^Remove from "))).to_have_count(8)
        for name in groups:
            button = page.get_by_role("button", name=f"Remove from {name}", exact=True, include_hidden=True)
            expect(button).to_have_count(1)
        page.click("#user-actions details.more summary")
        expect(page.get_by_role("button", name=f"Remove from {groups[-1]}", exact=True)).to_be_visible()
        report = accessibility_report(page, f"user page in 20 groups at {width}")
        if report:
            failures.append(report)
    assert not failures, "\n\n".join(failures)
