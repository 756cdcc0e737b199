"""Import benchmark: the console's import job against raw boto3, on a moto server process.

    .venv/bin/python -m bench.import_bench [--rows 10000] [--concurrency 8] [--limited-rows 600]

Measures, in one run:
1. raw ceiling: a plain boto3 script calling AdminCreateUser from N threads;
2. the one-by-one boto3 loop a person would otherwise write;
3. the console: upload check + Job with items + the runner (chunks, N threads,
   Redis rate limiter on with quotas raised so it does not throttle the emulator);
4. the limiter at 50/s on a real import: sustained rate and the busiest one-second window;
5. checking a 100,000-row file: time and peak Python memory, against a 10,000-row file.
Needs Redis (CONSOLE_BENCH_REDIS_URL, default redis://127.0.0.1:6379/13).
"""

import argparse
import os
import sys
import tempfile
import threading
import time
import tracemalloc
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

WORK = Path(tempfile.mkdtemp(prefix="import-bench-"))
REDIS_URL = os.environ.get("CONSOLE_BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")


def setup_django(endpoint: str, concurrency: int) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "console.settings",
            "CONSOLE_VAR_DIR": str(WORK),
            "CONSOLE_COGNITO_ENDPOINT_URL": endpoint,
            "CONSOLE_REGIONS": "us-east-1",
            "REDIS_URL": REDIS_URL,
            "CONSOLE_JOB_CONCURRENCY": str(concurrency),
            "CONSOLE_JOB_CHUNK_SIZE": os.environ.get("CONSOLE_JOB_CHUNK_SIZE", "200"),
            "CONSOLE_LOG_LEVEL": "warning",
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_SESSION_TOKEN": "testing",
        }
    )
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def new_pool(name: str) -> str:
    from console.cognito.client import cognito

    # Usernames, not email sign-in: moto's email-alias scan is O(users) and not thread-safe
    # (500 "OrderedDict mutated during iteration" under concurrent creates).
    return cognito().create_user_pool(
        PoolName=name,
        Schema=[{"Name": "email", "AttributeDataType": "String", "Required": True, "Mutable": True}],
    )["UserPool"]["Id"]


def rows(n: int, prefix: str) -> list[tuple[str, str, str, str]]:
    return [(f"{prefix}{i:06d}", f"{prefix}{i:06d}@example.com", f"Given{i}", f"Family{i}") for i in range(n)]


def raw_create(client, pool_id, row):
    # moto's server now and then answers 500 under concurrent writes; a plain script would retry.
    for attempt in range(5):
        try:
            return _raw_create(client, pool_id, row)
        except client.exceptions.UsernameExistsException:
            return None
        except client.exceptions.ClientError:
            if attempt == 4:
                raise
            time.sleep(0.1)


def _raw_create(client, pool_id, row):
    client.admin_create_user(
        UserPoolId=pool_id,
        Username=row[0],
        UserAttributes=[
            {"Name": "email", "Value": row[1]},
            {"Name": "given_name", "Value": row[2]},
            {"Name": "family_name", "Value": row[3]},
        ],
        MessageAction="SUPPRESS",
    )


def bench_raw(server, n: int, concurrency: int) -> float:
    from console.cognito.client import cognito

    server.reset()
    pool_id = new_pool("raw")
    client = cognito()
    data = rows(n, "raw")
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(lambda r: raw_create(client, pool_id, r), data))
    return n / (time.perf_counter() - started)


def bench_loop(server, n: int) -> float:
    from console.cognito.client import cognito

    server.reset()
    pool_id = new_pool("loop")
    client = cognito()
    started = time.perf_counter()
    for row in rows(n, "loop"):
        raw_create(client, pool_id, row)
    return n / (time.perf_counter() - started)


def write_csv(n: int, prefix: str) -> str:
    path = WORK / f"{prefix}-{n}.csv"
    with open(path, "w") as f:
        f.write("username,email,given_name,family_name\n")
        for username, email, given, family in rows(n, prefix):
            f.write(f"{username},{email},{given},{family}\n")
    return str(path)


def admin():
    from console.accounts.models import Operator
    from console.accounts.services import operator_create

    return Operator.objects.filter(username="bench").first() or operator_create(
        username="bench", role="admin", password="Bench-Password-123456"
    )


def console_import(pool_id: str, path: str):
    from console.jobs import services
    from console.jobs.models import Job
    from console.jobs.runner import job_run

    operator = admin()
    t0 = time.perf_counter()
    upload = services.store_path(operator=operator, pool_id=pool_id, source=path)
    services.import_check(upload=upload)
    job = services.import_start(operator=operator, upload=upload, suppress_invitations=True, enqueue=False)
    t1 = time.perf_counter()
    job_run(job_id=job.pk)
    t2 = time.perf_counter()
    return Job.objects.get(pk=job.pk), t1 - t0, t2 - t1


