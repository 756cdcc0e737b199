"""Handing jobs to Celery. A job whose task cannot be sent (Redis down) stays
queued with a note, and the reaper (or the next page view) sends it later.

The task is sent by name, so the queue imports nothing of the engine."""

import logging

from celery import current_app
from django.utils import timezone

from console.jobs.models import Job

log = logging.getLogger(__name__)

RUN_TASK = "jobs.run"  # console.jobs.tasks.run_job

WAITING_NOTE = "Waiting for the job queue: Redis is unreachable. The job starts by itself once it is back."


def broker_reachable() -> bool:
    """A quick PING, so a dead broker costs a second, not Celery's connection retries."""
    import redis

    url = current_app.conf.broker_url
    if not url or not url.startswith(("redis://", "rediss://", "unix://")):
        return True
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=2)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except (redis.RedisError, OSError):
        return False


def job_enqueue(job_id: int) -> bool:
    """Send the run task; True when it was handed to the broker."""
    if not broker_reachable():
        log.warning("job %s not enqueued: the broker is unreachable", job_id)
        Job.objects.filter(pk=job_id, status=Job.QUEUED).update(note=WAITING_NOTE, enqueued_at=None)
        return False
    try:
        current_app.send_task(RUN_TASK, args=[job_id], retry=False)
    except Exception as exc:  # noqa: BLE001 - kombu/redis raise many types; all mean "not sent"
        log.warning("job %s not enqueued: %s", job_id, exc)
        Job.objects.filter(pk=job_id, status=Job.QUEUED).update(note=WAITING_NOTE, enqueued_at=None)
        return False
    Job.objects.filter(pk=job_id).update(enqueued_at=timezone.now())
    Job.objects.filter(pk=job_id, note=WAITING_NOTE).update(note="")
    return True


def jobs_enqueue_waiting() -> int:
    """Send the jobs that could not be sent before; cheap when there are none."""
    sent = 0
    for job_id in Job.objects.filter(status=Job.QUEUED, enqueued_at__isnull=True).values_list("pk", flat=True)[:50]:
        if not job_enqueue(job_id):
            break
        sent += 1
    return sent
