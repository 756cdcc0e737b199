"""The job engine: claims a job, works through its items in chunks, and keeps
the database the single source of truth. What a kind does is in console.jobs.kinds;
how items are retried is in console.jobs.retry.

Exactly-once accounting rests on three rules:
- an item leaves `pending`/`in_flight` only in the same transaction that adds
  it to the job's counters, and only while this runner still holds the claim;
- a finished item is never selected again;
- an item found `in_flight` belonged to a runner that died: it is retried, and
  the kind's handler decides what "already done" means for it.

Every Cognito call made while a job runs, in any thread of it, passes the shared
rate limiter (limited_calls): kinds never charge it by hand.
"""

import logging
import threading
import time
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from types import SimpleNamespace

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import connections, transaction
from django.db.models import Case, Count, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.db.utils import InterfaceError, OperationalError
from django.utils import timezone

from console.audit.models import AuditEvent
from console.audit.services import audit_record
from console.cognito.client import limited_calls
from console.cognito.errors import CognitoError
from console.core.request_context import reset_current_request, set_current_request
from console.jobs import outage, progress, queue
from console.jobs.kinds import Handler, Result, failed, handler_for, registered_handler
from console.jobs.models import Job, JobItem
from console.jobs.outage import Unreachable
from console.jobs.retry import MAX_TRANSIENT_PASSES, Deferred

log = logging.getLogger(__name__)

# The database went away (restart, failover): nothing can be recorded until it is back.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
# Outcomes finished inside a chunk are written at most this often (the job page polls every
# second), so progress moves steadily instead of a chunk at a time: one small write a second.
PROGRESS_SECONDS = 1.0


class LostClaim(Exception):
    """Another runner took the job over (this one was presumed dead)."""


# --- Claiming -------------------------------------------------------------------


def _stale_before():
    return timezone.now() - timedelta(seconds=settings.CONSOLE_JOB_STALE_SECONDS)


def job_claim(job_id: int) -> str | None:
    """Take the job if it is queued, or running under a runner whose heartbeat went stale."""
    token = uuid.uuid4().hex
    now = timezone.now()
    stale = Q(status__in=[Job.RUNNING, Job.CANCELLING]) & (Q(heartbeat__lt=_stale_before()) | Q(heartbeat=None))
    claimed = (
        Job.objects.filter(pk=job_id)
        .filter(Q(status=Job.QUEUED) | stale)
        .update(
            status=Case(When(status=Job.CANCELLING, then=Value(Job.CANCELLING)), default=Value(Job.RUNNING)),
            claim=token,
            heartbeat=now,
            attempts=F("attempts") + 1,
            started_at=Coalesce("started_at", Value(now)),
            note="",
        )
    )
    return token if claimed == 1 else None


class _Heartbeat(threading.Thread):
    """Keeps the claim fresh while a chunk waits on throttling."""

    def __init__(self, job_id: int, token: str):
        super().__init__(daemon=True, name=f"job-{job_id}-heartbeat")
        self.job_id, self.token = job_id, token
        self.stopped = threading.Event()
        self.lost = False

    def run(self):
        interval = max(1.0, settings.CONSOLE_JOB_STALE_SECONDS / 4)
        try:
            while not self.stopped.wait(interval):
                n = Job.objects.filter(pk=self.job_id, claim=self.token).update(heartbeat=timezone.now())
                if n == 0:
                    self.lost = True
                    return
        except Exception:  # noqa: BLE001 - a failed beat only risks a takeover, which is safe
            log.exception("heartbeat of job %s failed", self.job_id)
        finally:
            connections.close_all()

    def stop(self):
        self.stopped.set()
        self.join(timeout=5)


# --- Running --------------------------------------------------------------------


