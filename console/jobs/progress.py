"""Job progress as the job page shows it: a smoothed rate, a steady estimate of the time
left, and the total a kind knows before its items are counted (an export's pool size).

The runner records each write of outcomes in a meter (an export records the users it has
written); the rate is an exponentially weighted average over time (RATE_TAU_SECONDS), so a
burst of rows landing at once does not make it jump, and the time left moves steadily. The
meter lives in the shared cache: a few bytes per job and no database write. When it is
missing (Redis restarted, the job was taken over) the page falls back to the job's average.
"""

import math
import time
from dataclasses import dataclass, replace

from django.core.cache import cache

from console.jobs.models import Job

# How quickly the rate forgets: a change of pace is two-thirds taken in after this long.
RATE_TAU_SECONDS = 20.0
# No progress recorded for longer than this (an outage, throttling): the rate fades from here on.
STALL_SECONDS = 10.0
METER_KEY = "job-meter:{}"
METER_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Meter:
    at: float  # when the last sample was taken (seconds since the epoch)
    done: int  # units done (rows, users) at that time
    rate: float | None = None  # units per second, smoothed; None before the first progress
    since: float | None = None  # when this run began, and what was done then: for the first
    since_done: int = 0  # RATE_TAU_SECONDS the rate is the plain average, not one early burst


def meter_step(meter: Meter | None, done: int, now: float, tau: float = RATE_TAU_SECONDS) -> Meter:
    """The meter after `done` units at `now`: a time-weighted moving average, so samples
    taken at uneven intervals weigh by the time they cover."""
    if meter is None or done < meter.done:
        return Meter(now, done, since=now, since_done=done)
    elapsed = now - meter.at
    if elapsed <= 0.001:
        return meter  # the next sample covers this one too
    since = meter.at if meter.since is None else meter.since
    since_done = meter.done if meter.since is None else meter.since_done
    if meter.rate is None or now - since <= tau:
        rate = (done - since_done) / (now - since)
    else:
        weight = 1 - math.exp(-elapsed / tau)
        rate = meter.rate + weight * ((done - meter.done) / elapsed - meter.rate)
    return Meter(now, done, rate, since, since_done)


def meter_rate(meter: Meter, now: float, tau: float = RATE_TAU_SECONDS) -> float | None:
    """The rate as of `now`: after a stall it fades, as if nothing had been done since."""
    if meter.rate is None:
        return None
    quiet = now - meter.at - STALL_SECONDS
    return meter.rate * math.exp(-quiet / tau) if quiet > 0 else meter.rate


def eta_rounded(seconds: float | None) -> float | None:
    """Time left, rounded so it does not flicker: 5 s steps under a minute, 10 s under ten
    minutes, whole minutes after that."""
    if seconds is None:
        return None
    step = 5 if seconds < 60 else 10 if seconds < 600 else 60
    return max(step, step * round(seconds / step))


def meter_record(job_id: int, done: int, now: float | None = None) -> None:
    """One sample for the job's meter (the runner after each write; an export per page)."""
    key = METER_KEY.format(job_id)
    cache.set(key, meter_step(cache.get(key), done, time.time() if now is None else now), METER_SECONDS)


def meter_start(job_id: int, done: int) -> None:
    """A run begins (or resumes): the rate starts again from what it does now."""
    cache.set(METER_KEY.format(job_id), meter_step(None, done, time.time()), METER_SECONDS)


@dataclass(frozen=True)
class JobProgress:
    done: int
    total: int | None  # None while unknown (a bulk job still finding its users, a filtered export)
    estimated: bool  # the total is Cognito's estimate of the pool's size
    rate: float  # units per second: smoothed while the job runs, its average once it has ended
    eta: float | None  # seconds left, rounded; None when unknown or ended
    unit: str

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, int(100 * self.done / self.total))


def job_counts(job: Job, handler) -> JobProgress:
    """Done of total in the kind's unit, without the rate (the jobs list)."""
    done, total, estimated = handler.progress_counts(job)
    if not job.active:
        total, estimated = total or done, False
    return JobProgress(done, total, estimated, 0.0, None, handler.progress_unit)


def job_progress(job: Job, handler, now: float | None = None) -> JobProgress:
    """What the job page shows of the job's progress, in the kind's unit."""
    now = time.time() if now is None else now
    counts = job_counts(job, handler)
    elapsed = job.elapsed_seconds()
    average = counts.done / elapsed if elapsed > 0 else 0.0
    if not job.active:
        return replace(counts, rate=average)
    meter = cache.get(METER_KEY.format(job.pk))
    rate = meter_rate(meter, now) if meter is not None else None
    rate = average if rate is None else rate
    total = counts.total
    eta = eta_rounded(max(0, total - counts.done) / rate) if total and rate > 0 else None
    return replace(counts, rate=rate, eta=eta)
