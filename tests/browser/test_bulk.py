"""Helpdesk ticks users on the users table, disables them in bulk, and sees the job finish."""

import pytest
from playwright.sync_api import expect

from console.cognito.client import cognito
from console.jobs.models import Job
from tests.browser.conftest import run_job, sign_in_by_form
from tests.fixtures.cognito import build_pool

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_helpdesk_disables_ticked_users_in_bulk(emulator, live_server, page, hugo, settings, monkeypatch, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.CONSOLE_RATE_LIMITS_ENABLED = False
    monkeypatch.setattr("console.jobs.queue.job_enqueue", lambda job_id: True)  # the test runs the job itself
    pool = build_pool(users=5)
    spared = pool.users["user2@example.com"]

    sign_in_by_form(page, live_server.url, "hugo")
    page.goto(f"{live_server.url}/pools/{pool.id}/users/")
    page.wait_for_selector("input[name=u]")
    page.check("[data-select-page]")  # the whole page (static/js/console.js) ...
    page.uncheck(f"input[name=u][value='{spared}']")  # ... but one
    page.select_option("#id_bulk_action", "disable")
    page.click("button:has-text('Continue…')")
    page.wait_for_selector("[data-action=disable]")
    assert page.get_attribute("dd[data-count]", "data-count") == "4"
    page.fill("#id_reason", "INC-42 leavers")
    page.click("button:has-text('Start the job')")
    page.wait_for_selector("#job-progress")

    job = Job.objects.get()

    run_job(job.pk)
    page.wait_for_selector("[data-status=finished]", timeout=15_000)
    assert page.inner_text("[data-count=updated]") == "4"
    page.reload()
    assert page.locator("button:has-text('Reverse this job')").count() == 1
    states = {u["Username"]: u["Enabled"] for u in cognito().list_users(UserPoolId=pool.id)["Users"]}
    assert states.pop(spared) is True and not any(states.values())


def test_the_confirm_page_counts_every_matching_user_live(emulator, live_server, page, hugo):
    pool = build_pool(users=75)  # more than one ListUsers page: the page counts on after loading

    sign_in_by_form(page, live_server.url, "hugo")
    page.goto(f"{live_server.url}/pools/{pool.id}/users/")
    page.wait_for_selector("input[name=u]")
    page.select_option("#id_bulk_action", "sign_out")
    page.check("input[name=scope][value=search]")
    page.click("button:has-text('Continue…')")
    page.wait_for_selector("[data-action=sign_out]")
    expect(page.locator("#bulk-count [data-count]")).to_have_attribute("data-count", "75", timeout=20_000)
    expect(page.locator("#bulk-count")).to_contain_text("75 users")
    assert not Job.objects.exists()


def test_the_job_cannot_start_before_the_count_is_known(emulator, live_server, page, hugo):
    from tests.browser.conftest import VIEWPORTS, accessibility_report, sign_in

    pool = build_pool(users=75)  # the first page leaves the count running
    sign_in(page, hugo, live_server.url)
    failures = []
    for width, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        page.goto(f"{live_server.url}/pools/{pool.id}/users/")
        page.select_option("#id_bulk_action", "sign_out")
        page.check("input[name=scope][value=search]")
        page.click("button:has-text('Continue…')")
        start = page.get_by_role("button", name="Start the job")
        expect(start).to_be_disabled()
        expect(start).to_have_accessible_description("Still counting the users: you can start once the count is known.")
        expect(page.locator("#bulk-count [data-count]")).to_have_attribute("data-count", "75", timeout=20_000)
        expect(start).to_be_enabled()
        report = accessibility_report(page, f"bulk confirm at {width}")
        if report:
            failures.append(report)
    assert not failures, "\n\n".join(failures)
