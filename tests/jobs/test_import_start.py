"""Starting an import writes its items in short transactions while the job is PREPARING, so a
large file does not keep other requests waiting for the database (issue 11, item 3)."""

import json
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from console.cognito.client import cognito
from console.jobs import preparing, runner, services
from console.jobs.models import ImportUpload, Job, JobItem
from tests.jobs.conftest import write

LARGE = 100_000


def _upload(tmp_path, operator, pool_id, text):
    upload = services.store_path(operator=operator, pool_id=pool_id, source=write(tmp_path, text, "source.csv"))
    services.import_check(upload=upload)
    return upload


def _rows(n: int, start: int = 0) -> str:
    return "email\n" + "".join(f"new{i}@example.com\n" for i in range(start, start + n))


# Another process (a gunicorn worker) writing one row at a time, as a sign-in does; it prints
# how long each write waited for the database. A process, not a thread, so that only the
# database's lock is measured (a thread would also wait for this one's interpreter lock).
WRITER = """
import json, os, sqlite3, sys, time
db, table, pk, stop = sys.argv[1:5]
con = sqlite3.connect(db, timeout=60, isolation_level=None)
waits = []
while not os.path.exists(stop):
    began = time.monotonic()
    con.execute("BEGIN IMMEDIATE")
    con.execute(f"UPDATE {table} SET last_login = ? WHERE id = ?", (time.strftime("%Y-%m-%d %H:%M:%S"), pk))
    con.execute("COMMIT")
    waits.append(time.monotonic() - began)
    time.sleep(0.05)
print(json.dumps(waits))
"""


def _other_writer(tmp_path, operator):
    stop = tmp_path / "stop"
    db = connection.settings_dict["NAME"]
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), operator._meta.db_table, str(operator.pk), str(stop)],
        stdout=subprocess.PIPE,
        text=True,
    )

    def waits() -> list[float]:
        stop.touch()
        out, _ = process.communicate(timeout=120)
        return json.loads(out)

    return waits


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the database-wide write lock is SQLite's")
def test_it_keeps_other_writers_waiting_no_more_than_a_second_during_a_large_start(
    transactional_db, tmp_path, alice, vera, pool
):
    upload = _upload(tmp_path, alice, pool.id, _rows(LARGE))
    writes_during = _other_writer(tmp_path, vera)
    time.sleep(0.5)
    began = time.monotonic()
    job = services.import_start(operator=alice, upload=upload, suppress_invitations=True, enqueue=False)
    start_seconds = time.monotonic() - began
    waits = writes_during()

    print(f"start of {LARGE:,} rows: {start_seconds:.1f} s; other writes: {len(waits)}, "
          f"longest wait {max(waits):.2f} s")
    assert len(waits) >= 10, "the other process must have written while the start ran"
    # Relative, not timed: the old single transaction made the writer wait for the whole start;
    # short batches keep every wait a small fraction of it (about a second on an idle machine).
    assert max(waits) < start_seconds / 5, (max(waits), start_seconds)
    job.refresh_from_db()
    assert (job.status, job.total) == (Job.QUEUED, LARGE)
    assert JobItem.objects.filter(job=job).count() == LARGE
    assert not ImportUpload.objects.filter(pk=upload.pk, job=None).exists()


class _ProcessDied(BaseException):
    """What a killed worker looks like from inside: nothing after it runs."""


def _die_after_two_batches(monkeypatch):
    monkeypatch.setattr(preparing, "ITEM_BATCH", 5)
    real = JobItem.objects.bulk_create
    calls = []

    def bulk_create(objs, *args, **kwargs):
        created = real(objs, *args, **kwargs)
        calls.append(len(objs))
        if len(calls) == 2:
            raise _ProcessDied
        return created

    monkeypatch.setattr(JobItem.objects, "bulk_create", bulk_create)


@pytest.mark.parametrize("recovery", ["reaper", "next start"])
def test_a_start_that_died_half_way_is_discarded_and_started_again_every_row_once(
    db, tmp_path, alice, pool, monkeypatch, recovery
):
    upload = _upload(tmp_path, alice, pool.id, _rows(23))
    with monkeypatch.context() as dying:
        _die_after_two_batches(dying)
        with pytest.raises(_ProcessDied):
            services.import_start(operator=alice, upload=upload, suppress_invitations=True, enqueue=False)
    job = Job.objects.get()
    # The first batch was committed; the second died with its transaction.
    assert (job.status, JobItem.objects.filter(job=job).count()) == (Job.PREPARING, 5)
    # Half its items: no runner takes it, nobody cancels it, and a fresh start is not discarded.
    assert runner.job_claim(job.pk) is None
    with pytest.raises(services.ImportRefused, match="still writing"):
        services.job_cancel(operator=alice, job=job)
    monkeypatch.setattr("console.jobs.services.job_enqueue", lambda job_id: True)
    assert services.jobs_reap()["preparations_discarded"] == 0
    upload.refresh_from_db()
    with pytest.raises(services.ImportRefused, match="already imported"):
        services.import_start(operator=alice, upload=upload, suppress_invitations=True, enqueue=False)

    Job.objects.filter(pk=job.pk).update(heartbeat=timezone.now() - timedelta(hours=1))
    if recovery == "reaper":
        assert services.jobs_reap()["preparations_discarded"] == 1
        assert not Job.objects.exists() and not JobItem.objects.exists()
    upload.refresh_from_db()
    job = services.import_start(operator=alice, upload=upload, suppress_invitations=True, enqueue=False)

    assert Job.objects.get() == job and JobItem.objects.filter(job=job).count() == 23 == job.total
    assert runner.job_run(job_id=job.pk) == "finished"
    job.refresh_from_db()
    assert (job.created, job.processed, job.failed) == (23, 23, 0)
    emails = [
        next(a["Value"] for a in u["Attributes"] if a["Name"] == "email")
        for u in cognito().list_users(UserPoolId=pool.id)["Users"]
    ]
    new = [e for e in emails if e.startswith("new")]
    assert sorted(new) == sorted(f"new{i}@example.com" for i in range(23))


def test_a_refused_start_leaves_no_job_and_the_upload_can_start_again(db, tmp_path, alice, pool, monkeypatch):
    monkeypatch.setattr(preparing, "ITEM_BATCH", 2)
    upload = _upload(tmp_path, alice, pool.id, _rows(5) + "not-an-email\n")
    with pytest.raises(services.ImportRefused, match="1 row is invalid"):
        services.import_start(operator=alice, upload=upload, suppress_invitations=True, enqueue=False)
    assert not Job.objects.exists() and not JobItem.objects.exists() and upload.job is None
    upload.refresh_from_db()
    assert upload.job is None
    job = services.import_start(operator=alice, upload=upload, only_valid=True, enqueue=False)
    assert (job.status, job.total, JobItem.objects.filter(job=job).count()) == (Job.QUEUED, 5, 5)
