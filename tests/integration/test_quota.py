"""Quota safety end to end: every job kind (import, every bulk action, export, reverse) at once over
a few hundred users, with three Celery worker processes, against a real moto server process. Every
Cognito call is timestamped where Cognito would count it (a recording proxy in front of the
emulator), and no 1-second window may hold more calls than the configured budget (rate x share,
plus burst) in any quota category."""

import pytest

from console.cognito import limiter
from console.jobs import bulk, export
from console.jobs.models import Job
from tests.fixtures.cognito import build_pool
from tests.integration.recording import RecordingProxy
from tests.integration.test_jobs import csv_rows, job_state, start_import, wait_for

pytestmark = [pytest.mark.integration]

USERS = 200
WORKERS = 3
# Small budgets so the test is quick; per second at a 50 % share: user calls 60, lists and reads 10.
QUOTAS = (
    "UserCreation=120,UserUpdate=120,UserRead=120,UserAccountRecovery=120,"
    "UserList=20,UserResourceRead=20,UserResourceUpdate=20,UserPoolRead=20"
)
SHARE = "0.5"
# A burst of one call: the old hand-applied limiter charged one token for a Disable's two calls then.
BURST_SECONDS = "0.01"
# A window of one second at the emulator spans a little more at the limiter: a call waits between
# taking its token and arriving (thread scheduling on a loaded machine, the proxy). This much slack,
# at the rate, is allowed for that transit; it is a fraction of one second's rate, never the burst.
TRANSIT_SECONDS = 0.05
# Reversed in a second phase: their reverses (enable, group remove) are the remaining bulk actions.
REVERSED = ("disable", "group_add")
PARAMS = {"group_add": {"group": "staff"}, "set_attribute": {"attribute": "given_name", "value": "Renamed"}}


@pytest.fixture
def budget(settings):
    settings.CONSOLE_RATE_QUOTAS = QUOTAS.split(",")
    settings.CONSOLE_RATE_BUDGET_SHARE = float(SHARE)
    settings.CONSOLE_RATE_BURST_SECONDS = float(BURST_SECONDS)

    def of(category: str) -> int:
        operation = next(op for op, cat in limiter.CATEGORIES.items() if cat == category)
        limit = limiter.limit_for(operation)
        return int(limit.rate * (1 + TRANSIT_SECONDS) + limit.capacity)

    return of


def _bulk(operator, pool_id: str, action: str) -> Job:
    return bulk.bulk_start(
        operator=operator,
        pool_id=pool_id,
        action=action,
        selection={"type": "search", "query": {}},
        params=PARAMS.get(action, {}),
        reason="quota test",
        typed_count="all" if action == "delete" else "",
    )


def _ended(jobs: list[Job]) -> bool:
    return all(job_state(j.pk).status in Job.ENDED for j in jobs)


def test_no_second_goes_over_the_budget_in_any_category(tmp_path, alice, emulator, start_worker, budget):
    shared = build_pool(name="Shared", users=USERS)
    # Actions that remove users or (on the emulator) add some get pools of their own.
    deleted = build_pool(name="Deleted", users=USERS)
    invited = build_pool(name="Invited", users=USERS)
    imported = build_pool(name="Imported", users=0)

    with RecordingProxy(emulator.url) as proxy:
        workers = [
            start_worker(
                CONSOLE_COGNITO_ENDPOINT_URL=proxy.url,
                CONSOLE_RATE_QUOTAS=QUOTAS,
                CONSOLE_RATE_BUDGET_SHARE=SHARE,
                CONSOLE_RATE_BURST_SECONDS=BURST_SECONDS,
            )
            for _ in range(WORKERS)
        ]
        first = [start_import(tmp_path, alice, imported.id, csv_rows(USERS, groups="staff"))]
        first.append(export.export_start(operator=alice, pool_id=shared.id, selection={"type": "pool"}))
        pools = {"delete": deleted.id, "resend_invitation": invited.id}
        reverses = {job.options["action"]: job for job in first if job.kind == Job.KIND_BULK}
        started = {bulk.ACTIONS[a].inverse for a in REVERSED}
        for action in bulk.ACTIONS:
            if action in started:
                continue  # run as the reverse of its inverse
            job = _bulk(alice, pools.get(action, shared.id), action)
            first.append(job)
            reverses[action] = job
        wait_for(lambda: _ended([reverses[a] for a in REVERSED]), 150, "the jobs to reverse", workers[0], step=0.5)
        second = [bulk.bulk_reverse(operator=alice, job=job_state(reverses[a].pk)) for a in REVERSED]
        wait_for(lambda: _ended(first + second), 150, "every job", workers[0], step=0.5)

    jobs = [job_state(j.pk) for j in first + second]
    assert {j.options.get("action") for j in jobs if j.kind == Job.KIND_BULK} == set(bulk.ACTIONS)
    assert {j.kind for j in jobs} == {Job.KIND_IMPORT, Job.KIND_BULK, Job.KIND_EXPORT}
    assert all(j.status == Job.FINISHED and j.processed == j.total for j in jobs), [
        (j.title, j.status, j.processed, j.total, j.note) for j in jobs
    ]
    assert all(j.total >= USERS for j in jobs if j.kind != Job.KIND_EXPORT)
    assert job_state(first[1].pk).options["rows"] == USERS

    busiest = proxy.busiest_windows(lambda op: limiter.limit_for(op).category)
    over = {category: (calls, budget(category)) for category, calls in busiest.items() if calls > budget(category)}
    print("busiest 1-second windows (calls, budget):", {c: (n, budget(c)) for c, n in busiest.items()})
    assert len(proxy.calls) > USERS * len(bulk.ACTIONS)
    assert not over, f"calls in the busiest second above the budget: {over}"
