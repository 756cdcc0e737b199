"""The emulator runs Cognito's own import jobs (GetCSVHeader, Create/Start/Stop/ListUserImportJobs),
which plain moto lacks, through the console's gateway: the header, the upload to the pre-signed URL,
the users created in RESET_REQUIRED, and the states a job may be stopped in."""

import pytest

from console.cognito import imports
from console.cognito.client import cognito
from console.cognito.errors import CognitoError
from tests.fixtures.cognito import build_pool

ROLE = "arn:aws:iam::123456789012:role/CognitoImportLogs"


@pytest.fixture
def epool(emulator, settings):
    settings.CONSOLE_RATE_LIMITS_ENABLED = False
    return build_pool(users=1)


def csv_file(tmp_path, header, rows) -> str:
    path = tmp_path / "users.csv"
    lines = [",".join(header)] + [",".join(row.get(h, "") for h in header) for row in rows]
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def test_it_imports_the_uploaded_users_in_reset_required(epool, tmp_path):
    header = imports.csv_header(epool.id)
    assert header[-2:] == ["cognito:mfa_enabled", "cognito:username"] and "custom:department" in header
    rows = [
        {"cognito:username": "new1@example.com", "email": "new1@example.com", "email_verified": "true",
         "custom:department": "Sales", "cognito:mfa_enabled": "false"},
        {"cognito:username": "new2@example.com", "email": "new2@example.com", "cognito:mfa_enabled": "false"},
        # A duplicate of the first row: refused, counted as failed.
        {"cognito:username": "new1@example.com", "email": "new1@example.com", "cognito:mfa_enabled": "false"},
    ]
    job = imports.native_job_create(epool.id, name="migration", role_arn=ROLE)
    assert job.status == "Created" and job.upload_url
    imports.native_job_upload(job.upload_url, csv_file(tmp_path, header, rows))
    done = imports.native_job_start(epool.id, job.id)
    assert (done.status, done.imported, done.failed) == ("Succeeded", 2, 1)
    user = cognito().admin_get_user(UserPoolId=epool.id, Username="new1@example.com")
    assert user["UserStatus"] == "RESET_REQUIRED"
    assert {"Name": "custom:department", "Value": "Sales"} in user["UserAttributes"]
    [listed] = imports.native_jobs_list(epool.id)
    assert (listed.id, listed.status, listed.name, listed.role_arn) == (job.id, "Succeeded", "migration", ROLE)
    with pytest.raises(CognitoError) as refused:
        imports.native_job_stop(epool.id, job.id)
    assert refused.value.code == "InvalidParameterException"


def test_a_job_without_its_file_fails_and_a_created_job_can_be_stopped(epool):
    empty = imports.native_job_create(epool.id, name="nothing uploaded", role_arn=ROLE)
    failed = imports.native_job_start(epool.id, empty.id)
    assert failed.status == "Failed" and "No file" in failed.message
    waiting = imports.native_job_create(epool.id, name="stopped", role_arn=ROLE)
    assert imports.native_job_stop(epool.id, waiting.id).status == "Stopped"
    with pytest.raises(CognitoError) as missing:
        imports.native_job_start(epool.id, "import-nosuchjob")
    assert missing.value.code == "ResourceNotFoundException"


def test_a_restarted_emulator_replays_an_import_with_the_same_job(tmp_path, settings, monkeypatch):
    """make run's emulator keeps its state by replaying recorded requests: the upload and the job id too."""
    from console.cognito.client import reset_clients
    from console.emulator.server import EMULATOR_ENV, EmulatorServer

    for key, value in EMULATOR_ENV.items():
        monkeypatch.setenv(key, value)
    settings.CONSOLE_RATE_LIMITS_ENABLED = False
    state = tmp_path / "state.jsonl"
    with EmulatorServer(state_file=state) as server:
        settings.CONSOLE_COGNITO_ENDPOINT_URL = server.url
        reset_clients()
        pool = build_pool(users=0)
        header = imports.csv_header(pool.id)
        job = imports.native_job_create(pool.id, name="migration", role_arn=ROLE)
        rows = [{"cognito:username": "kept@example.com", "email": "kept@example.com", "cognito:mfa_enabled": "false"}]
        imports.native_job_upload(job.upload_url, csv_file(tmp_path, header, rows))
        imports.native_job_start(pool.id, job.id)
    with EmulatorServer(port=server.port, state_file=state) as again:
        reset_clients()
        assert again.restored
        [listed] = imports.native_jobs_list(pool.id)
        assert (listed.id, listed.imported) == (job.id, 1)
        assert cognito().admin_get_user(UserPoolId=pool.id, Username="kept@example.com")["UserStatus"] == (
            "RESET_REQUIRED"
        )
    reset_clients()
