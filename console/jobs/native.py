"""Cognito's native import jobs, as the operator asks for them (audited)."""

import csv
import os
import re
from functools import partial

from django.conf import settings

from console.accounts.permissions import check_perm, check_pool
from console.audit.services import audited
from console.cognito import imports

ROLE_ARN_RE = re.compile(r"^arn:aws[\w-]*:iam::\d{12}:role/[\w+=,.@/-]+$")


class NativeRefused(Exception):
    pass


def native_import_create(*, operator, pool_id: str, name: str, role_arn: str, path: str, reason: str = ""):
    """Create the job, upload the file to its pre-signed URL, and start it."""
    check_perm(operator, "run_imports")
    check_pool(operator, pool_id)
    role_arn = (role_arn or settings.CONSOLE_IMPORT_LOGS_ROLE_ARN or "").strip()
    if not ROLE_ARN_RE.match(role_arn):
        raise NativeRefused("A CloudWatch Logs role ARN (arn:aws:iam::<account>:role/<name>) is required.")
    name = (name or "").strip() or os.path.basename(path)
    expected = imports.csv_header(pool_id)
    with open(path, encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f), [])
    if [h.strip() for h in header] != expected:
        raise NativeRefused(
            "Cognito's own import needs exactly the columns of its CSV header, in order: " + ", ".join(expected)
        )
    params = {"name": name[:128], "role_arn": role_arn}
    create = partial(imports.native_job_create, pool_id, name=name[:128], role_arn=role_arn)
    job = audited("import.native_create", create, pool_id=pool_id, target=name, reason=reason, params=params)
    imports.native_job_upload(job.upload_url, path)
    start = partial(imports.native_job_start, pool_id, job.id)
    return audited("import.native_start", start, pool_id=pool_id, target=job.id, reason=reason, params=params)


def native_import_stop(*, operator, pool_id: str, job_id: str, reason: str = ""):
    check_perm(operator, "run_imports")
    check_pool(operator, pool_id)
    stop = partial(imports.native_job_stop, pool_id, job_id)
    return audited("import.native_stop", stop, pool_id=pool_id, target=job_id, reason=reason, params={})
