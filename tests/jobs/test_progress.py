"""Job progress (issue 12 item 14): a smoothed rate, a steady estimate, finer progress from the
runner, and an export's total from the pool's estimated size until it has counted."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from console.jobs import export, progress, runner
from console.jobs.importer import ImportHandler
from console.jobs.kinds import handler_for
from console.jobs.models import Job
from console.jobs.progress import Meter, eta_rounded, job_progress, meter_rate, meter_step
from tests.jobs.factories import start_import
from tests.jobs.test_runner import rows

pytestmark = pytest.mark.django_db


def _feed(samples, meter=None):
    """samples: (seconds since the previous sample, units done in it)."""
    now, done, seen = 1000.0, 0, []
    for gap, units in samples:
        now, done = now + gap, done + units
        meter = meter_step(meter, done, now)
        seen.append(meter)
    return seen


def test_the_rate_does_not_jump_with_uneven_writes():
    # 25 users a second on average, written as 10 then 40: the raw rate swings 10 <-> 40.
    meters = _feed([(0, 0)] + [(1, 10 if i % 2 else 40) for i in range(90)])
    settled = [m.rate for m in meters[30:]]
    assert all(22 <= r <= 28 for r in settled), settled
    # ... and the estimate for 3,000 users left moves by a few seconds between polls, not by minutes.
    etas = [3000 / r for r in settled]
    assert max(abs(a - b) for a, b in zip(etas, etas[1:], strict=False)) < 10


def test_the_rate_follows_a_change_of_pace():
    meters = _feed([(0, 0)] + [(1, 25)] * 60 + [(1, 10)] * 60)
    assert 24 <= meters[60].rate <= 26
    assert 9.5 <= meters[-1].rate <= 11  # three time constants later
    assert meters[61].rate > 20  # one slow second is not the new pace


def test_the_rate_starts_as_the_average_and_a_restart_resets_it():
    start = meter_step(None, 100, 1000.0)
    assert start.rate is None
    first = meter_step(start, 150, 1002.0)
    assert first.rate == 25.0
    assert meter_step(first, 150, 1004.0).rate == 12.5  # the average of the run so far, not the last second
    assert meter_step(Meter(1000.0, 500, 30.0), 10, 1001.0) == Meter(1001.0, 10, since=1001.0, since_done=10)
    same_moment = Meter(1000.0, 100, 30.0)
    assert meter_step(same_moment, 120, 1000.0) is same_moment  # the next sample covers both


def test_the_rate_fades_after_a_stall():
    meter = Meter(1000.0, 100, 20.0)
    assert meter_rate(meter, 1000.0 + progress.STALL_SECONDS) == 20.0
    faded = meter_rate(meter, 1000.0 + progress.STALL_SECONDS + progress.RATE_TAU_SECONDS)
    assert 7 < faded < 8  # 20 / e


@pytest.mark.parametrize(
    ("seconds", "shown"), [(None, None), (2, 5), (42, 40), (43, 45), (92, 90), (96, 100), (754, 780), (725, 720)]
)
def test_the_time_left_is_rounded_so_it_does_not_flicker(seconds, shown):
    assert eta_rounded(seconds) == shown


def _running(alice, pool_id, **fields):
    defaults = dict(
        kind=Job.KIND_IMPORT,
        pool_id=pool_id,
        operator=alice,
        status=Job.RUNNING,
        total=1000,
        processed=100,
        started_at=timezone.now() - timedelta(seconds=100),
    )
    return Job.objects.create(**{**defaults, **fields})


def test_the_page_uses_the_meter_and_falls_back_to_the_average(alice, pool):
    job = _running(alice, pool.id)
    handler = handler_for(job.kind)
    cache.delete(progress.METER_KEY.format(job.pk))
    shown = job_progress(job, handler)
    assert round(shown.rate) == 1 and shown.eta == 900 and shown.percent == 10 and shown.unit == "rows"
    cache.set(progress.METER_KEY.format(job.pk), Meter(9999999999.0, 100, 9.0))
    assert job_progress(job, handler, now=9999999999.0).eta == 100
    Job.objects.filter(pk=job.pk).update(status=Job.FINISHED, finished_at=timezone.now(), processed=1000)
    job.refresh_from_db()
    ended = job_progress(job, handler)
    assert ended.eta is None and ended.percent == 100 and round(ended.rate) == 10


def test_a_bulk_job_has_no_total_until_it_has_found_its_users(alice, pool):
    job = _running(alice, pool.id, kind=Job.KIND_BULK, options={"action": "disable"})
    shown = job_progress(job, handler_for(Job.KIND_BULK))
    assert shown.total is None and shown.percent is None and shown.eta is None and shown.unit == "users"


@pytest.mark.parametrize(("every", "writes"), [(0, [1] * 12), (3600, [12])])
def test_the_runner_writes_progress_within_a_chunk(tmp_path, alice, pool, settings, monkeypatch, every, writes):
    """Every row lands on the page as it is done (at most every PROGRESS_SECONDS), not a chunk at once."""
    settings.CONSOLE_JOB_CHUNK_SIZE = 100
    monkeypatch.setattr(runner, "PROGRESS_SECONDS", every)
    job = start_import(tmp_path, alice, pool.id, rows(12), suppress_invitations=True)
    seen, written = [], []
    real_process, real_write = ImportHandler.process, runner._write

    def process(self, job_, item, context):
        seen.append(Job.objects.get(pk=job_.pk).processed)
        return real_process(self, job_, item, context)

    monkeypatch.setattr(ImportHandler, "process", process)
    monkeypatch.setattr(runner, "_write", lambda *a: written.append(len(a[2])) or real_write(*a))
    assert runner.job_run(job_id=job.pk) == "finished"
    assert written == writes
    assert seen == (list(range(12)) if every == 0 else [0] * 12)
    job.refresh_from_db()
    assert (job.created, job.processed) == (12, 12)
    meter = cache.get(progress.METER_KEY.format(job.pk))
    assert meter.done == 12 and meter.rate is not None


def test_an_export_counts_of_the_pools_estimate_until_it_knows(alice, pool, admin_client):
    job = export.export_start(operator=alice, pool_id=pool.id, selection={"type": "pool"}, enqueue=False)
    assert job.options["estimated_users"] == 5
    Job.objects.filter(pk=job.pk).update(
        status=Job.RUNNING, started_at=timezone.now(), options={**job.options, "rows": 3}
    )
    job.refresh_from_db()
    shown = job_progress(job, handler_for(Job.KIND_EXPORT))
    assert (shown.done, shown.total, shown.estimated, shown.percent, shown.unit) == (3, 5, True, 60, "users")
    body = admin_client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "of about <span data-total>5</span>" in body and 'value="60"' in body
    assert "</progress> 3/~5</td>" in admin_client.get(reverse("jobs:list")).content.decode()

    Job.objects.filter(pk=job.pk).update(status=Job.QUEUED)
    assert runner.job_run(job_id=job.pk) == "finished"
    job.refresh_from_db()
    shown = job_progress(job, handler_for(Job.KIND_EXPORT))
    assert (shown.done, shown.total, shown.estimated) == (5, 5, False)
    body = admin_client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "of about" not in body
    assert 'data-announce="Finished: 5 users written."' in body
    assert "</progress> 5/5</td>" in admin_client.get(reverse("jobs:list")).content.decode()


def test_a_filtered_export_shows_no_pool_total(alice, pool):
    selection = {"type": "search", "query": {"text": "user1", "attribute": "email"}}
    job = export.export_start(operator=alice, pool_id=pool.id, selection=selection, enqueue=False)
    Job.objects.filter(pk=job.pk).update(status=Job.RUNNING, started_at=timezone.now())
    job.refresh_from_db()
    assert job_progress(job, handler_for(Job.KIND_EXPORT)).total is None


def test_the_job_page_names_the_status_for_the_live_region(tmp_path, alice, pool, admin_client):
    job = start_import(
        tmp_path,
        alice,
        pool.id,
        "email\nnew1@example.com\nuser1@example.com\n",
        existing="fail",
        suppress_invitations=True,
    )
    body = admin_client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert 'data-announce="Queued"' in body and "data-announcer" in body
    runner.job_run(job_id=job.pk)
    body = admin_client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert 'data-announce="Finished: 1 created, 0 updated, 0 skipped, 1 failed."' in body
