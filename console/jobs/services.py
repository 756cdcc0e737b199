"""Jobs as the operator asks for them: check an upload, start, cancel; results."""

import csv
import logging
import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from console.accounts.permissions import check_perm, check_pool
from console.cognito import provisioning
from console.core.csvsafe import safe_cell, unguard_cell
from console.core.middleware import too_large_message
from console.jobs import csvimport, preparing
from console.jobs.kinds import handler_for, handlers_all
from console.jobs.lifecycle import job_audit, job_create, job_started
from console.jobs.models import ImportUpload, Job, JobItem
from console.jobs.queue import job_enqueue, jobs_enqueue_waiting

log = logging.getLogger(__name__)

LOST_AFTER_STALE_PERIODS = 5
ERROR_COLUMNS = ["line", "column", "value", "reason"]


class ImportRefused(Exception):
    """The import cannot start as asked; the message tells the operator why."""


def _imports_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


# --- Upload and check -----------------------------------------------------------


def upload_store(*, operator, pool_id: str, uploaded) -> ImportUpload:
    """Copy the upload to storage chunk by chunk (never whole in memory)."""
    check_perm(operator, "run_imports")
    check_pool(operator, pool_id)
    upload = ImportUpload(pool_id=pool_id, operator=operator, filename=os.path.basename(uploaded.name or "")[:255])
    path = _imports_dir() / f"{upload.token}.csv"
    size = 0
    with open(path, "wb") as out:
        for chunk in uploaded.chunks():
            size += len(chunk)
            if size > settings.CONSOLE_IMPORT_MAX_BYTES:
                out.close()
                path.unlink(missing_ok=True)
                raise ImportRefused(too_large_message())
            out.write(chunk)
    upload.path, upload.size = str(path), size
    upload.save()
    return upload


def store_path(*, operator, pool_id: str, source: str) -> ImportUpload:
    """The command line's way in: copy a local file to storage, streaming."""
    size = os.path.getsize(source)
    if size > settings.CONSOLE_IMPORT_MAX_BYTES:
        raise ImportRefused(too_large_message())

    class _File:
        name = source

        def chunks(self, size=1024 * 1024):
            with open(source, "rb") as f:
                while block := f.read(size):
                    yield block

    return upload_store(operator=operator, pool_id=pool_id, uploaded=_File())


