"""Bulk lost-phone and stolen-laptop actions (issue 13, item 6) against the emulator process:
remove the authenticator app from many users (users without one are skipped) and sign many users
out everywhere, ending every session. Every call a job makes is charged to the shared limiter."""

import pytest

from console.audit.models import AuditEvent
from console.cognito import limiter
from console.cognito.client import cognito
from console.jobs import runner
from console.jobs.models import Job, JobItem
from console.users.actions import BULK_ACTIONS
from tests.emulator.test_cognito_factors import signed_in, with_authenticator
from tests.fixtures.cognito import build_pool
from tests.fixtures.jobs import start_bulk

pytestmark = pytest.mark.django_db
EMAILS = ["user0@example.com", "user1@example.com", "user2@example.com"]


@pytest.fixture
def taken(monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(limiter, "acquire", lambda operation, region, **kw: calls.append(operation) or 0.0)
    return calls


def run(job: Job) -> Job:
    assert runner.job_run(job_id=job.pk) == "finished"
    job.refresh_from_db()
    return job


def configured(pool, email) -> list[str]:
    return cognito().admin_get_user_auth_factors(UserPoolId=pool.id, Username=email)["ConfiguredUserAuthFactors"]


def sessions(pool, email) -> list:
    return cognito().admin_list_user_sessions(UserPoolId=pool.id, Username=email)["Sessions"]


def test_both_are_offered_in_bulk():
    assert {"remove_authenticator", "sign_out"} <= set(BULK_ACTIONS)
    assert not BULK_ACTIONS["remove_authenticator"].inverse  # nothing brings an authenticator back


def test_it_removes_the_authenticator_app_of_many_users_and_skips_those_without(emulator, hugo, taken):
    pool = build_pool(users=3)
    for email in EMAILS[:2]:
        with_authenticator(pool, email)
    job = run(start_bulk(hugo, pool, "remove_authenticator", [pool.users[e] for e in EMAILS], reason="INC-7",
                         enqueue=False))
    assert (job.status, job.updated, job.skipped, job.failed) == (Job.FINISHED, 2, 1, 0)
    assert not any("SOFTWARE_TOKEN" in configured(pool, e) for e in EMAILS)
    skipped = JobItem.objects.get(job=job, status=JobItem.SKIPPED)
    assert skipped.key == pool.users[EMAILS[2]] and "No authenticator app" in skipped.error
    events = AuditEvent.objects.filter(job_id=job.pk, action="user.remove_authenticator")
    assert events.count() == 2 and set(events.values_list("reason", flat=True)) == {"INC-7"}
    # Quota-safe: each user's factors read and each removal took a token.
    assert taken.count("AdminGetUserAuthFactors") == 3 and taken.count("AdminDeleteSoftwareToken") == 2


def test_a_retried_item_whose_authenticator_is_already_gone_counts_as_done(emulator, hugo):
    pool = build_pool(users=1)
    job = start_bulk(hugo, pool, "remove_authenticator", [pool.users[EMAILS[0]]], reason="INC-7", enqueue=False)
    JobItem.objects.filter(job=job).update(attempts=1)  # a worker died after an earlier attempt
    job = run(job)
    assert (job.updated, job.skipped) == (1, 0)


def test_it_signs_many_users_out_everywhere_ending_every_session(emulator, hugo, taken):
    pool = build_pool(users=3)
    for email in EMAILS:
        signed_in(pool, email)
        signed_in(pool, email)
    assert all(len(sessions(pool, e)) == 2 for e in EMAILS)
    job = run(start_bulk(hugo, pool, "sign_out", [pool.users[e] for e in EMAILS[:2]], reason="INC-8", enqueue=False))
    assert (job.updated, job.failed) == (2, 0)
    assert [len(sessions(pool, e)) for e in EMAILS] == [0, 0, 2]
    assert taken.count("AdminUserGlobalSignOut") == 2
