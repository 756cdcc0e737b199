"""Cognito outages: a job waits ("Waiting for Cognito") for up to the outage window, then goes on;
rows fail for unreachability only when Cognito stays away longer than the window."""

import time

import pytest
from botocore.exceptions import EndpointConnectionError
from django.core.cache import cache
from django.urls import reverse

from console.cognito.client import cognito
from console.jobs import kinds, outage, retry, runner
from console.jobs.models import Job, JobItem
from tests.jobs.factories import start_import

pytestmark = pytest.mark.django_db


def rows(n):
    return "email,given_name\n" + "".join(f"new{i}@example.com,N{i}\n" for i in range(n))


class Outage:
    """Cognito unreachable (connection refused) until `ends`; calls after that reach moto."""

    def __init__(self, seconds: float):
        self.ends = time.monotonic() + seconds
        self.refused = 0

    def __call__(self, request=None, **kwargs):
        if time.monotonic() < self.ends:
            self.refused += 1
            raise EndpointConnectionError(endpoint_url=request.url if request else "cognito")


@pytest.fixture
def fast(settings, monkeypatch):
    """No waiting inside a pass, short waits between passes, one HTTP attempt per call."""
    monkeypatch.setattr(retry, "RETRY_DELAYS", (0,))
    monkeypatch.setattr(outage, "BACKOFF_SECONDS", (0.2,))
    settings.CONSOLE_AWS_MAX_ATTEMPTS = 1


def down_for(seconds: float) -> Outage:
    down = Outage(seconds)
    cognito().meta.events.register_first("before-send.cognito-identity-provider", down)
    return down


def down_after_prepare(monkeypatch, kind: str, seconds: float) -> list[Outage]:
    """The job reads the pool's schema first; Cognito goes away right after."""
    handler = kinds.handler_for(kind)
    real_prepare = handler.prepare
    outages = []

    def prepare_then_go_down(job):
        context = real_prepare(job)
        outages.append(down_for(seconds))
        return context

    monkeypatch.setattr(handler, "prepare", prepare_then_go_down)
    return outages


def test_a_job_waits_out_an_outage_shorter_than_the_window(tmp_path, alice, pool, fast, admin_client, monkeypatch):
    job = start_import(tmp_path, alice, pool.id, rows(12), suppress_invitations=True)
    pages = []
    real_wait = outage.outage_wait

    def wait_and_look(job, token):
        pages.append(admin_client.get(reverse("jobs:detail", args=[job.pk])).content.decode())
        real_wait(job, token)

    monkeypatch.setattr(outage, "outage_wait", wait_and_look)
    # Long enough for many more passes than MAX_TRANSIENT_PASSES at these speeds.
    outages = down_after_prepare(monkeypatch, job.kind, 2.0)
    assert runner.job_run(job_id=job.pk) == "finished"
    job.refresh_from_db()
    assert outages[0].refused > retry.MAX_TRANSIENT_PASSES
    assert (job.status, job.created, job.failed) == (Job.FINISHED, 12, 0)
    assert any("Waiting for Cognito" in page for page in pages)
    assert outage.SINCE_KEY not in job.options and "Waiting" not in job.note


def test_rows_fail_once_the_outage_outlasts_the_window(tmp_path, alice, pool, fast, settings, monkeypatch):
    job = start_import(tmp_path, alice, pool.id, rows(3), suppress_invitations=True)
    settings.CONSOLE_JOB_OUTAGE_WINDOW_SECONDS = 1
    settings.CONSOLE_JOB_CHUNK_SIZE = 10
    down_after_prepare(monkeypatch, job.kind, 600)
    started = time.monotonic()
    assert runner.job_run(job_id=job.pk) == "finished"
    job.refresh_from_db()
    assert time.monotonic() - started < 30
    assert (job.created, job.failed) == (0, 3)
    reasons = set(JobItem.objects.filter(job=job).values_list("error", flat=True))
    assert all(r.startswith("Cognito was unreachable for") for r in reasons), reasons


def test_a_job_that_cannot_prepare_waits_instead_of_failing(tmp_path, alice, pool, fast):
    job = start_import(tmp_path, alice, pool.id, rows(2), suppress_invitations=True)
    cache.clear()  # the check cached the pool's description: preparing must ask Cognito
    down = down_for(600)
    assert runner.job_run(job_id=job.pk) == "paused"
    job.refresh_from_db()
    assert job.status == Job.QUEUED and job.note.startswith("Waiting for Cognito")
    down.ends = 0  # Cognito is back
    assert runner.job_run(job_id=job.pk) == "finished"
    job.refresh_from_db()
    assert (job.created, job.failed) == (2, 0)
