"""Celery tasks: thin, they pass ids to the runner and the reaper."""

from celery import shared_task

from console.jobs.runner import job_run
from console.jobs.services import jobs_reap


@shared_task(name="jobs.run", acks_late=True, ignore_result=True)
def run_job(job_id: int) -> str:
    return job_run(job_id=job_id)


@shared_task(name="jobs.reap", ignore_result=True)
def reap_jobs() -> dict:
    return jobs_reap()
