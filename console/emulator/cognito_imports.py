"""Cognito's own user import jobs for the emulator (issue 13, item 7): moto has none of GetCSVHeader,
CreateUserImportJob, StartUserImportJob, StopUserImportJob or ListUserImportJobs. As Cognito documents:
- GetCSVHeader gives the standard attributes, the pool's custom ones, cognito:mfa_enabled and
  cognito:username;
- a job is Created with a pre-signed URL; here that is the emulator's own S3 (moto answers the PUT);
- starting it reads the file and creates each row's user in RESET_REQUIRED (they choose a password
  at their first sign-in); a row that fails (an existing username, a bad value) counts as failed;
  the emulator finishes the job at once (Succeeded, or Failed when no file was uploaded);
- only a Created, Pending or InProgress job can be stopped.
Applied by console.emulator.cognito_fixes.apply(), in the emulator process only.
"""

import csv
import io
import json

from moto.cognitoidp import models
from moto.core.exceptions import JsonRESTError
from moto.core.responses import ActionResult
from moto.core.utils import utcnow
from moto.moto_api._internal import mock_random  # seeded: a replayed emulator makes the same job ids

BUCKET = "console-emulator-user-imports"
STANDARD = (
    "name given_name family_name middle_name nickname preferred_username profile picture website email "
    "email_verified gender birthdate zoneinfo locale phone_number phone_number_verified address updated_at"
).split()
STOPPABLE = ("Created", "Pending", "InProgress")


class _Error(JsonRESTError):
    def __init__(self, code: str, message: str):
        super().__init__(error_type=code, message=message)


def _pool(response):
    params = json.loads(response.body)
    return response.backend.describe_user_pool(params["UserPoolId"]), params


def _jobs(pool) -> dict:
    return pool.__dict__.setdefault("console_import_jobs", {})


def _job(pool, params) -> dict:
    job = _jobs(pool).get(params.get("JobId", ""))
    if job is None:
        raise _Error("ResourceNotFoundException", "Import job does not exist.")
    return job


def _s3(response):
    from moto.s3.models import s3_backends

    backend = s3_backends[response.current_account]["aws"]
    if BUCKET not in backend.buckets:
        backend.create_bucket(BUCKET, "us-east-1")
    return backend


def get_csv_header(self):
    pool, _ = _pool(self)
    custom = [name for name in pool.schema_attributes if name.startswith("custom:")]
    header = [*STANDARD, *custom, "cognito:mfa_enabled", "cognito:username"]
    return ActionResult({"UserPoolId": pool.id, "CSVHeader": header})


def create_user_import_job(self):
    pool, params = _pool(self)
    job_id = f"import-{mock_random.uuid4().hex[:10]}"
    _s3(self)  # the bucket the pre-signed URL names
    job = {
        "JobName": params.get("JobName", ""),
        "JobId": job_id,
        "UserPoolId": pool.id,
        "PreSignedUrl": f"http://{self.headers.get('Host', '127.0.0.1')}/{BUCKET}/{job_id}.csv",
        "CreationDate": utcnow(),
        "Status": "Created",
        "CloudWatchLogsRoleArn": params.get("CloudWatchLogsRoleArn", ""),
        "ImportedUsers": 0,
        "SkippedUsers": 0,
        "FailedUsers": 0,
    }
    _jobs(pool)[job_id] = job
    return ActionResult({"UserImportJob": job})


def _import_row(backend, pool, row: dict) -> bool:
    username = (row.pop("cognito:username", "") or "").strip()
    row.pop("cognito:mfa_enabled", None)
    attributes = [{"Name": k, "Value": v} for k, v in row.items() if k and v]
    try:
        user = backend.admin_create_user(pool.id, username, "SUPPRESS", None, attributes)
    except JsonRESTError:
        return False
    user.status = models.UserStatus.RESET_REQUIRED
    return True


def start_user_import_job(self):
    pool, params = _pool(self)
    job = _job(pool, params)
    if job["Status"] != "Created":
        raise _Error("InvalidParameterException", f"The job is {job['Status']}: only a Created job can start.")
    job["StartDate"] = utcnow()
    try:
        text = _s3(self).get_object(BUCKET, f"{job['JobId']}.csv").value.decode("utf-8-sig")
    except (KeyError, AttributeError, JsonRESTError):
        text = None
    if text is None:
        job.update(Status="Failed", CompletionMessage="No file was uploaded to the job's pre-signed URL.")
    else:
        results = [_import_row(self.backend, pool, row) for row in csv.DictReader(io.StringIO(text))]
        job.update(
            Status="Succeeded",
            ImportedUsers=results.count(True),
            FailedUsers=results.count(False),
            CompletionMessage="The user import job has completed.",
        )
    job["CompletionDate"] = utcnow()
    return ActionResult({"UserImportJob": job})


def stop_user_import_job(self):
    pool, params = _pool(self)
    job = _job(pool, params)
    if job["Status"] not in STOPPABLE:
        raise _Error("InvalidParameterException", f"The job is {job['Status']}: it cannot be stopped.")
    job.update(Status="Stopped", CompletionDate=utcnow(), CompletionMessage="Stopped by the operator.")
    return ActionResult({"UserImportJob": job})


def list_user_import_jobs(self):
    pool, _ = _pool(self)
    return ActionResult({"UserImportJobs": list(_jobs(pool).values())})


HANDLERS = (get_csv_header, create_user_import_job, start_user_import_job, stop_user_import_job, list_user_import_jobs)