def job_run(*, job_id: int) -> str:
    """Run the job to its end (or until cancelled); safe to call any number of times."""
    token = job_claim(job_id)
    if token is None:
        return "not claimed"
    # The operator's groups come along: every audit event of the job asks for the role.
    job = Job.objects.select_related("operator").prefetch_related("operator__groups").get(pk=job_id)
    heartbeat = _Heartbeat(job_id, token)
    heartbeat.start()
    concurrency = max(1, settings.CONSOLE_JOB_CONCURRENCY)
    # One at a time runs in this thread (and on its database connection).
    executor = ThreadPoolExecutor(concurrency, f"job-{job_id}") if concurrency > 1 else None
    try:
        handler = handler_for(job.kind)
        with limited_calls():
            context = handler.prepare(job)
            return _loop(job, token, handler, context, executor)
    except LostClaim:
        log.warning("job %s: claim lost to another runner; stopping", job_id)
        return "lost claim"
    except SoftTimeLimitExceeded:
        # A very long job goes on in a fresh task rather than failing at the task time limit.
        Job.objects.filter(pk=job_id, claim=token).update(claim="", heartbeat=None)
        queue.job_enqueue(job_id)
        return "continued"
    except Deferred as exc:
        # Preparing needs Cognito (the pool's schema, the enumeration): wait for it as rows do.
        return _pause_for_cognito(job, token, str(exc), exc.throttled)
    except CognitoError as exc:
        if exc.retryable:
            # Try again later (reaper); the items already done stay done.
            Job.objects.filter(pk=job_id, claim=token).update(
                status=Job.QUEUED, claim="", enqueued_at=None, note=f"Paused: {exc.message} It resumes by itself."
            )
            return "paused"
        _end(job, token, Job.FAILED, note=exc.message)
        return "failed"
    except DATABASE_UNAVAILABLE:
        # Not the job's fault, and marking it failed would need the database anyway. The claim
        # stays, rows in flight stay in flight (retried, counted once), the heartbeat stops, and
        # the reaper revives the job once it is stale and the database answers again.
        # (Celery's Django fixup closes the broken connection when the task ends.)
        log.warning("job %s: database unavailable; the reaper resumes it", job_id, exc_info=True)
        return "database unavailable"
    except Exception as exc:
        log.exception("job %s failed", job_id)
        _end(job, token, Job.FAILED, note=f"The job stopped on an unexpected error: {exc}"[:500])
        return "failed"
    finally:
        heartbeat.stop()
        if executor is not None:
            _close_thread_connections(executor, concurrency)
            executor.shutdown(wait=True)


def _pause_for_cognito(job: Job, token: str, message: str, throttled: bool) -> str:
    """Back to the queue (the reaper sends it again); failed only once an outage outlasts the window."""
    note = f"Paused: {message} It resumes by itself."
    if not throttled:
        start = outage.outage_record(job, token, started=timezone.now())
        if outage.exceeded(start):
            _end(job, token, Job.FAILED, note=outage.too_long_message(start, message))
            return "failed"
        note = outage.waiting_note(start)
    Job.objects.filter(pk=job.pk, claim=token).update(status=Job.QUEUED, claim="", enqueued_at=None, note=note)
    return "paused"


def _close_thread_connections(executor: ThreadPoolExecutor, threads: int) -> None:
    """Each pool thread holds its own database connection: close them all."""
    barrier = threading.Barrier(threads, timeout=5)

    def close():
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            pass
        connections.close_all()

    for _ in range(threads):
        executor.submit(close)


def _loop(job: Job, token: str, handler: Handler, context, executor: ThreadPoolExecutor | None) -> str:
    chunk = settings.CONSOLE_JOB_CHUNK_SIZE
    meter = _Meter(job, handler)
    while True:
        state = Job.objects.filter(pk=job.pk).values("status", "claim").first()
        if not state or state["claim"] != token:
            raise LostClaim
        if state["status"] == Job.CANCELLING:
            _cancel_rest(job, token)
            return "cancelled"
        waiting = outage.since(job) is not None
        # While Cognito is away one item probes it: a chunk would only wait out every item's retries.
        items = list(
            JobItem.objects.filter(job=job, status__in=JobItem.OPEN).order_by("seq")[: 1 if waiting else chunk]
        )
        if not items:
            _end(job, token, Job.FINISHED)
            return "finished"
        ids = [i.pk for i in items]
        JobItem.objects.filter(pk__in=ids, status__in=JobItem.OPEN).update(
            status=JobItem.IN_FLIGHT, attempts=F("attempts") + 1
        )
        for item in items:
            item.attempts += 1
        started = timezone.now()
        results, written = _run_chunk(job, token, handler, context, items, executor, meter)
        results, wait = _settle_unreachable(job, token, items, results, started)
        rest = [(item, result) for item, result in zip(items, results, strict=True) if item.pk not in written]
        if rest:
            meter.write(token, [item for item, _ in rest], [result for _, result in rest])
        if wait:
            outage.outage_wait(job, token)


