"""An admin imports a CSV in the browser and watches the job page follow the run."""

import os

import pytest

from console.jobs.models import ImportUpload, Job
from tests.browser.conftest import PHONE, run_job, sign_in, sign_in_by_form
from tests.fixtures.cognito import build_pool

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_admin_imports_a_csv_and_the_page_follows_the_job(
    emulator, live_server, page, alice, tmp_path, settings, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.CONSOLE_RATE_LIMITS_ENABLED = False
    settings.CONSOLE_JOB_CHUNK_SIZE = 5
    monkeypatch.setattr("console.jobs.queue.job_enqueue", lambda job_id: True)  # the test runs the job itself
    pool = build_pool(users=1)
    source = tmp_path / "people.csv"
    source.write_text(
        "email;given_name;groups\n"
        + "".join(f"p{i}@example.com;P{i};staff\n" for i in range(20))
        + "user0@example.com;Again;staff\nbroken;X;staff\n"
    )

    sign_in_by_form(page, live_server.url, "alice")
    page.goto(f"{live_server.url}/jobs/import/{pool.id}/")
    page.set_input_files("#id_file", str(source))
    page.click("button:has-text('Upload and check')")
    page.wait_for_selector("#invalid")
    assert page.inner_text("#valid").strip() == "21" and page.inner_text("#invalid").strip() == "1"
    assert "Not an email address." in page.inner_text("#errors")
    page.check("input[name=invitations][value=suppress]")
    page.click("button:has-text('Import the 21 valid rows')")
    page.wait_for_selector("#job-progress")
    assert page.get_attribute("#job-progress", "hx-trigger") == "every 1s"

    job = Job.objects.get()
    run_job(job.pk)
    # htmx polls the partial until the job ends, then the partial stops polling.
    page.wait_for_selector("[data-status=finished]", timeout=15_000)
    assert page.get_attribute("#job-progress", "hx-trigger") is None
    assert page.inner_text("[data-count=created]") == "20"
    assert page.inner_text("[data-count=skipped]") == "1"
    assert page.locator("a:has-text('Results CSV')").count() == 1


def test_a_refused_import_says_why_at_the_top_with_the_focus(emulator, live_server, page, alice, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "files"
    pool = build_pool(users=1)
    source = tmp_path / "people.csv"
    source.write_text("email;given_name\n" + "".join(f"p{i}@example.com;P{i}\n" for i in range(30)) + "broken;X\n")
    sign_in(page, alice, live_server.url)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/jobs/import/{pool.id}/")
    page.set_input_files("#id_file", str(source))
    page.click("button:has-text('Upload and check')")
    page.wait_for_selector("#invalid")
    os.remove(ImportUpload.objects.get().path)  # the upload expired while the operator read the check
    page.click("button:has-text('Import the 30 valid rows')")
    summary = page.locator("#import-errors")
    summary.wait_for()
    assert "upload it again" in summary.inner_text()
    assert page.evaluate("document.activeElement.id") == "import-errors"
    assert summary.bounding_box()["y"] < PHONE["height"]
