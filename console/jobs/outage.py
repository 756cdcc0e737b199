"""Cognito outages: a job waits, backing off, for up to CONSOLE_JOB_OUTAGE_WINDOW_SECONDS, says
"Waiting for Cognito" on its page meanwhile, and continues when Cognito answers again. Rows fail
for unreachability only once an outage has lasted longer than the window.

The waiting state lives in the job's options (and its note), so a job paused and resumed, or taken
over by another runner, keeps counting from the outage's start. While it waits, one item per pass
probes Cognito rather than a whole chunk each waiting out its retries.
"""

import time
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from console.jobs.models import Job

SINCE_KEY = "cognito_unreachable_since"
PASSES_KEY = "cognito_outage_passes"
WAITING = "Waiting for Cognito"
# Seconds between probes, growing; the last repeats until the window has passed.
BACKOFF_SECONDS = (5, 10, 20, 30, 60)


class Unreachable:
    """An item's answer when Cognito could not be reached even after its retries."""

    def __init__(self, message: str):
        self.message = message


def since(job: Job) -> datetime | None:
    value = (job.options or {}).get(SINCE_KEY)
    return datetime.fromisoformat(value) if value else None


def passes(job: Job) -> int:
    return int((job.options or {}).get(PASSES_KEY) or 0)


def window() -> timedelta:
    return timedelta(seconds=settings.CONSOLE_JOB_OUTAGE_WINDOW_SECONDS)


def exceeded(start: datetime) -> bool:
    return timezone.now() - start > window()


def waiting_note(start: datetime) -> str:
    minutes = max(1, round(window().total_seconds() / 60))
    return (
        f"{WAITING}: unreachable since {start:%H:%M:%S} UTC. The job continues by itself once Cognito "
        f"answers; rows fail only if it stays away more than {minutes} minutes."
    )


def too_long_message(start: datetime, detail: str) -> str:
    minutes = max(1, round((timezone.now() - start).total_seconds() / 60))
    return f"Cognito was unreachable for {minutes} minutes, longer than the job waits. {detail}"[:500]


def _options(job: Job) -> dict:
    """The stored options (a kind may have written some since the job was loaded)."""
    return Job.objects.filter(pk=job.pk).values_list("options", flat=True).first() or {}


def outage_record(job: Job, token: str, *, started: datetime) -> datetime:
    """One more pass found Cognito unreachable: note it (from `started` if it is the first)."""
    options = _options(job)
    start = since(Job(options=options)) or started
    options = {**options, SINCE_KEY: start.isoformat(), PASSES_KEY: passes(Job(options=options)) + 1}
    Job.objects.filter(pk=job.pk, claim=token).update(options=options, note=waiting_note(start))
    job.options = options
    return start


def outage_clear(job: Job, token: str) -> None:
    """Cognito answers again: the job no longer waits."""
    if SINCE_KEY not in (job.options or {}):
        return
    options = {k: v for k, v in _options(job).items() if k != SINCE_KEY}
    Job.objects.filter(pk=job.pk, claim=token).update(options=options)
    Job.objects.filter(pk=job.pk, claim=token, note__startswith=WAITING).update(note="")
    job.options = options


def outage_wait(job: Job, token: str) -> None:
    """Sleep before the next probe; back at once when the job is cancelled or taken over."""
    seconds = BACKOFF_SECONDS[min(max(passes(job) - 1, 0), len(BACKOFF_SECONDS) - 1)]
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        time.sleep(min(1.0, left))
        state = Job.objects.filter(pk=job.pk).values("status", "claim").first()
        if not state or state["claim"] != token or state["status"] == Job.CANCELLING:
            return
