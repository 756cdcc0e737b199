"""What every job shares from start to end, whatever its kind: the row (kept under the operator's
name, which outlives a deleted operator), and its audit events ("<kind>.start", "<kind>.cancel"...),
each against "job #N", with the run task sent once the start commits."""

from django.db import transaction

from console.audit.services import audit_record
from console.jobs import queue
from console.jobs.models import Job

TITLE_LENGTH = Job._meta.get_field("title").max_length


def job_create(operator, kind: str, *, pool_id: str, title: str, options: dict, **fields) -> Job:
    return Job.objects.create(
        kind=kind,
        pool_id=pool_id,
        operator=operator,
        operator_name=operator.username,
        title=title[:TITLE_LENGTH],
        options=options,
        **fields,
    )


def job_audit(job: Job, event: str, **fields) -> None:
    """One audit event "<kind>.<event>" about the job; fields: operator, reason, params..."""
    audit_record(action=f"{job.kind}.{event}", pool_id=job.pool_id, target=f"job #{job.pk}", job_id=job.pk, **fields)


def job_started(job: Job, *, operator, reason: str, params: dict, enqueue: bool = True) -> None:
    """Audit the start and, once the transaction commits, hand the job to the queue."""
    job_audit(job, "start", operator=operator, reason=reason, params=params)
    if enqueue:
        transaction.on_commit(lambda: queue.job_enqueue(job.pk))