def bench_console(server, n: int) -> tuple[float, float, object]:
    from django.conf import settings

    server.reset()
    pool_id = new_pool("console")
    settings.CONSOLE_RATE_BUDGET_SHARE = 1.0
    settings.CONSOLE_RATE_QUOTAS = ["UserCreation=100000", "UserPoolRead=1000", "UserResourceRead=1000"]
    job, prepare_seconds, run_seconds = console_import(pool_id, write_csv(n, "console"))
    assert job.created == n, (job.created, job.failed, job.note)
    return n / run_seconds, prepare_seconds, job


def bench_limited(server, n: int) -> tuple[float, int, int]:
    """A real import with UserCreation limited to 50/s: timestamps of every AdminCreateUser."""
    from django.conf import settings

    from console.cognito.client import cognito

    server.reset()
    pool_id = new_pool("limited")
    settings.CONSOLE_RATE_BUDGET_SHARE = 1.0
    settings.CONSOLE_RATE_QUOTAS = ["UserCreation=50", "UserPoolRead=1000", "UserResourceRead=1000"]
    stamps, lock = [], threading.Lock()

    def record(**kwargs):
        with lock:
            stamps.append(time.monotonic())

    client = cognito()
    client.meta.events.register("before-call.cognito-identity-provider.AdminCreateUser", record)
    try:
        job, _, _ = console_import(pool_id, write_csv(n, "limited"))
    finally:
        client.meta.events.unregister("before-call.cognito-identity-provider.AdminCreateUser", record)
    assert job.created == n
    stamps.sort()
    sustained = (len(stamps) - 1) / (stamps[-1] - stamps[0])
    busiest, start = 0, 0
    for end, t in enumerate(stamps):
        while t - stamps[start] >= 1.0:
            start += 1
        busiest = max(busiest, end - start + 1)
    from console.cognito.limiter import limit_for

    return sustained, busiest, int(limit_for("AdminCreateUser").capacity)


def bench_validation(n: int) -> tuple[float, float]:
    """Seconds and peak Python memory (MB) to check an n-row file."""
    from console.cognito.provisioning import PoolSchema, SchemaAttribute
    from console.jobs.csvimport import check_file

    path = WORK / f"validate-{n}.csv"
    with open(path, "w") as f:
        f.write("email,given_name,family_name,phone_number,custom:department,groups\n")
        for i in range(n):
            f.write(f"user{i:06d}@example.com,Given{i},Family{i},+1415{i:07d},Sales,staff\n")
    schema = PoolSchema(
        pool_id="us-east-1_bench",
        username_attributes=["email"],
        attributes={
            name: SchemaAttribute(name, required=name == "email")
            for name in ("email", "given_name", "family_name", "phone_number", "custom:department")
        },
    )

    def run():
        return check_file(str(path), schema=schema, groups={"staff"}, max_rows=500_000, on_valid=lambda r: None)

    started = time.perf_counter()
    report = run()
    elapsed = time.perf_counter() - started
    assert report.valid == n, report.problem
    tracemalloc.start()  # a second pass for memory: tracing slows it down
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak / 1024 / 1024, path.stat().st_size / 1024 / 1024


def rss_mb(field: str = "VmRSS") -> float:
    """This process's resident (VmRSS) or peak resident (VmHWM) memory, from /proc."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def reset_peak_rss() -> None:
    """Linux: writing 5 to clear_refs resets VmHWM, so the next peak is this phase's own."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--limited-rows", type=int, default=600)
    args = parser.parse_args()

    from console.emulator.server import EmulatorServer

    with EmulatorServer() as server:
        setup_django(server.url, args.concurrency)
        print(f"rows={args.rows} concurrency={args.concurrency} emulator={server.url}", flush=True)
        raw = bench_raw(server, args.rows, args.concurrency)
        print(f"raw boto3, {args.concurrency} threads:   {raw:8.1f} rows/s", flush=True)
        loop = bench_loop(server, args.rows)
        print(f"raw boto3, one by one:   {loop:8.1f} rows/s", flush=True)
        reset_peak_rss()
        before = rss_mb()
        console, prepare, job = bench_console(server, args.rows)
        grown = rss_mb("VmHWM") - before
        print(f"console import job:      {console:8.1f} rows/s (check + items before the run: {prepare:.1f}s)")
        print(f"  peak memory growth of the process (check, items, run): {grown:.1f} MB")
        print(f"  ratio to raw ceiling:  {console / raw:8.2f} (aim >= 0.8)")
        print(f"  ratio to one-by-one:   {console / loop:8.2f} (aim >= 1.2)", flush=True)
        sustained, busiest, burst = bench_limited(server, args.limited_rows)
        print(
            f"limiter at 50/s: sustained {sustained:.1f}/s (aim >= 45), busiest 1 s window {busiest} "
            f"(limit + burst = {50 + burst})",
            flush=True,
        )
    for n in (10_000, 100_000):
        seconds, peak, size = bench_validation(n)
        print(f"check {n:>7,} rows ({size:.1f} MB): {seconds:5.2f}s, peak traced memory {peak:5.1f} MB")
    ok = console / raw >= 0.8 and console / loop >= 1.2 and sustained >= 45 and busiest <= 50 + burst
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
