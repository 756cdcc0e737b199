"""Job kinds: what each kind does, and how it shows itself; the engine (runner) does the rest.

A kind is a module named in KIND_MODULES with a Handler registered by @register(kind):
prepare(job) once per run, process(job, item, context) -> done/skipped/failed per item (wrap
Cognito calls in retry.with_retries; every call is limited by the runner), cleanup(job) at the
end, housekeep() from the reaper. Its template (jobs/kinds/<kind>.html) holds three partials the
job page includes: "summary" (the options it ran with), "counters" (its own counts),
"downloads" and "controls" (what one can do once it has ended) and "announce" (its counts in
words, said once when it ends). Counters, cancel, heartbeat, reaper and the audit of the end
are the engine's; progress_counts() and progress_unit say what the page's bar and rate count.
"""

import abc
import importlib
from dataclasses import dataclass

from console.jobs.models import Job, JobItem

# Where each kind's Handler lives; the module registers it with @register(kind) when imported.
KIND_MODULES = {
    Job.KIND_IMPORT: "console.jobs.importer",
    Job.KIND_BULK: "console.jobs.bulk_handler",
    Job.KIND_EXPORT: "console.jobs.export",
}


@dataclass
class Result:
    status: str
    outcome: str
    error: str = ""
    error_code: str = ""
    payload: dict | None = None  # replaces the item's payload; costs a write, so only when it matters


def done(outcome: str, **kwargs) -> Result:
    return Result(JobItem.DONE, outcome, **kwargs)


def skipped(reason: str, **kwargs) -> Result:
    return Result(JobItem.SKIPPED, JobItem.OUTCOME_SKIPPED, error=reason, **kwargs)


def failed(reason: str, code: str = "", **kwargs) -> Result:
    return Result(JobItem.FAILED, JobItem.OUTCOME_FAILED, error=reason[:500], error_code=code[:64], **kwargs)


class Handler(abc.ABC):
    """What a kind of job does; the runner does the rest."""

    kind = ""
    audit_prefix = "job"
    # What the job page counts progress in; the runner meters its rate in items unless the kind
    # counts in another unit and meters itself (console.jobs.progress).
    progress_unit = "rows"
    meters_items = True

    @property
    def template(self) -> str:
        return f"jobs/kinds/{self.kind}.html"

    def prepare(self, job: Job):
        """Once per run, before the first chunk; returns a context for process()."""
        return None

    @abc.abstractmethod
    def process(self, job: Job, item: JobItem, context) -> Result:
        """One item: make the change and say how it went."""

    def progress_counts(self, job: Job) -> tuple[int, int | None, bool]:
        """(done, total, whether the total is an estimate) in progress_unit; total None while unknown."""
        return job.processed + job.cancelled, job.total, False

    def cleanup(self, job: Job) -> None:  # noqa: B027 - optional hook, nothing to drop by default
        """When the job has ended (however): drop what must not outlive it."""

    def housekeep(self) -> dict:
        """From the reaper: remove what the kind keeps too long (files); returns counts by name."""
        return {}


_handlers: dict[str, Handler] = {}


def register(kind: str):
    def decorator(cls):
        cls.kind = kind
        _handlers[kind] = cls()
        return cls

    return decorator


def handler_for(kind: str) -> Handler:
    if kind not in _handlers:
        importlib.import_module(KIND_MODULES[kind])
    return _handlers[kind]


def registered_handler(kind: str) -> Handler | None:
    """The handler if this process has loaded it (the end of a job needs no import)."""
    return _handlers.get(kind)


def handlers_all() -> list[Handler]:
    return [handler_for(kind) for kind in KIND_MODULES]
