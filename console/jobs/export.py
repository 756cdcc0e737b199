"""The export kind: the users of a pool, a search or a group to one CSV file
(format: docs/CSV.md, "Writing").

One item stands for the file. The runner re-runs it whole if a worker dies (an export
changes nothing, so doing it again is safe); the file appears under its final name only
once complete. Groups come from ListUsersInGroup per group, not one call per user.
"""

import csv
import os
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from console.accounts.permissions import check_perm, check_pool
from console.cognito import groups as cognito_groups
from console.cognito import provisioning
from console.cognito.errors import CognitoError
from console.core.csvsafe import safe_cell
from console.jobs.bulk import describe_selection, query_of
from console.jobs.csvimport import NOT_SETTABLE
from console.jobs.kinds import Handler, Result, done, register
from console.jobs.lifecycle import job_create, job_started
from console.jobs.models import Job, JobItem
from console.jobs.progress import meter_record, meter_start
from console.jobs.retry import with_retries
from console.pools.selectors import pool_get
from console.users import selectors

READ_ONLY = ["status", "enabled", "created", "modified", "sub"]
# Attributes first in this order (the rest alphabetically, custom ones last).
LEADING = ["email", "email_verified", "phone_number", "phone_number_verified", "given_name", "family_name", "name"]
PAGE = 60
PROGRESS_SECONDS = 1.0  # between writes of the count so far (the job page polls every second)


def exports_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "exports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def export_columns(schema: provisioning.PoolSchema) -> list[str]:
    """username (unless the pool signs in by email or phone: then that attribute identifies the
    user and an import into such a pool refuses a username), attributes, groups, read-only ones."""
    names = [n for n in schema.attributes if n not in NOT_SETTABLE]
    names.sort(key=lambda n: (n not in LEADING, LEADING.index(n) if n in LEADING else 0, n.startswith("custom:"), n))
    head = [] if schema.username_attributes else ["username"]
    return [*head, *names, "groups", *READ_ONLY]


def _stamp(value) -> str:
    return value.isoformat() if value else ""


def user_row(user, columns: list[str], groups: list[str]) -> list[str]:
    fixed = {
        "username": user.username,
        "groups": ";".join(sorted(groups)),
        "status": user.status,
        "enabled": "true" if user.enabled else "false",
        "created": _stamp(user.created),
        "modified": _stamp(user.modified),
        "sub": user.sub,
    }
    return [safe_cell(fixed[c] if c in fixed else user.attributes.get(c, "")) for c in columns]


def memberships(pool_id: str) -> dict[str, list[str]]:
    """username -> group names, from ListUsersInGroup per group."""
    result: dict[str, list[str]] = {}
    for group in sorted(with_retries(provisioning.group_names, pool_id)):
        token = None
        while True:
            members, token = with_retries(cognito_groups.members_page, pool_id, group, limit=PAGE, token=token)
            for user in members:
                result.setdefault(user.username, []).append(group)
            if not token:
                break
    return result


def write_export(pool_id: str, selection: dict, out, *, on_progress=None) -> int:
    """Write the CSV to the open text file `out`; returns the number of users."""
    schema = with_retries(provisioning.pool_schema, pool_id)
    columns = export_columns(schema)
    groups = memberships(pool_id)
    writer = csv.writer(out)
    writer.writerow(columns)
    query = query_of(selection)
    count, token = 0, None
    while True:
        query.tokens = [token] if token else []
        page = with_retries(selectors.users_search, pool_id, query, limit=PAGE)
        writer.writerows(user_row(u, columns, groups.get(u.username, [])) for u in page.users)
        count += len(page.users)
        if on_progress:
            on_progress(count)
        token = page.next_token
        if not token:
            return count


@register(Job.KIND_EXPORT)
class ExportHandler(Handler):
    audit_prefix = "export"
    progress_unit = "users"
    meters_items = False  # one item stands for the file: the rate is in users, metered per page

    def progress_counts(self, job: Job) -> tuple[int, int | None, bool]:
        """Users written of the pool's estimated number, until the export has counted them all."""
        options = job.options or {}
        rows = options.get("rows") or 0
        if not job.active:
            return rows, rows, False
        estimate = options.get("estimated_users")
        if estimate and (options.get("selection") or {}).get("type") == "pool":
            return rows, max(estimate, rows), True
        return rows, None, False

    def process(self, job: Job, item: JobItem, context) -> Result:
        final = exports_dir() / f"job-{job.pk}.csv"
        part = final.with_suffix(".part")
        last = {"at": 0.0}
        meter_start(job.pk, 0)

        def progress(n):
            meter_record(job.pk, n)
            if time.monotonic() - last["at"] >= PROGRESS_SECONDS:
                last["at"] = time.monotonic()
                Job.objects.filter(pk=job.pk).update(options={**job.options, "rows": n})

        with open(part, "w", newline="", encoding="utf-8") as out:
            count = write_export(job.pool_id, job.options.get("selection") or {}, out, on_progress=progress)
        os.replace(part, final)
        job.options = {**job.options, "rows": count, "file": str(final)}
        Job.objects.filter(pk=job.pk).update(options=job.options)
        return done(JobItem.SUCCEEDED)

    def cleanup(self, job: Job) -> None:
        (exports_dir() / f"job-{job.pk}.part").unlink(missing_ok=True)

    def housekeep(self) -> dict:
        return {"exports_removed": exports_expire()}


def export_start(*, operator, pool_id: str, selection: dict, reason: str = "", enqueue: bool = True) -> Job:
    check_perm(operator, "export_users")
    check_pool(operator, pool_id)
    if selection.get("type") not in ("pool", "search", "group"):
        raise ValueError("selection")
    selectors.query_check(query_of(selection))
    what = "all users" if selection["type"] == "pool" else describe_selection(selection)
    try:
        # The page shows "of about N" until the export has counted (a cached DescribeUserPool).
        estimated = pool_get(pool_id).estimated_users
    except CognitoError:
        estimated = None
    with transaction.atomic():
        options = {"selection": selection, "rows": 0, "estimated_users": estimated}
        job = job_create(operator, Job.KIND_EXPORT, pool_id=pool_id, title=f"Export {what}", options=options, total=1)
        JobItem.objects.create(job=job, seq=1, key="export")
        job_started(job, operator=operator, reason=reason, params={"selection": what}, enqueue=enqueue)
    return job


def export_file(job: Job) -> Path | None:
    path = (job.options or {}).get("file")
    if job.kind != Job.KIND_EXPORT or job.status != Job.FINISHED or not path or not os.path.exists(path):
        return None
    return Path(path)


def exports_expire() -> int:
    """Export files older than CONSOLE_EXPORT_RETENTION_DAYS go (they hold personal data)."""
    before = timezone.now() - timedelta(days=settings.CONSOLE_EXPORT_RETENTION_DAYS)
    removed = 0
    for job in Job.objects.filter(kind=Job.KIND_EXPORT, finished_at__lt=before, options__has_key="file"):
        Path(job.options["file"]).unlink(missing_ok=True)
        options = {k: v for k, v in job.options.items() if k != "file"}
        Job.objects.filter(pk=job.pk).update(options={**options, "expired": True})
        removed += 1
    return removed
