"""Cognito's own user import jobs (for migrations that must not use the API rate).

Cognito reads a CSV with exactly the columns GetCSVHeader gives, uploaded to a
pre-signed S3 URL; it writes its logs to CloudWatch through the given role.
"""

from dataclasses import dataclass
from datetime import datetime

import urllib3

from console.cognito import pagination
from console.cognito.client import cognito, limited_calls
from console.cognito.errors import CognitoError, translated
from console.cognito.pools import region_of

UPLOAD_HEADERS = {"x-amz-server-side-encryption": "aws:kms", "Content-Type": "text/csv"}


@dataclass
class NativeImportJob:
    id: str
    name: str
    status: str
    pool_id: str
    created: datetime | None = None
    started: datetime | None = None
    completed: datetime | None = None
    imported: int = 0
    skipped: int = 0
    failed: int = 0
    message: str = ""
    role_arn: str = ""
    upload_url: str = ""

    @property
    def active(self) -> bool:
        return self.status in ("Created", "Pending", "InProgress", "Stopping")


def _job(raw: dict) -> NativeImportJob:
    return NativeImportJob(
        id=raw["JobId"],
        name=raw.get("JobName", ""),
        status=raw.get("Status", ""),
        pool_id=raw.get("UserPoolId", ""),
        created=raw.get("CreationDate"),
        started=raw.get("StartDate"),
        completed=raw.get("CompletionDate"),
        imported=raw.get("ImportedUsers", 0) or 0,
        skipped=raw.get("SkippedUsers", 0) or 0,
        failed=raw.get("FailedUsers", 0) or 0,
        message=raw.get("CompletionMessage", "") or "",
        role_arn=raw.get("CloudWatchLogsRoleArn", "") or "",
        upload_url=raw.get("PreSignedUrl", "") or "",
    )


def _client(pool_id: str):
    return cognito(region_of(pool_id))


@limited_calls()
def csv_header(pool_id: str) -> list[str]:
    client = _client(pool_id)
    with translated("GetCSVHeader"):
        return list(client.get_csv_header(UserPoolId=pool_id)["CSVHeader"])


@limited_calls()
def native_job_create(pool_id: str, *, name: str, role_arn: str) -> NativeImportJob:
    client = _client(pool_id)
    with translated("CreateUserImportJob"):
        raw = client.create_user_import_job(UserPoolId=pool_id, JobName=name, CloudWatchLogsRoleArn=role_arn)
    return _job(raw["UserImportJob"])


@limited_calls()
def native_job_start(pool_id: str, job_id: str) -> NativeImportJob:
    client = _client(pool_id)
    with translated("StartUserImportJob"):
        return _job(client.start_user_import_job(UserPoolId=pool_id, JobId=job_id)["UserImportJob"])


@limited_calls()
def native_job_stop(pool_id: str, job_id: str) -> NativeImportJob:
    client = _client(pool_id)
    with translated("StopUserImportJob"):
        return _job(client.stop_user_import_job(UserPoolId=pool_id, JobId=job_id)["UserImportJob"])


@limited_calls()
def native_jobs_list(pool_id: str, *, limit: int = 60) -> list[NativeImportJob]:
    """The pool's import jobs, newest first (ListUserImportJobs has no paginator in boto3)."""
    region = region_of(pool_id)
    jobs, token = [], None
    while True:
        raw, token = pagination.page(
            "list_user_import_jobs",
            "UserImportJobs",
            "PaginationToken",
            "PaginationToken",
            token=token,
            region=region,
            UserPoolId=pool_id,
            MaxResults=60,
        )
        jobs += [_job(j) for j in raw]
        if not token or len(jobs) >= limit:
            break
    return sorted(jobs, key=lambda j: j.created or datetime.min, reverse=True)[:limit]


def native_job_upload(url: str, path: str, *, timeout: float = 300) -> None:
    """PUT the file to the pre-signed URL, streamed from disk, with the KMS header S3 requires."""
    import os

    size = os.path.getsize(path)
    http = urllib3.PoolManager(timeout=urllib3.Timeout(connect=10, read=timeout), retries=False)
    try:
        with open(path, "rb") as body:
            response = http.request(
                "PUT",
                url,
                body=body,
                headers={**UPLOAD_HEADERS, "Content-Length": str(size)},
                preload_content=True,
            )
    except urllib3.exceptions.HTTPError as exc:
        raise CognitoError(f"The file could not be uploaded to Cognito: {exc}", code="Unreachable", retryable=True)
    if response.status >= 300:
        raise CognitoError(
            f"The upload to Cognito's storage was refused (HTTP {response.status}).", code="UploadRefused"
        )
