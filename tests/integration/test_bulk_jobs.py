"""Bulk jobs end to end with the import job's guarantees: a real moto server process, real Redis,
a real Celery worker process (killed with SIGKILL in one test)."""

import time

import pytest

from console.audit.models import AuditEvent
from console.cognito.client import cognito
from console.jobs import bulk, services
from console.jobs.models import Job, JobItem
from tests.fixtures.cognito import build_pool
from tests.fixtures.jobs import start_bulk
from tests.integration.conftest import CHUNK
from tests.integration.test_jobs import job_state, wait_for

pytestmark = [pytest.mark.integration]


def enabled_states(pool_id) -> dict[str, bool]:
    states = {}
    for page in cognito().get_paginator("list_users").paginate(UserPoolId=pool_id):
        states.update({u["Username"]: u["Enabled"] for u in page["Users"]})
    return states


def test_a_bulk_disable_survives_a_killed_worker(alice, start_worker):
    pool = build_pool(users=300)
    job = bulk.bulk_start(
        operator=alice, pool_id=pool.id, action="disable", selection={"type": "search", "query": {}}, reason="kill"
    )
    # Two UserUpdate calls per user: about 40 users a second, so the kill lands mid-job.
    first = start_worker(CONSOLE_RATE_QUOTAS="UserUpdate=80")
    wait_for(lambda: job_state(job.pk).processed >= 60, 90, "the first users", first)
    first.kill()
    at_kill = job_state(job.pk)
    assert at_kill.status == Job.RUNNING and at_kill.processed < 300 and at_kill.total == 300

    second = start_worker(CONSOLE_RATE_QUOTAS="UserUpdate=1000")
    done = wait_for(lambda: job_state(job.pk).status == Job.FINISHED and job_state(job.pk), 120, "the end", second)
    assert (done.total, done.updated, done.failed, done.skipped, done.processed) == (300, 300, 0, 0, 300)
    assert done.attempts >= 2
    assert JobItem.objects.filter(job=done).count() == 300  # the enumeration was not repeated
    assert not any(enabled_states(pool.id).values())
    events = AuditEvent.objects.filter(job_id=job.pk, action="user.disable")
    assert set(events.values_list("target", flat=True)) == set(pool.users.values())
    assert not events.exclude(outcome=AuditEvent.OUTCOME_SUCCESS).exists()


def test_throttling_never_fails_a_user(alice, start_worker):
    pool = build_pool(users=80)
    job = start_bulk(
        alice,
        pool,
        "group_add",
        {"type": "search", "query": {"text": "user", "attribute": "email"}},
        params={"group": "staff"},
        reason="INC-1",
    )
    worker = start_worker(CONSOLE_FAULT_THROTTLE_SHARE="0.3")
    done = wait_for(lambda: job_state(job.pk).status == Job.FINISHED and job_state(job.pk), 120, "the end", worker)
    assert (done.total, done.updated, done.failed) == (80, 80, 0)
    members = set()
    for page in cognito().get_paginator("list_users_in_group").paginate(UserPoolId=pool.id, GroupName="staff"):
        members |= {u["Username"] for u in page["Users"]}
    assert members == set(pool.users.values())
    refused = AuditEvent.objects.filter(job_id=job.pk, error_code="TooManyRequestsException")
    assert refused.exists()  # the injector really throttled, and every user still made it


def test_cancel_stops_a_bulk_job_within_one_chunk(alice, start_worker):
    pool = build_pool(users=200)
    job = start_bulk(alice, pool, "sign_out", list(pool.users.values()), reason="INC-1")
    worker = start_worker(CONSOLE_RATE_QUOTAS="UserUpdate=20")
    wait_for(lambda: job_state(job.pk).processed >= CHUNK, 60, "the first chunk", worker)
    asked = services.job_cancel(operator=alice, job=job_state(job.pk))
    started = time.monotonic()
    done = wait_for(lambda: job_state(job.pk).status == Job.CANCELLED and job_state(job.pk), 30, "cancel", worker)
    assert done.processed - asked.processed <= CHUNK and time.monotonic() - started < 30
    assert done.failed == 0 and done.cancelled == 200 - done.processed > 0
    signed_out = AuditEvent.objects.filter(job_id=job.pk, action="user.sign_out").count()
    assert signed_out == done.updated
