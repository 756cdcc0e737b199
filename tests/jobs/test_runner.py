"""The runner against moto's in-process Cognito: outcomes, exactly-once accounting, cancel."""

from datetime import timedelta

import pytest
from django.utils import timezone

from console.audit.models import AuditEvent
from console.cognito.client import cognito
from console.jobs import kinds, retry, runner, services
from console.jobs.models import Job, JobItem
from tests.jobs.factories import start_import

pytestmark = pytest.mark.django_db


def users_by_email(pool_id):
    users = cognito().list_users(UserPoolId=pool_id)["Users"]
    return {next(a["Value"] for a in u["Attributes"] if a["Name"] == "email"): u for u in users}


def rows(n, start=100, groups="staff"):
    return "email,given_name,groups\n" + "".join(f"new{i}@example.com,N{i},{groups}\n" for i in range(start, start + n))


def test_it_creates_every_user_and_counts_once(tmp_path, alice, pool):
    job = start_import(tmp_path, alice, pool.id, rows(25), suppress_invitations=True)
    assert job.status == Job.QUEUED and job.total == 25
    assert runner.job_run(job_id=job.pk) == "finished"
    job.refresh_from_db()
    assert (job.status, job.created, job.processed, job.failed) == (Job.FINISHED, 25, 25, 0)
    users = users_by_email(pool.id)
    assert all(f"new{i}@example.com" in users for i in range(100, 125))
    members = cognito().list_users_in_group(UserPoolId=pool.id, GroupName="staff")["Users"]
    assert len(members) == 25
    assert not JobItem.objects.filter(job=job, payload__has_key="temporary_password").exists()
    actions = list(AuditEvent.objects.filter(job_id=job.pk).values_list("action", flat=True))
    assert actions.count("import.start") == 1 and actions.count("import.finish") == 1
    assert runner.job_run(job_id=job.pk) == "not claimed"  # a second delivery does nothing


@pytest.mark.parametrize(
    ("existing", "outcome", "status"),
    [("skip", "skipped", JobItem.SKIPPED), ("fail", "failed", JobItem.FAILED), ("update", "updated", JobItem.DONE)],
)
def test_it_handles_existing_users_as_asked(tmp_path, alice, pool, existing, outcome, status):
    text = "email,given_name\nuser0@example.com,Renamed\nfresh@example.com,Fresh\n"
    job = start_import(tmp_path, alice, pool.id, text, existing=existing, suppress_invitations=True)
    runner.job_run(job_id=job.pk)
    item = JobItem.objects.get(job=job, key="user0@example.com")
    assert (item.outcome, item.status) == (outcome, status)
    given = {a["Name"]: a["Value"] for a in users_by_email(pool.id)["user0@example.com"]["Attributes"]}["given_name"]
    assert given == ("Renamed" if existing == "update" else "Given0")
    job.refresh_from_db()
    assert job.created == 1 and job.processed == 2


def test_it_counts_a_retried_in_flight_row_as_created(tmp_path, alice, pool):
    job = start_import(tmp_path, alice, pool.id, rows(3), suppress_invitations=True)
    # A worker created the first user, then died before writing the outcome.
    first = JobItem.objects.get(job=job, seq=2)
    cognito().admin_create_user(
        UserPoolId=pool.id,
        Username=first.key,
        UserAttributes=[{"Name": "email", "Value": first.key}],
        MessageAction="SUPPRESS",
    )
    JobItem.objects.filter(pk=first.pk).update(status=JobItem.IN_FLIGHT, attempts=1)
    Job.objects.filter(pk=job.pk).update(
        status=Job.RUNNING, claim="dead", heartbeat=timezone.now() - timedelta(hours=1), started_at=timezone.now()
    )
    assert runner.job_run(job_id=job.pk) == "finished"
    job.refresh_from_db()
    assert (job.created, job.skipped, job.failed, job.processed) == (3, 0, 0, 3)
    assert len([e for e in users_by_email(pool.id) if e.startswith("new")]) == 3


def test_it_does_not_take_a_job_with_a_fresh_heartbeat(tmp_path, alice, pool):
    job = start_import(tmp_path, alice, pool.id, rows(2), suppress_invitations=True)
    Job.objects.filter(pk=job.pk).update(status=Job.RUNNING, claim="alive", heartbeat=timezone.now())
    assert runner.job_run(job_id=job.pk) == "not claimed"


def test_it_never_fails_a_row_for_throttling(tmp_path, alice, pool, settings, monkeypatch):
    monkeypatch.setattr(retry, "RETRY_DELAYS", (0, 0, 0))
    settings.CONSOLE_FAULT_THROTTLE_SHARE = 0.5
    job = start_import(tmp_path, alice, pool.id, rows(30), suppress_invitations=True)
    assert runner.job_run(job_id=job.pk) == "finished"
    job.refresh_from_db()
    assert (job.created, job.failed) == (30, 0)
    assert len(cognito().list_users_in_group(UserPoolId=pool.id, GroupName="staff")["Users"]) == 30


