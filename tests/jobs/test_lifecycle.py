"""What every job shares (console/jobs/lifecycle.py): the row under the operator's name, its audit events
("<kind>.start", "<kind>.download"...) against the job, and the run task sent only once the start commits."""

import pytest

from console.audit.models import AuditEvent
from console.jobs.lifecycle import job_audit, job_create, job_started
from console.jobs.models import Job

pytestmark = pytest.mark.django_db


def test_it_keeps_the_operator_name_and_cuts_the_title_to_fit(alice):
    job = job_create(alice, Job.KIND_EXPORT, pool_id="eu-west-1_x", title="x" * 300, options={"rows": 0}, total=1)
    job.refresh_from_db()
    assert (job.operator_name, len(job.title), job.total, job.options) == ("alice", 200, 1, {"rows": 0})


def test_it_audits_the_start_and_enqueues_after_commit(alice, monkeypatch, django_capture_on_commit_callbacks):
    sent = []
    monkeypatch.setattr("console.jobs.queue.job_enqueue", sent.append)
    job = job_create(alice, Job.KIND_BULK, pool_id="eu-west-1_x", title="Disable", options={})
    with django_capture_on_commit_callbacks(execute=True):
        job_started(job, operator=alice, reason="TICKET-2", params={"users": 3})
        assert sent == []  # not before the commit
    assert sent == [job.pk]
    [event] = AuditEvent.objects.filter(action="bulk.start")
    assert (event.target, event.reason, event.job_id) == (f"job #{job.pk}", "TICKET-2", job.pk)
    assert event.params == {"users": 3}


def test_it_does_not_enqueue_when_told_not_to(alice, monkeypatch, django_capture_on_commit_callbacks):
    sent = []
    monkeypatch.setattr("console.jobs.queue.job_enqueue", sent.append)
    job = job_create(alice, Job.KIND_IMPORT, pool_id="eu-west-1_x", title="a.csv", options={})
    with django_capture_on_commit_callbacks(execute=True):
        job_started(job, operator=alice, reason="", params={}, enqueue=False)
    assert sent == [] and AuditEvent.objects.filter(action="import.start").count() == 1


def test_every_job_event_names_the_kind_and_the_job(alice):
    job = job_create(alice, Job.KIND_EXPORT, pool_id="eu-west-1_x", title="Export all users", options={})
    job_audit(job, "download")
    [event] = AuditEvent.objects.filter(action="export.download")
    assert (event.pool_id, event.target, event.job_id) == ("eu-west-1_x", f"job #{job.pk}", job.pk)
