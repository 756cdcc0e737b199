"""Bulk and export benchmark: the console's jobs against raw boto3, on a moto server process.

    .venv/bin/python -m bench.bulk_bench [--users 10000] [--disable 5000] [--concurrency 8]

One pool (a username pool: moto fails concurrent creates in email-sign-in pools) of --users
users, created with threads before anything is timed, serves every measure:
1. disabling --disable users: a raw threaded boto3 script (AdminDisableUser +
   AdminUserGlobalSignOut per user, as the console's disable does) on one half of the users,
   the console's bulk job (items, runner, limiter with raised quotas, audit per user) on the
   other half; throughput ratio console / raw (aim >= 0.8);
2. exporting every user: a raw ListUsers scan against the console's export job (schema,
   ListUsersInGroup per group, formula-safe CSV on disk); time ratio console / raw (aim <= 1.3);
3. memory: peak resident growth of the process for a small and a large bulk job and export
   (aim: flat, i.e. the large one within a few MB of the small one).
Needs Redis (CONSOLE_BENCH_REDIS_URL, default redis://127.0.0.1:6379/13).
"""

import argparse
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from bench.import_bench import admin, raw_create, reset_peak_rss, rows, rss_mb, setup_django

GROUP_MEMBERS = 500
ROUNDS = 3


def create_pool(n: int, concurrency: int) -> tuple[str, list[str]]:
    from console.cognito.client import cognito

    client = cognito()
    pool_id = client.create_user_pool(
        PoolName="bulk-bench",
        Schema=[{"Name": "email", "AttributeDataType": "String", "Required": True, "Mutable": True}],
    )["UserPool"]["Id"]
    data = rows(n, "b")
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(lambda r: raw_create(client, pool_id, r), data))
    client.create_group(UserPoolId=pool_id, GroupName="staff")
    for username, *_ in data[:GROUP_MEMBERS]:
        client.admin_add_user_to_group(UserPoolId=pool_id, GroupName="staff", Username=username)
    return pool_id, [r[0] for r in data]


def _retrying(call, **kwargs):
    # moto's server now and then answers 500 under concurrent writes; a plain script would retry.
    for attempt in range(5):
        try:
            return call(**kwargs)
        except Exception:  # noqa: BLE001
            if attempt == 4:
                raise
            time.sleep(0.1)


def raw_disable(pool_id: str, usernames: list[str], concurrency: int) -> float:
    from console.cognito.client import cognito

    client = cognito()

    def one(username):
        _retrying(client.admin_disable_user, UserPoolId=pool_id, Username=username)
        _retrying(client.admin_user_global_sign_out, UserPoolId=pool_id, Username=username)

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, usernames))
    return len(usernames) / (time.perf_counter() - started)


def run_measured(job):
    """Run the job here: (the job as it ended, seconds of the run, peak RSS growth in MB)."""
    from console.jobs.models import Job
    from console.jobs.runner import job_run

    reset_peak_rss()
    before = rss_mb()
    started = time.perf_counter()
    job_run(job_id=job.pk)
    elapsed = time.perf_counter() - started
    grown = rss_mb("VmHWM") - before
    return Job.objects.get(pk=job.pk), elapsed, grown


def console_disable(pool_id: str, usernames: list[str]) -> tuple[float, float]:
    """(users/s of the run, peak RSS growth in MB)."""
    from console.jobs import bulk

    job = bulk.bulk_start(
        operator=admin(),
        pool_id=pool_id,
        action="disable",
        selection={"type": "usernames", "usernames": usernames},
        enqueue=False,
    )
    job, elapsed, grown = run_measured(job)
    assert job.updated == len(usernames) and job.failed == 0, (job.updated, job.failed, job.note)
    return len(usernames) / elapsed, grown


def raw_scan(pool_id: str) -> tuple[float, int]:
    from console.cognito.client import cognito

    client = cognito()
    started = time.perf_counter()
    count, token = 0, None
    while True:
        params = {"UserPoolId": pool_id, "Limit": 60}
        if token:
            params["PaginationToken"] = token
        page = client.list_users(**params)
        count += len(page["Users"])
        token = page.get("PaginationToken")
        if not token:
            return time.perf_counter() - started, count