def import_check(*, upload: ImportUpload, create_missing_groups: bool = False, on_progress=None) -> dict:
    """Check every row against the pool; writes the errors CSV and stores the report."""
    schema = provisioning.pool_schema(upload.pool_id)
    groups = provisioning.group_names(upload.pool_id)
    errors_path = Path(upload.path).with_suffix(".errors.csv")
    with open(errors_path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(ERROR_COLUMNS)

        def on_error(e: csvimport.RowError):
            writer.writerow([e.line, safe_cell(e.column), safe_cell(e.value[:200]), safe_cell(e.reason)])

        report = csvimport.check_file(
            upload.path,
            schema=schema,
            groups=groups,
            create_missing_groups=create_missing_groups,
            max_rows=settings.CONSOLE_IMPORT_MAX_ROWS,
            on_error=on_error,
            on_progress=on_progress,
        )
    upload.errors_path = str(errors_path)
    upload.report = {**report.as_dict(), "create_missing_groups": create_missing_groups}
    upload.save(update_fields=["errors_path", "report"])
    return upload.report


def upload_errors(upload: ImportUpload, *, offset: int = 0, limit: int = 50) -> list[dict]:
    """A page of the errors CSV, read as a stream."""
    if not upload.errors_path or not os.path.exists(upload.errors_path):
        return []
    rows = []
    with open(upload.errors_path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader, None)
        for index, row in enumerate(reader):
            if index < offset:
                continue
            if index >= offset + limit:
                break
            # The file is formula-safe for spreadsheets; the page shows the values as they were.
            rows.append(dict(zip(ERROR_COLUMNS, [unguard_cell(c) for c in row], strict=False)))
    return rows


def template_csv(pool_id: str) -> list[list[str]]:
    """Header and one example row for the pool's schema."""
    schema = provisioning.pool_schema(pool_id)
    header = [] if schema.username_attributes else ["username"]
    common = ["email", "email_verified", "phone_number", "phone_number_verified", "given_name", "family_name"]
    required = sorted(n for n, a in schema.attributes.items() if a.required and n not in csvimport.NOT_SETTABLE)
    custom = sorted(n for n, a in schema.attributes.items() if a.custom)
    for name in [*schema.username_attributes, *required, *common, *custom]:
        if name not in header:
            header.append(name)
    header += ["groups", "temporary_password"]
    examples = {
        "username": "jdoe",
        "email": "jane.doe@example.com",
        "email_verified": "true",
        "phone_number": "+14155550100",
        "given_name": "Jane",
        "family_name": "Doe",
        "name": "Jane Doe",
        "preferred_username": "jane",
        "locale": "en-US",
        "birthdate": "1990-01-31",
        "groups": "staff;customers",
        "temporary_password": "",
    }
    # Guarded like every CSV cell (a spreadsheet reads +14155550100 as a number); the importer unguards.
    example = [safe_cell(examples.get(c, "")) for c in header]
    return [header, example]


# --- Start ----------------------------------------------------------------------


def import_start(
    *,
    operator,
    upload: ImportUpload,
    existing: str = "skip",
    suppress_invitations: bool = False,
    create_missing_groups: bool = False,
    only_valid: bool = False,
    reason: str = "",
    enqueue: bool = True,
) -> Job:
    """Turn a checked upload into a Job with one item per valid row, and enqueue it after commit.

    The items are written in short transactions while the job is PREPARING (console.jobs.preparing),
    so a large file does not keep other requests waiting for the database."""
    check_perm(operator, "run_imports")
    check_pool(operator, upload.pool_id)
    _upload_free(upload)
    if existing not in ("skip", "update", "fail"):
        raise ImportRefused("Choose what to do with users that already exist.")
    if not upload.path or not os.path.exists(upload.path):
        raise ImportRefused("The uploaded file is gone; upload it again.")
    schema = provisioning.pool_schema(upload.pool_id)
    groups = provisioning.group_names(upload.pool_id)
    job = _import_job_create(
        operator=operator,
        upload=upload,
        options={
            "existing": existing,
            "suppress_invitations": suppress_invitations,
            "create_missing_groups": create_missing_groups,
            "filename": upload.filename,
            # The job page links the check's report of the rows left out (kept with the upload).
            "upload": upload.token,
        },
    )
    try:
        report, total = preparing.items_write(
            job, upload.path, schema=schema, groups=groups, create_missing_groups=create_missing_groups
        )
        _refuse_unless_startable(report, total, only_valid=only_valid)
    except Exception:
        preparing.preparation_discard(job)
        upload.job = None
        raise
    header = [c.header for c in report.columns if c.kind not in ("password", "ignored")]
    with transaction.atomic():
        options = {
            **job.options,
            "header": header,
            "missing_groups": sorted(report.missing_groups),
            "invalid_rows": report.invalid,
        }
        if not Job.objects.filter(pk=job.pk, status=Job.PREPARING).update(
            status=Job.QUEUED, total=total, options=options, heartbeat=None
        ):
            raise ImportRefused("Writing the rows took too long and the start was given up; start it again.")
        job.refresh_from_db()
        params = {
            "file": upload.filename,
            "rows": total,
            "invalid_rows": report.invalid,
            "existing": existing,
            "suppress_invitations": suppress_invitations,
            "create_missing_groups": create_missing_groups,
        }
        job_started(job, operator=operator, reason=reason, params=params, enqueue=enqueue)
    # The rows now live in the job's items; the file (which may hold passwords) goes.
    Path(upload.path).unlink(missing_ok=True)
    return job


def _upload_free(upload: ImportUpload) -> None:
    """Refuse an upload already imported; a start of it that died half-way does not count
    (its leftovers go, and this start does it again)."""
    if upload.job_id:
        previous = Job.objects.filter(pk=upload.job_id).first()
        if previous is None or not preparing.preparation_stale(previous):
            raise ImportRefused("This file was already imported (see its job).")
        preparing.preparation_discard(previous)
        upload.job = None


def _import_job_create(*, operator, upload: ImportUpload, options: dict) -> Job:
    """The PREPARING job, tied to its upload in the same transaction (a second start is refused)."""
    with transaction.atomic():
        job = job_create(
            operator,
            Job.KIND_IMPORT,
            pool_id=upload.pool_id,
            title=upload.filename or "CSV import",
            options=options,
            status=Job.PREPARING,
            heartbeat=timezone.now(),
        )
        if not ImportUpload.objects.filter(pk=upload.pk, job=None).update(job=job):
            raise ImportRefused("This file was already imported (see its job).")
    upload.job = job
    return job


def _refuse_unless_startable(report: csvimport.Report, total: int, *, only_valid: bool) -> None:
    if report.problem:
        raise ImportRefused(report.problem)
    if report.invalid and not only_valid:
        rows = "1 row is" if report.invalid == 1 else f"{report.invalid:,} rows are"
        raise ImportRefused(f"{rows} invalid. Fix them and upload again, or import only the valid rows.")
    if not total:
        raise ImportRefused("No valid rows to import.")


# --- Cancel, reap ---------------------------------------------------------------


def job_cancel(*, operator, job: Job, reason: str = "") -> Job:
    """Ask a job to stop; a queued job stops at once, a running one after its current chunk."""
    _check_job_perm(operator, job)
    if job.status == Job.PREPARING:
        raise ImportRefused("The job is still writing its rows; cancel it once it is queued.")
    now = timezone.now()
    if Job.objects.filter(pk=job.pk, status=Job.QUEUED).update(status=Job.CANCELLING):
        pass
    elif not Job.objects.filter(pk=job.pk, status=Job.RUNNING).update(status=Job.CANCELLING):
        raise ImportRefused("The job has already ended.")
    job.refresh_from_db()
    if job.status == Job.CANCELLING and (job.heartbeat is None or not job.claim):
        # Nobody runs it: end it here rather than wait for a worker.
        with transaction.atomic():
            n = JobItem.objects.filter(job=job, status__in=JobItem.OPEN).update(
                status=JobItem.CANCELLED, outcome=JobItem.OUTCOME_CANCELLED, updated_at=now
            )
            Job.objects.filter(pk=job.pk, status=Job.CANCELLING, claim="").update(
                status=Job.CANCELLED, cancelled=n, finished_at=now
            )
        handler_for(job.kind).cleanup(job)
    job_audit(job, "cancel", operator=operator, reason=reason)
    job.refresh_from_db()
    return job


def _check_job_perm(operator, job: Job) -> None:
    check_perm(operator, Job.PERMISSIONS[job.kind])
    check_pool(operator, job.pool_id)


def jobs_reap() -> dict:
    """Re-enqueue jobs whose runner died (stale heartbeat) and jobs that never reached the queue."""
    stale = timezone.now() - timedelta(seconds=settings.CONSOLE_JOB_STALE_SECONDS)
    revived = 0
    for job_id in Job.objects.filter(status__in=[Job.RUNNING, Job.CANCELLING], heartbeat__lt=stale).values_list(
        "pk", flat=True
    ):
        log.warning("job %s: heartbeat stale, re-enqueuing", job_id)
        revived += job_enqueue(job_id)
    # Queued jobs sent long ago but never claimed: their message may have been lost with a Redis
    # restart. They may also just wait behind a long job, so only every few stale periods
    # (a duplicate message is harmless: the claim lets one runner in).
    lost_before = timezone.now() - timedelta(seconds=settings.CONSOLE_JOB_STALE_SECONDS * LOST_AFTER_STALE_PERIODS)
    lost = Job.objects.filter(status=Job.QUEUED, enqueued_at__lt=lost_before)
    for job_id in lost.values_list("pk", flat=True):
        revived += job_enqueue(job_id)
    waiting = jobs_enqueue_waiting()
    removed: dict = {}
    for handler in handlers_all():
        removed.update(handler.housekeep())
    return {"revived": revived, "waiting_sent": waiting, "uploads_removed": uploads_expire(), **removed}


def uploads_expire(max_age: timedelta = timedelta(days=1)) -> int:
    """Files checked but never imported go after a day (they may hold temporary passwords)."""
    removed = 0
    for upload in ImportUpload.objects.filter(created_at__lt=timezone.now() - max_age).exclude(path=""):
        for path in (upload.path, upload.errors_path):
            if path:
                Path(path).unlink(missing_ok=True)
        upload.path = ""
        upload.save(update_fields=["path"])
        removed += 1
    return removed


# --- Results --------------------------------------------------------------------


def job_results_rows(job: Job, *, failures_only: bool = False) -> Iterator[list[str]]:
    """Rows of the results CSV (every row with outcome and reason) or of the
    failures CSV (the original columns only, so it can be fixed and imported again)."""
    header = (job.options or {}).get("header") or ["username"]
    items = JobItem.objects.filter(job=job).order_by("seq")
    # The header is the file's, as written (the importer accepts "\temail"): guarded like any cell.
    safe_header = [safe_cell(h) for h in header]
    if failures_only:
        items = items.filter(status=JobItem.FAILED)
        yield safe_header
    else:
        yield ["line", "username", "outcome", "reason", *safe_header]
    for item in items.iterator(chunk_size=2000):
        row = item.payload.get("row") or {"username": item.key}
        values = [safe_cell(row.get(h, "")) for h in header]
        if failures_only:
            yield values
        else:
            outcome = item.outcome or item.status
            yield [str(item.seq), safe_cell(item.key), outcome, safe_cell(item.error), *values]


def job_latest_failures(job: Job, limit: int = 10) -> list[JobItem]:
    return list(JobItem.objects.filter(job=job, status=JobItem.FAILED).order_by("-updated_at", "-seq")[:limit])
