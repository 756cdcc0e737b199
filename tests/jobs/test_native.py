"""Cognito's native import jobs: moto lacks them, so botocore's Stubber checks every
request against the real API model, and a local HTTP server stands in for S3."""

import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from botocore.stub import Stubber
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from console.audit.models import AuditEvent
from console.cognito import imports
from console.cognito.client import cognito
from console.cognito.errors import CognitoError

pytestmark = pytest.mark.django_db

POOL = "us-east-1_Native1"
ROLE = "arn:aws:iam::123456789012:role/CognitoImportLogs"
HEADER = ["name", "given_name", "email", "email_verified", "cognito:mfa_enabled", "cognito:username"]


class FakeS3:
    """Accepts PUTs and remembers their headers and bodies."""

    def __init__(self, status=200):
        received = self.received = []

        class Handler(BaseHTTPRequestHandler):
            def do_PUT(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                received.append({"path": self.path, "headers": dict(self.headers), "body": body})
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/upload?X-Amz-Signature=abc"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def job(status="Created", url="", **extra):
    return {
        "JobName": "migration",
        "JobId": "import-abc123",
        "UserPoolId": POOL,
        "PreSignedUrl": url,
        "CreationDate": datetime(2026, 1, 1, tzinfo=UTC),
        "Status": status,
        "CloudWatchLogsRoleArn": ROLE,
        **extra,
    }


@pytest.fixture
def stub(settings):
    settings.CONSOLE_RATE_LIMITS_ENABLED = False
    client = cognito("us-east-1")
    with Stubber(client) as stubber:
        yield stubber
        stubber.assert_no_pending_responses()


def test_it_creates_uploads_and_starts_a_job(admin_client, stub, settings):
    with FakeS3() as s3:
        stub.add_response("get_csv_header", {"UserPoolId": POOL, "CSVHeader": HEADER}, {"UserPoolId": POOL})
        stub.add_response(
            "create_user_import_job",
            {"UserImportJob": job(url=s3.url)},
            {"UserPoolId": POOL, "JobName": "migration", "CloudWatchLogsRoleArn": ROLE},
        )
        stub.add_response(
            "start_user_import_job", {"UserImportJob": job("Pending")}, {"UserPoolId": POOL, "JobId": "import-abc123"}
        )
        stub.add_response(
            "list_user_import_jobs", {"UserImportJobs": [job("Pending")]}, {"UserPoolId": POOL, "MaxResults": 60}
        )
        csv_body = (",".join(HEADER) + "\nJane,Jane,jane@example.com,true,false,jane\n").encode()
        response = admin_client.post(
            reverse("jobs:native_list", args=[POOL]),
            {"name": "migration", "role_arn": ROLE, "file": SimpleUploadedFile("m.csv", csv_body), "reason": "MIG-1"},
            follow=True,
        )
    assert response.status_code == 200
    assert "import-abc123 started" in response.content.decode()
    assert len(s3.received) == 1
    put = s3.received[0]
    assert put["headers"]["x-amz-server-side-encryption"] == "aws:kms"
    assert put["body"] == csv_body and put["path"].startswith("/upload?X-Amz-Signature=")
    actions = list(AuditEvent.objects.order_by("id").values_list("action", "outcome", "reason"))
    assert ("import.native_create", "success", "MIG-1") in actions
    assert ("import.native_start", "success", "MIG-1") in actions


def test_it_refuses_a_file_without_cognitos_header_before_creating_a_job(admin_client, stub):
    stub.add_response("get_csv_header", {"UserPoolId": POOL, "CSVHeader": HEADER}, {"UserPoolId": POOL})
    stub.add_response("list_user_import_jobs", {}, {"UserPoolId": POOL, "MaxResults": 60})
    response = admin_client.post(
        reverse("jobs:native_list", args=[POOL]),
        {"role_arn": ROLE, "file": SimpleUploadedFile("m.csv", b"email\njane@example.com\n")},
    )
    assert response.status_code == 400
    assert "exactly the columns" in response.content.decode()


def test_it_requires_a_role_arn(admin_client, stub, settings):
    settings.CONSOLE_IMPORT_LOGS_ROLE_ARN = ""
    stub.add_response("list_user_import_jobs", {}, {"UserPoolId": POOL, "MaxResults": 60})
    response = admin_client.post(
        reverse("jobs:native_list", args=[POOL]), {"file": SimpleUploadedFile("m.csv", b"x\n1\n")}
    )
    assert "role ARN" in response.content.decode()


def test_it_lists_and_stops_jobs(admin_client, stub):
    listed = [job("InProgress", ImportedUsers=10, SkippedUsers=1, FailedUsers=2), job("Succeeded", JobId="import-old")]
    stub.add_response("list_user_import_jobs", {"UserImportJobs": listed}, {"UserPoolId": POOL, "MaxResults": 60})
    body = admin_client.get(reverse("jobs:native_list", args=[POOL])).content.decode()
    assert "import-abc123" in body and "InProgress" in body and "<td>10</td>" in body
    assert 'hx-trigger="every 5s"' in body
    stub.add_response(
        "stop_user_import_job", {"UserImportJob": job("Stopping")}, {"UserPoolId": POOL, "JobId": "import-abc123"}
    )
    response = admin_client.post(reverse("jobs:native_stop", args=[POOL, "import-abc123"]))
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="import.native_stop", target="import-abc123").exists()


def test_it_offers_cognitos_header(admin_client, stub):
    stub.add_response("get_csv_header", {"UserPoolId": POOL, "CSVHeader": HEADER}, {"UserPoolId": POOL})
    response = admin_client.get(reverse("jobs:native_header", args=[POOL]))
    assert b"".join(response.streaming_content).decode().strip() == ",".join(HEADER)


def test_it_reads_a_failed_job_and_refuses_a_refused_upload(stub, tmp_path):
    stub.add_response(
        "list_user_import_jobs",
        {"UserImportJobs": [job("Failed", CompletionMessage="Bad row 3", FailedUsers=1)]},
        {"UserPoolId": POOL, "MaxResults": 60},
    )
    (described,) = imports.native_jobs_list(POOL)
    assert (described.status, described.failed, described.message) == ("Failed", 1, "Bad row 3")
    path = tmp_path / "m.csv"
    path.write_text("x\n")
    with FakeS3(status=403) as s3, pytest.raises(CognitoError, match="HTTP 403"):
        imports.native_job_upload(s3.url, str(path))


def test_helpdesk_cannot_use_native_imports(helpdesk_client):
    assert helpdesk_client.get(reverse("jobs:native_list", args=[POOL])).status_code == 403