def console_export(pool_id: str, selection: dict) -> tuple[float, int, float]:
    """(seconds of the run, users written, peak RSS growth in MB)."""
    from console.jobs import export
    from console.jobs.models import Job

    job = export.export_start(operator=admin(), pool_id=pool_id, selection=selection, enqueue=False)
    job, elapsed, grown = run_measured(job)
    assert job.status == Job.FINISHED, job.note
    return elapsed, job.options["rows"], grown


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--disable", type=int, default=5_000)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    assert args.disable * 2 <= args.users, "the raw script and the console each disable their own half"

    from console.emulator.server import EmulatorServer

    with EmulatorServer() as server:
        setup_django(server.url, args.concurrency)
        from django.conf import settings

        settings.CONSOLE_RATE_BUDGET_SHARE = 1.0
        settings.CONSOLE_RATE_QUOTAS = [
            "UserUpdate=100000",
            "UserList=100000",
            "UserPoolRead=1000",
            "UserResourceRead=1000",
        ]
        print(f"users={args.users} disable={args.disable} concurrency={args.concurrency}", flush=True)
        started = time.perf_counter()
        pool_id, usernames = create_pool(args.users, args.concurrency)
        print(f"pool created in {time.perf_counter() - started:.0f}s", flush=True)

        small = max(100, args.disable // 5)
        console_disable(pool_id, usernames[-20:])  # warm-up: first imports and connections are not per-user cost
        # Raw and console take turns on quarters of their halves, so a busy neighbour on a shared
        # machine slows both alike; each rate is its users over its own total time.
        raw_half, console_half = usernames[: args.disable], usernames[args.disable : 2 * args.disable]
        quarter = args.disable // ROUNDS
        raw_time = console_time = 0.0
        for r in range(ROUNDS):
            part = slice(r * quarter, (r + 1) * quarter)
            raw_time += quarter / raw_disable(pool_id, raw_half[part], args.concurrency)
            rate, _ = console_disable(pool_id, console_half[part])
            console_time += quarter / rate
        raw, console = ROUNDS * quarter / raw_time, ROUNDS * quarter / console_time
        _, small_growth = console_disable(pool_id, console_half[:small])  # again, in one small job
        _, big_growth = console_disable(pool_id, usernames[: args.disable])  # the raw half again, in one job
        print(f"raw boto3 disable, {args.concurrency} threads: {raw:8.1f} users/s")
        print(f"console bulk disable:           {console:8.1f} users/s")
        print(f"  ratio to raw:                 {console / raw:8.2f} (aim >= 0.8)")
        print(
            f"  peak memory growth: {small:,} users {small_growth:.1f} MB, {args.disable:,} users {big_growth:.1f} MB"
        )

        raw_best = console_best = float("inf")
        for _ in range(ROUNDS):
            raw_seconds, raw_count = raw_scan(pool_id)
            seconds, count, export_growth = console_export(pool_id, {"type": "pool"})
            assert count == raw_count, (count, raw_count)
            raw_best, console_best = min(raw_best, raw_seconds), min(console_best, seconds)
        _, small_rows, small_export = console_export(
            pool_id, {"type": "search", "query": {"attribute": "username", "text": "b000"}}
        )
        print(f"raw ListUsers scan (best of {ROUNDS}):  {raw_best:8.2f} s ({raw_count} users)")
        print(f"console export job (best of {ROUNDS}):  {console_best:8.2f} s ({count} users)")
        print(f"  ratio to raw:                 {console_best / raw_best:8.2f} (aim <= 1.3)")
        print(
            f"  peak memory growth: {small_rows:,} users {small_export:.1f} MB, {count:,} users {export_growth:.1f} MB"
        )
        seconds, raw_seconds = console_best, raw_best
    ok = console / raw >= 0.8 and seconds / raw_seconds <= 1.3
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
