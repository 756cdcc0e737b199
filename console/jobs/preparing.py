"""Writing an import's items without holding the database.

Scanning a large file takes seconds to minutes; on SQLite one transaction around it kept every
other writer (a sign-in included) waiting, up to "database is locked" (issue 11, item 3). So the
items are written in short batches, each its own transaction, while the job stays PREPARING:
no runner claims such a job and the job page shows it as not started. Only once every item is
written does one short transaction set the total and queue it. A start that dies half-way
leaves a PREPARING job whose heartbeat goes stale; the reaper (or the next start of the same
upload) discards it and its items, so the upload can be started again: no row is lost (the
file stays until the job is queued) and none is written twice (a new job starts from nothing).
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from console.jobs import csvimport
from console.jobs.models import ImportUpload, Job, JobItem
from console.jobs.sealing import payload_sealed

log = logging.getLogger(__name__)

ITEM_BATCH = 500  # rows per transaction: a short hold of the write lock on SQLite, even under load
# After each batch the lock stays free at least as long as it was held (up to this): SQLite's
# busy handler polls, and a writer that re-takes the lock at once can starve the others.
YIELD_AT_MOST = 0.25
DISCARD_BATCH = 5000
HEARTBEAT_SECONDS = 5.0  # a long stretch of invalid rows writes no batch: the heartbeat still shows life


def items_write(job: Job, path: str, *, schema, groups, create_missing_groups: bool) -> tuple[csvimport.Report, int]:
    """One item per valid row of the file, in short transactions; returns the report and the count."""
    batch: list[JobItem] = []
    total = 0
    last_beat = time.monotonic()

    def flush():
        nonlocal last_beat
        began = time.monotonic()
        with transaction.atomic():
            JobItem.objects.bulk_create(batch)
            Job.objects.filter(pk=job.pk, status=Job.PREPARING).update(heartbeat=timezone.now())
        batch.clear()
        last_beat = time.monotonic()
        time.sleep(min(last_beat - began, YIELD_AT_MOST))

    def on_valid(row: csvimport.ParsedRow):
        nonlocal total
        batch.append(JobItem(job=job, seq=row.line, key=row.username[:255], payload=payload_sealed(row.payload())))
        total += 1
        if len(batch) >= ITEM_BATCH:
            flush()

    def on_progress(rows: int):
        nonlocal last_beat
        if time.monotonic() - last_beat > HEARTBEAT_SECONDS:
            Job.objects.filter(pk=job.pk, status=Job.PREPARING).update(heartbeat=timezone.now())
            last_beat = time.monotonic()

    report = csvimport.check_file(
        path,
        schema=schema,
        groups=groups,
        create_missing_groups=create_missing_groups,
        max_rows=settings.CONSOLE_IMPORT_MAX_ROWS,
        on_valid=on_valid,
        on_progress=on_progress,
    )
    if batch:
        flush()
    return report, total


def preparation_discard(job: Job) -> None:
    """Remove a job that never got all its items (refused, or its start died), batch by batch;
    its upload can be started again."""
    while True:
        ids = list(JobItem.objects.filter(job=job).values_list("pk", flat=True)[:DISCARD_BATCH])
        if not ids:
            break
        JobItem.objects.filter(pk__in=ids).delete()
    with transaction.atomic():
        ImportUpload.objects.filter(job=job).update(job=None)
        Job.objects.filter(pk=job.pk, status=Job.PREPARING).delete()


def preparation_stale(job: Job) -> bool:
    stale = timezone.now() - timedelta(seconds=settings.CONSOLE_JOB_STALE_SECONDS)
    return job.status == Job.PREPARING and (job.heartbeat is None or job.heartbeat < stale)


def preparations_reap() -> int:
    """Discard the preparations whose start died (heartbeat stale); returns how many."""
    stale = timezone.now() - timedelta(seconds=settings.CONSOLE_JOB_STALE_SECONDS)
    removed = 0
    for job in Job.objects.filter(status=Job.PREPARING, heartbeat__lt=stale):
        log.warning("job %s: its start died while writing its items; discarding it", job.pk)
        preparation_discard(job)
        removed += 1
    return removed