def test_it_cancels_between_chunks(tmp_path, alice, pool, monkeypatch):
    job = start_import(tmp_path, alice, pool.id, rows(40), suppress_invitations=True)
    real_write = runner._write

    def write_then_cancel(job_, token, items, results):
        real_write(job_, token, items, results)
        services.job_cancel(operator=alice, job=Job.objects.get(pk=job_.pk))

    monkeypatch.setattr(runner, "_write", write_then_cancel)
    assert runner.job_run(job_id=job.pk) == "cancelled"
    job.refresh_from_db()
    assert job.status == Job.CANCELLED
    assert (job.created, job.cancelled, job.failed) == (10, 30, 0)
    assert JobItem.objects.filter(job=job, status=JobItem.CANCELLED).count() == 30


def test_it_cancels_a_queued_job_at_once(tmp_path, alice, pool):
    job = start_import(tmp_path, alice, pool.id, rows(5), suppress_invitations=True)
    job = services.job_cancel(operator=alice, job=job)
    assert job.status == Job.CANCELLED and job.cancelled == 5
    assert runner.job_run(job_id=job.pk) == "not claimed"


def test_it_creates_missing_groups_when_asked(tmp_path, alice, pool):
    job = start_import(
        tmp_path, alice, pool.id, rows(2, groups="brand-new"), suppress_invitations=True, create_missing_groups=True
    )
    runner.job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.created == 2
    assert len(cognito().list_users_in_group(UserPoolId=pool.id, GroupName="brand-new")["Users"]) == 2


def test_it_refuses_invalid_rows_unless_asked_for_only_the_valid_ones(tmp_path, alice, pool):
    text = "email\nok@example.com\nnot-an-email\n"
    with pytest.raises(services.ImportRefused, match="1 row is invalid"):
        start_import(tmp_path, alice, pool.id, text)
    job = start_import(tmp_path, alice, pool.id, text, only_valid=True, suppress_invitations=True)
    assert job.total == 1


def test_it_writes_results_and_reimportable_failures(tmp_path, alice, pool):
    text = "email,phone_number\nuser1@example.com,'+14155550100\nz@example.com,\n"
    job = start_import(tmp_path, alice, pool.id, text, existing="fail", suppress_invitations=True)
    runner.job_run(job_id=job.pk)
    results = list(services.job_results_rows(job))
    assert results[0] == ["line", "username", "outcome", "reason", "email", "phone_number"]
    assert results[1][:4] == ["2", "user1@example.com", "failed", "Already in the pool."]
    assert results[1][5] == "'+14155550100"  # formula-safe again
    assert results[2][2] == "created"
    failures = list(services.job_results_rows(job, failures_only=True))
    assert failures == [["email", "phone_number"], ["user1@example.com", "'+14155550100"]]


def test_the_reaper_reenqueues_stale_and_waiting_jobs(tmp_path, alice, pool, monkeypatch):
    sent = []
    monkeypatch.setattr("console.jobs.services.job_enqueue", lambda job_id: sent.append(job_id) or True)
    monkeypatch.setattr("console.jobs.queue.job_enqueue", lambda job_id: sent.append(job_id) or True)
    stale = start_import(tmp_path, alice, pool.id, rows(1), suppress_invitations=True)
    Job.objects.filter(pk=stale.pk).update(status=Job.RUNNING, heartbeat=timezone.now() - timedelta(hours=1))
    waiting = start_import(tmp_path, alice, pool.id, rows(1, start=500), suppress_invitations=True)
    behind = start_import(tmp_path, alice, pool.id, rows(1, start=700), suppress_invitations=True)
    Job.objects.filter(pk=behind.pk).update(enqueued_at=timezone.now() - timedelta(seconds=90))  # waits its turn
    lost = start_import(tmp_path, alice, pool.id, rows(1, start=800), suppress_invitations=True)
    Job.objects.filter(pk=lost.pk).update(enqueued_at=timezone.now() - timedelta(hours=1))
    fresh = start_import(tmp_path, alice, pool.id, rows(1, start=600), suppress_invitations=True)
    Job.objects.filter(pk=fresh.pk).update(status=Job.RUNNING, heartbeat=timezone.now())
    services.jobs_reap()
    assert sorted(sent) == sorted([stale.pk, waiting.pk, lost.pk])