class _Meter:
    """Writes outcomes and feeds the job's rate meter (console.jobs.progress) with each write."""

    def __init__(self, job: Job, handler: Handler):
        self.job, self.done, self.on = job, job.processed, handler.meters_items
        if self.on:
            progress.meter_start(job.pk, self.done)

    def write(self, token: str, items: list[JobItem], results: list[Result | None]) -> None:
        _write(self.job, token, items, results)
        self.done += sum(1 for r in results if r is not None)
        if self.on:
            progress.meter_record(self.job.pk, self.done)


def _run_chunk(job, token, handler, context, items, executor, meter: _Meter) -> tuple[list, set[int]]:
    """The chunk's results, in order, and the items already written: outcomes are written as
    they come, at most every PROGRESS_SECONDS; the rest (and whatever could not reach Cognito,
    which the whole chunk decides) once the chunk is through."""
    mapper = executor.map if executor is not None else map
    results, held, written = [], [], set()
    last = time.monotonic()
    for item, result in zip(items, mapper(lambda it: _process(handler, job, it, context), items), strict=True):
        results.append(result)
        if isinstance(result, Result):
            held.append((item, result))
        if held and time.monotonic() - last >= PROGRESS_SECONDS:
            meter.write(token, [i for i, _ in held], [r for _, r in held])
            written.update(i.pk for i, _ in held)
            held, last = [], time.monotonic()
    return results, written


def _settle_unreachable(job: Job, token: str, items: list[JobItem], results: list, started) -> tuple[list, bool]:
    """Turn the items that could not reach Cognito into "later" or "failed"; True when the job
    should wait before its next pass (nothing got through: an outage)."""
    unreachable = [isinstance(r, Unreachable) for r in results]
    if not any(unreachable):
        if any(r is not None for r in results):
            outage.outage_clear(job, token)
        return results, False
    if all(unreachable):
        start = outage.outage_record(job, token, started=started)
        if not outage.exceeded(start):
            return [None] * len(results), True
        return [failed(outage.too_long_message(start, r.message), "Unreachable") for r in results], False
    # Cognito answered the others: these rows have trouble of their own, given up after enough passes
    # (passes spent waiting out an outage do not count).
    outage.outage_clear(job, token)
    limit = MAX_TRANSIENT_PASSES + outage.passes(job)
    settled = []
    for item, result in zip(items, results, strict=True):
        if isinstance(result, Unreachable):
            result = failed(result.message, "Unreachable") if item.attempts >= limit else None
        settled.append(result)
    return settled, False


def _process(handler: Handler, job: Job, item: JobItem, context) -> Result | Unreachable | None:
    """One item in a pool thread; None means "not now" (goes back to pending), Unreachable that
    Cognito did not answer (the loop decides: wait, or fail)."""
    reset = set_current_request(
        SimpleNamespace(user=job.operator, request_id=f"job-{job.pk}", META={}),
    )
    try:
        # Pool threads do not inherit the context variable: every call of the item is limited here.
        with limited_calls():
            return handler.process(job, item, context)
    except Deferred as exc:
        return None if exc.throttled else Unreachable(str(exc))
    except CognitoError as exc:
        return failed(exc.message, exc.code)
    except DATABASE_UNAVAILABLE:
        raise  # the whole job waits for the database (job_run); the row is not at fault
    except Exception as exc:  # noqa: BLE001 - one bad row must not stop the job
        log.exception("job %s item %s failed", job.pk, item.seq)
        return failed(f"Unexpected error: {exc}", "InternalError")
    finally:
        reset_current_request(reset)


