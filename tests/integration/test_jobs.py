"""Imports end to end: a real moto server process, real Redis, a real Celery worker process."""

import time
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from console.celery import app as celery_app
from console.cognito.client import cognito
from console.jobs import services
from console.jobs.models import Job, JobItem
from console.jobs.queue import WAITING_NOTE
from tests.fixtures.cognito import build_pool
from tests.integration.conftest import CHUNK, REAPER_SECONDS, STALE_SECONDS

pytestmark = [pytest.mark.integration]


def csv_rows(n: int, *, groups: str = "") -> str:
    header = "email,given_name" + (",groups" if groups else "")
    lines = [f"bulk{i:05d}@example.com,Given{i}" + (f",{groups}" if groups else "") for i in range(n)]
    return header + "\n" + "\n".join(lines) + "\n"


def start_import(tmp_path, operator, pool_id, text, **options) -> Job:
    source = tmp_path / "import.csv"
    source.write_text(text)
    upload = services.store_path(operator=operator, pool_id=pool_id, source=str(source))
    services.import_check(upload=upload)
    return services.import_start(operator=operator, upload=upload, suppress_invitations=True, **options)


def wait_for(predicate, timeout: float, what: str, worker=None, step: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    log = worker.log() if worker else ""
    raise AssertionError(f"timed out after {timeout}s waiting for {what}\n{log}")


def job_state(job_id) -> Job:
    return Job.objects.get(pk=job_id)


def pool_emails(pool_id) -> list[str]:
    emails = []
    for page in cognito().get_paginator("list_users").paginate(UserPoolId=pool_id):
        for user in page["Users"]:
            emails += [a["Value"] for a in user["Attributes"] if a["Name"] == "email"]
    return emails


def test_it_survives_a_worker_killed_mid_import(tmp_path, alice, start_worker):
    pool = build_pool(users=0)
    job = start_import(tmp_path, alice, pool.id, csv_rows(2000))
    first = start_worker()
    wait_for(lambda: job_state(job.pk).processed >= 300, 90, "the first rows", first)
    first.kill()
    killed_at = time.monotonic()
    at_kill = job_state(job.pk)
    assert at_kill.status == Job.RUNNING and at_kill.processed < 2000

    second = start_worker()
    # Picked up again: the reaper notices the stale heartbeat and the job gets a new claim.
    wait_for(lambda: job_state(job.pk).claim not in ("", at_kill.claim), 60, "a new claim", second)
    resumed_after = time.monotonic() - killed_at
    done = wait_for(lambda: job_state(job.pk).status == Job.FINISHED and job_state(job.pk), 120, "the end", second)

    # Not "running" with nobody behind it for longer than stale detection + reaper interval + one chunk
    # (+ the second worker's start-up, a few seconds).
    assert resumed_after < STALE_SECONDS + REAPER_SECONDS + 5 + 10, resumed_after
    assert (done.created, done.failed, done.skipped, done.processed) == (2000, 0, 0, 2000)
    items = JobItem.objects.filter(job=done)
    assert items.count() == 2000
    assert set(items.values_list("status", "outcome").distinct()) == {(JobItem.DONE, JobItem.CREATED)}
    emails = pool_emails(pool.id)
    assert len(emails) == 2000 and len(set(emails)) == 2000
    assert done.attempts >= 2


def test_throttling_never_fails_a_row(tmp_path, alice, start_worker):
    pool = build_pool(users=0)
    job = start_import(tmp_path, alice, pool.id, csv_rows(200, groups="staff"))
    worker = start_worker(CONSOLE_FAULT_THROTTLE_SHARE="0.3")
    done = wait_for(lambda: job_state(job.pk).status == Job.FINISHED and job_state(job.pk), 120, "the end", worker)
    assert (done.created, done.failed) == (200, 0)
    members = cognito().list_users_in_group(UserPoolId=pool.id, GroupName="staff", Limit=60)
    assert len(members["Users"]) == 60  # first page, and ...
    assert len(pool_emails(pool.id)) == 200
    # the injector really did throttle: membership audit shows refused attempts that were retried
    from console.audit.models import AuditEvent

    refused = AuditEvent.objects.filter(job_id=job.pk, action="group.add_member", error_code="TooManyRequestsException")
    assert refused.exists()


def test_a_job_started_while_redis_is_down_waits_then_runs(
    tmp_path, alice, admin_client, private_redis, start_worker, settings, worker_env
):
    pool = build_pool(users=0)
    private_redis.start()
    celery_app.conf.broker_url = private_redis.url
    celery_app.pool.force_close_all()
    private_redis.stop()

    job = start_import(tmp_path, alice, pool.id, csv_rows(20))
    job.refresh_from_db()
    assert job.status == Job.QUEUED and job.note == WAITING_NOTE
    page = admin_client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Redis is unreachable" in page and 'data-status="queued"' in page

    private_redis.start()
    worker = start_worker(redis_url=private_redis.url)
    done = wait_for(lambda: job_state(job.pk).status == Job.FINISHED and job_state(job.pk), 60, "the end", worker)
    assert done.created == 20 and done.note == ""


def test_cancel_stops_within_one_chunk(tmp_path, alice, start_worker):
    pool = build_pool(users=0)
    job = start_import(tmp_path, alice, pool.id, csv_rows(600))
    # 50 creations a second, so the job is still running when the cancel arrives.
    worker = start_worker(CONSOLE_RATE_QUOTAS="UserCreation=50")
    wait_for(lambda: job_state(job.pk).processed >= CHUNK, 60, "the first chunk", worker)
    asked = services.job_cancel(operator=alice, job=job_state(job.pk))
    done = wait_for(lambda: job_state(job.pk).status == Job.CANCELLED and job_state(job.pk), 30, "cancel", worker)
    assert done.processed - asked.processed <= CHUNK
    assert done.failed == 0 and done.created == done.processed
    assert done.cancelled == 600 - done.processed > 0
    assert JobItem.objects.filter(job=done, status=JobItem.CANCELLED).count() == done.cancelled
    assert len(pool_emails(pool.id)) == done.created
    assert done.finished_at - asked.heartbeat < timedelta(seconds=30)


class MutationSpy:
    """Records every Cognito operation this process sends."""

    def __init__(self):
        self.calls: list[str] = []

    def __call__(self, model=None, **kwargs):
        self.calls.append(model.name)

    @property
    def mutating(self):
        return [c for c in self.calls if not c.startswith(("Describe", "List", "Get", "AdminGet"))]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("email,given_name\nJos\xe9@example.com,x\n".encode("latin-1"), "not UTF-8 text (line 2)"),
        (b"a@example.com,Ann\nb@example.com,Bob\n", "not a header row"),
        (b"email,shoe_size\na@example.com,42\n", "Unknown column: shoe_size"),
        (b"email\na@example.com\nA@example.com\n", "appears more than once"),
        (b"email,phone_number\nnot-mail,+1\n", "Not an email address."),
        (b"email,phone_number\nok@example.com,0044 20 1234\n", "E.164"),
        (b"", "The submitted file is empty."),
        (b"email,given_name\n", "no rows"),
        (b"email,given_name\na@example.com\nb@example.com,Bob,extra\n", "fields; the header has 2"),
    ],
    ids=[
        "latin1",
        "no-header",
        "unknown-column",
        "duplicates",
        "bad-email",
        "bad-phone",
        "empty",
        "header-only",
        "ragged",
    ],
)
def test_bad_files_get_a_clear_message_and_change_nothing(emulator, admin_client, content, message):
    pool = build_pool(users=1)
    spy = MutationSpy()
    cognito().meta.events.register("before-call.cognito-identity-provider", spy)
    response = admin_client.post(
        reverse("jobs:import_upload", args=[pool.id]), {"file": SimpleUploadedFile("u.csv", content)}
    )
    pages = [response]
    if response.status_code == 302:
        pages.append(admin_client.get(response["Location"]))
        pages.append(admin_client.post(response["Location"], {"existing": "update", "invitations": "send"}))
    assert all(p.status_code < 500 for p in pages)
    assert any(message in p.content.decode() for p in pages), [p.content.decode()[-800:] for p in pages]
    assert not Job.objects.exists()
    assert spy.mutating == [] and spy.calls  # it did read the pool, and wrote nothing


def test_a_200_mb_file_is_refused_while_it_streams(emulator, admin_client):
    pool = build_pool(users=0)
    spy = MutationSpy()
    cognito().meta.events.register("before-call.cognito-identity-provider", spy)
    row = b"someone@example.com,Given,Family\n"
    big = b"email,given_name,family_name\n" + row * (200 * 1024 * 1024 // len(row))
    started = time.monotonic()
    response = admin_client.post(
        reverse("jobs:import_upload", args=[pool.id]), {"file": SimpleUploadedFile("big.csv", big)}
    )
    assert response.status_code == 413
    assert "larger than 100 MB" in response.content.decode()
    assert spy.mutating == []
    assert time.monotonic() - started < 30
