"""What every job start shares, whatever its kind: the row (kept under the operator's name, which
outlives a deleted operator), and the start's one audit event with the run task sent after commit."""

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


def job_started(job: Job, *, operator, reason: str, params: dict, enqueue: bool = True) -> None:
    """Audit "<kind>.start" against the job and, once the transaction commits, hand it to the queue."""
    audit_record(
        action=f"{job.kind}.start",
        operator=operator,
        pool_id=job.pool_id,
        target=f"job #{job.pk}",
        reason=reason,
        params=params,
        job_id=job.pk,
    )
    if enqueue:
        transaction.on_commit(lambda: queue.job_enqueue(job.pk))