COUNTER_OF = {
    JobItem.CREATED: "created",
    JobItem.UPDATED: "updated",
    JobItem.SUCCEEDED: "updated",
    JobItem.OUTCOME_SKIPPED: "skipped",
    JobItem.OUTCOME_FAILED: "failed",
}


def _write(job: Job, token: str, items: list[JobItem], results: list[Result | None]) -> None:
    """Outcomes and counters in one transaction, as a few set-based UPDATEs: items
    with the same outcome (most of a chunk) share one statement."""
    now = timezone.now()
    counts: Counter = Counter()
    groups: dict[tuple, list[int]] = defaultdict(list)
    payloads: list[JobItem] = []
    for item, result in zip(items, results, strict=True):
        if result is None:
            groups[(JobItem.PENDING, "", "", "")].append(item.pk)
            continue
        groups[(result.status, result.outcome, result.error, result.error_code)].append(item.pk)
        if result.payload is not None:
            item.payload = result.payload
            payloads.append(item)
        counts[COUNTER_OF.get(result.outcome, "updated")] += 1
        counts["processed"] += 1
    with transaction.atomic():
        updates = {name: F(name) + n for name, n in counts.items()}
        if not Job.objects.filter(pk=job.pk, claim=token).update(heartbeat=now, **updates):
            raise LostClaim
        for (status, outcome, error, error_code), ids in groups.items():
            JobItem.objects.filter(pk__in=ids).update(
                status=status, outcome=outcome, error=error, error_code=error_code, updated_at=now
            )
        if payloads:
            JobItem.objects.bulk_update(payloads, ["payload"], batch_size=500)


def _cancel_rest(job: Job, token: str) -> None:
    with transaction.atomic():
        n = JobItem.objects.filter(job=job, status__in=JobItem.OPEN).update(
            status=JobItem.CANCELLED, outcome=JobItem.OUTCOME_CANCELLED, updated_at=timezone.now()
        )
        if not Job.objects.filter(pk=job.pk, claim=token).update(cancelled=F("cancelled") + n):
            raise LostClaim
    _end(job, token, Job.CANCELLED)


def job_recount(job: Job) -> dict:
    """Counters from the items themselves (the authority at the end of a job)."""
    rows = JobItem.objects.filter(job=job).values("status", "outcome").annotate(n=Count("pk"))
    counts = dict.fromkeys(("created", "updated", "skipped", "failed", "cancelled", "processed"), 0)
    for row in rows:
        if row["status"] in JobItem.OPEN:
            continue
        if row["status"] == JobItem.CANCELLED:
            counts["cancelled"] += row["n"]
            continue
        counts[COUNTER_OF.get(row["outcome"], "updated")] += row["n"]
        counts["processed"] += row["n"]
    return counts


def _end(job: Job, token: str, status: str, note: str = "") -> None:
    counts = job_recount(job)
    fields = {"status": status, "finished_at": timezone.now(), "claim": "", **counts}
    if note:
        fields["note"] = note
    if not Job.objects.filter(pk=job.pk, claim=token).update(**fields):
        raise LostClaim
    job.refresh_from_db()
    handler = registered_handler(job.kind)
    if handler is not None:
        handler.cleanup(job)
    prefix = handler.audit_prefix if handler else job.kind
    audit_record(
        action=f"{prefix}.finish" if status != Job.CANCELLED else f"{prefix}.cancelled",
        outcome=AuditEvent.OUTCOME_FAILURE if status == Job.FAILED else AuditEvent.OUTCOME_SUCCESS,
        operator=job.operator,
        pool_id=job.pool_id,
        target=f"job #{job.pk}",
        message=note or job.note,
        params={"status": status, **counts, "total": job.total},
        job_id=job.pk,
    )
