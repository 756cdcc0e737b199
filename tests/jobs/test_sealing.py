"""Temporary passwords from an import file are encrypted while their rows wait, and leave the
database as soon as their row is done (issue 11, item 10)."""

import pytest
from django.db import connection

from console.cognito import provisioning
from console.jobs import runner, sealing
from console.jobs.importer import ImportHandler
from console.jobs.models import JobItem
from tests.jobs.factories import start_import

pytestmark = pytest.mark.django_db

TEXT = "email,temporary_password\nnew1@example.com,Temp-Pass-123!\nnew2@example.com,\n"


def _stored_payloads(job) -> str:
    """The payload column as the database holds it (what a backup or a stolen file shows)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT payload FROM {JobItem._meta.db_table} WHERE job_id = %s", [job.pk])
        return " ".join(str(row[0]) for row in cursor.fetchall())


def test_it_stores_no_password_in_clear_and_sends_it_to_cognito(tmp_path, alice, pool, monkeypatch):
    job = start_import(tmp_path, alice, pool.id, TEXT, suppress_invitations=True)
    stored = _stored_payloads(job)
    assert "Temp-Pass" not in stored and sealing.SEALED_KEY in stored
    sent = []
    real = provisioning.user_create
    monkeypatch.setattr(
        provisioning, "user_create", lambda *a, **kw: (sent.append(kw["temporary_password"]), real(*a, **kw))[1]
    )
    assert runner.job_run(job_id=job.pk) == "finished"
    assert sorted(sent) == ["", "Temp-Pass-123!"]
    assert sealing.SEALED_KEY not in _stored_payloads(job)


def test_it_erases_the_password_with_the_rows_outcome_not_at_the_end_of_the_job(tmp_path, alice, pool):
    job = start_import(tmp_path, alice, pool.id, TEXT, suppress_invitations=True)
    handler = ImportHandler()
    context = handler.prepare(job)
    with_password = JobItem.objects.get(job=job, key="new1@example.com")
    result = handler.process(job, with_password, context)
    assert result.outcome == JobItem.CREATED
    assert result.payload is not None and sealing.SEALED_KEY not in result.payload
    assert result.payload["username"] == "new1@example.com"
    # A row without a password costs no extra write.
    assert handler.process(job, JobItem.objects.get(job=job, key="new2@example.com"), context).payload is None


def test_a_failed_row_loses_its_password_too(tmp_path, alice, pool):
    text = "email,temporary_password\nuser0@example.com,Temp-Pass-123!\n"  # already in the pool
    job = start_import(tmp_path, alice, pool.id, text, existing="fail", suppress_invitations=True)
    handler = ImportHandler()
    item = JobItem.objects.get(job=job)
    result = handler.process(job, item, handler.prepare(job))
    assert result.status == JobItem.FAILED and sealing.SEALED_KEY not in result.payload


def test_a_rotated_secret_key_still_reads_waiting_rows_through_its_fallback(settings):
    token = sealing.seal("Temp-Pass-123!")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-" + "x" * 40
    assert sealing.unseal(token) == "Temp-Pass-123!"


def test_a_row_no_key_can_read_fails_with_a_message_not_the_token(tmp_path, alice, pool, settings):
    job = start_import(tmp_path, alice, pool.id, TEXT, suppress_invitations=True)
    settings.SECRET_KEY = "a-new-secret-key-" + "x" * 40
    assert runner.job_run(job_id=job.pk) == "finished"
    failed = JobItem.objects.get(job=job, key="new1@example.com")
    assert failed.status == JobItem.FAILED and "cannot be read" in failed.error
    assert "gAAAA" not in failed.error and sealing.SEALED_KEY not in failed.payload


def test_the_key_is_derived_for_this_purpose_only(settings):
    """Not SECRET_KEY itself, nor a plain hash of it that another part of the console might also use."""
    import base64
    import hashlib

    key = sealing._key(settings.SECRET_KEY)
    assert base64.urlsafe_b64decode(key) != hashlib.sha256(settings.SECRET_KEY.encode()).digest()
    assert settings.SECRET_KEY.encode() not in base64.urlsafe_b64decode(key)