@pytest.mark.django_db(transaction=True)
def test_it_runs_items_in_parallel_threads(tmp_path, alice, pool, settings):
    settings.CONSOLE_JOB_CONCURRENCY = 4
    job = start_import(tmp_path, alice, pool.id, rows(30), suppress_invitations=True)
    assert runner.job_run(job_id=job.pk) == "finished"
    job.refresh_from_db()
    assert (job.created, job.processed) == (30, 30)
    # membership changes were audited from the pool threads, in the operator's name
    events = AuditEvent.objects.filter(job_id=job.pk, action="group.add_member")
    assert events.count() == 30 and set(events.values_list("operator_name", flat=True)) == {"alice"}


def test_temporary_passwords_leave_with_the_job(tmp_path, alice, pool):
    text = "email,temporary_password\nnew1@example.com,Temp-Pass-123!\nuser0@example.com,Temp-Pass-456!\n"
    job = start_import(tmp_path, alice, pool.id, text, existing="fail", suppress_invitations=True)
    assert JobItem.objects.filter(job=job, payload__has_key="sealed_password").count() == 2
    runner.job_run(job_id=job.pk)
    assert not JobItem.objects.filter(job=job, payload__has_key="sealed_password").exists()
    assert "Temp-Pass" not in "".join(",".join(r) for r in services.job_results_rows(job))


def test_old_unimported_uploads_are_removed(tmp_path, alice, pool):
    from console.jobs.models import ImportUpload

    upload = services.store_path(
        operator=alice,
        pool_id=pool.id,
        source=str(tmp_path / "x.csv") if ((tmp_path / "x.csv").write_text("email\na@example.com\n")) else "",
    )
    ImportUpload.objects.filter(pk=upload.pk).update(created_at=timezone.now() - timedelta(days=2))
    assert services.uploads_expire() == 1
    assert not __import__("os").path.exists(upload.path)


def test_a_job_at_the_task_time_limit_goes_on_in_a_new_task(tmp_path, alice, pool, monkeypatch):
    from celery.exceptions import SoftTimeLimitExceeded

    sent = []
    monkeypatch.setattr("console.jobs.queue.job_enqueue", lambda job_id: sent.append(job_id) or True)
    job = start_import(tmp_path, alice, pool.id, rows(30), suppress_invitations=True)
    real_write, calls = runner._write, []

    def write_then_time_out(*args):
        real_write(*args)
        calls.append(1)
        if len(calls) == 1:
            raise SoftTimeLimitExceeded()

    monkeypatch.setattr(runner, "_write", write_then_time_out)
    assert runner.job_run(job_id=job.pk) == "continued"
    assert sent == [job.pk]
    job.refresh_from_db()
    assert (job.status, job.claim, job.processed) == (Job.RUNNING, "", 10)
    assert runner.job_run(job_id=job.pk) == "finished"  # the next task takes it straight away
    job.refresh_from_db()
    assert (job.created, job.processed) == (30, 30)


def test_a_lost_database_leaves_the_job_to_the_reaper_instead_of_failing_it(tmp_path, alice, pool, monkeypatch):
    from django.db.utils import OperationalError

    job = start_import(tmp_path, alice, pool.id, rows(30), suppress_invitations=True)
    real_write, calls = runner._write, []

    def write_then_lose_the_database(*args):
        calls.append(1)
        if len(calls) == 2:  # PostgreSQL restarted while the second chunk was being recorded
            raise OperationalError("terminating connection due to administrator command")
        real_write(*args)

    monkeypatch.setattr(runner, "_write", write_then_lose_the_database)
    assert runner.job_run(job_id=job.pk) == "database unavailable"
    job.refresh_from_db()
    assert (job.status, job.processed, job.failed) == (Job.RUNNING, 10, 0)
    assert job.claim and not AuditEvent.objects.filter(job_id=job.pk, action="import.finish").exists()
    assert JobItem.objects.filter(job=job, status=JobItem.IN_FLIGHT).count() == 10  # done in Cognito, not recorded

    Job.objects.filter(pk=job.pk).update(heartbeat=timezone.now() - timedelta(hours=1))  # as the reaper finds it
    assert runner.job_run(job_id=job.pk) == "finished"
    job.refresh_from_db()
    assert (job.status, job.created, job.failed, job.processed) == (Job.FINISHED, 30, 0, 30)
    assert len([e for e in users_by_email(pool.id) if e.startswith("new")]) == 30


def test_a_lost_database_inside_a_row_does_not_fail_the_row(tmp_path, alice, pool, monkeypatch):
    from django.db.utils import InterfaceError

    job = start_import(tmp_path, alice, pool.id, rows(3), suppress_invitations=True)
    handler = kinds.handler_for(job.kind)

    def process(*args):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr(handler, "process", process)
    assert runner.job_run(job_id=job.pk) == "database unavailable"
    job.refresh_from_db()
    assert (job.status, job.failed) == (Job.RUNNING, 0)
    assert not JobItem.objects.filter(job=job, status=JobItem.FAILED).exists()
