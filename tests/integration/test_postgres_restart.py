"""PostgreSQL restarted while an import runs: the job continues (or is resumed by
the reaper) and ends with every row done once — no lost rows, no duplicates.

PostgreSQL only; it restarts the machine's local cluster (as on CI), bounded by
timeouts, and makes sure the cluster is up again whatever happens."""

import os
import shutil
import subprocess
import time

import pytest
from django.db import connection
from django.db.utils import InterfaceError, OperationalError

from console.jobs.models import Job, JobItem
from tests.fixtures.cognito import build_pool
from tests.fixtures.services import missing_service
from tests.integration.test_jobs import csv_rows, pool_emails, start_import

pytestmark = [pytest.mark.integration, pytest.mark.postgres]
ROWS = 600


def _cluster() -> list[str]:
    if not shutil.which("pg_ctlcluster") or not os.path.isdir("/etc/postgresql"):
        missing_service("pg_ctlcluster is not available to restart PostgreSQL")
    versions = sorted(os.listdir("/etc/postgresql"))
    if not versions:
        missing_service("no local PostgreSQL cluster under /etc/postgresql")
    return ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main"]


def _pg(cluster, action: str) -> None:
    subprocess.run([*cluster, action], check=True, timeout=60, capture_output=True)


def _up(cluster) -> None:
    if subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"], timeout=10).returncode != 0:
        subprocess.run([*cluster, "start"], timeout=60, capture_output=True)
    for _ in range(100):
        if subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"], timeout=10).returncode == 0:
            return
        time.sleep(0.2)


def _state(job_id):
    """The job as stored; this process's connection died with the restart, so reconnect when needed."""
    try:
        return Job.objects.get(pk=job_id)
    except (OperationalError, InterfaceError):
        connection.close()
        return None


def _wait(predicate, timeout, what, worker):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}\n{worker.log()}")


def test_an_import_survives_a_postgres_restart(tmp_path, alice, start_worker):
    if connection.vendor != "postgresql":
        pytest.skip("restarts PostgreSQL: runs on PostgreSQL only (DATABASE_URL=postgres://...)")
    cluster = _cluster()
    pool = build_pool(users=0)
    worker = start_worker()
    job = start_import(tmp_path, alice, pool.id, csv_rows(ROWS))
    try:
        going = _wait(lambda: (s := _state(job.pk)) and s.processed >= 60 and s, 60, "the job to get going", worker)
        assert going.processed < ROWS, "the job ended before the restart: nothing was tested"
        _pg(cluster, "restart")
        connection.close()
        done = _wait(lambda: (s := _state(job.pk)) and s.status == Job.FINISHED and s, 120, "the end", worker)
    finally:
        _up(cluster)
        connection.close()
    assert done.processed == ROWS and done.failed == 0, worker.log()
    assert done.created + done.updated + done.skipped == ROWS
    assert not JobItem.objects.filter(job=done).exclude(status=JobItem.DONE).exists()
    emails = pool_emails(pool.id)
    assert len(emails) == ROWS and len(set(emails)) == ROWS  # every row once: none lost, none twice
