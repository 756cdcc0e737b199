"""The job page says each change of status once, in a live region (issue 12 item 14)."""

import threading

import pytest
from playwright.sync_api import expect

from console.jobs.importer import ImportHandler
from tests.browser.conftest import run_job, sign_in
from tests.fixtures.cognito import build_pool
from tests.jobs.factories import start_import

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every text the live region was given, in order.
RECORD = """() => {
  const region = document.querySelector('[data-announcer]');
  window.said = [];
  new MutationObserver(() => window.said.push(region.textContent))
    .observe(region, {childList: true, characterData: true, subtree: true});
}"""


def test_the_job_page_announces_the_end_once(emulator, live_server, page, alice, tmp_path, settings, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.CONSOLE_RATE_LIMITS_ENABLED = False
    settings.CONSOLE_JOB_CHUNK_SIZE = 5
    monkeypatch.setattr("console.jobs.queue.job_enqueue", lambda job_id: True)  # the test runs the job itself
    pool = build_pool(users=1)
    text = "email\n" + "".join(f"p{i}@example.com\n" for i in range(12)) + "user0@example.com\n"
    job = start_import(tmp_path, alice, pool.id, text, existing="skip", suppress_invitations=True)
    real = ImportHandler.process
    gate = threading.Event()

    def held(self, job_, item, context):
        gate.wait(30)  # the job runs until the test has seen the page poll a few times
        return real(self, job_, item, context)

    monkeypatch.setattr(ImportHandler, "process", held)
    sign_in(page, alice, live_server.url)
    page.goto(f"{live_server.url}/jobs/{job.pk}/")
    region = page.locator("[data-announcer]")
    assert region.get_attribute("role") == "status" and region.get_attribute("aria-live") == "polite"
    page.evaluate(RECORD)
    worker = run_job(job.pk, background=True)
    expect(region).to_have_text("Running", timeout=15_000)
    page.wait_for_timeout(2500)  # polls while it runs: nothing new to say
    gate.set()
    worker.join(60)
    final = "Finished: 12 created, 0 updated, 1 skipped, 0 failed."
    expect(region).to_have_text(final, timeout=15_000)
    page.wait_for_timeout(2500)  # the page has stopped polling; nothing more is said
    assert page.evaluate("window.said") == ["Running", final]  # once per change, not on every poll
