"""Load: 20 operators at once against the production server (gunicorn) on PostgreSQL.

A moto server process holds a pool of users. gunicorn serves the console (its own
processes, PostgreSQL, DEBUG off). Each simulated operator is a thread with its
own HTTP session: it signs in through the form (CSRF token and all), then for the
duration browses the users table (full pages and htmx searches) and opens user
pages. Every answer must be a 200 of the expected page: any other is an error.

The baseline is measured in the same run against the same moto server: the raw
Cognito calls behind those pages (ListUsers, AdminGetUser) from the same number
of threads for a few seconds. Latency ratios are console / raw at p50 and p95.

    .venv/bin/python -m bench.load_bench [--operators 20] [--duration 60] [--users 500] [--workers 4]

Needs PostgreSQL (--database-url; the database is dropped and created afresh).
"""

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import requests

from console.emulator.server import EMULATOR_ENV, EmulatorServer, free_port

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "Load-Bench-Passw0rd-1"


def _fresh_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _environment(args, endpoint: str, var_dir: str) -> dict:
    return {
        **os.environ,
        **EMULATOR_ENV,
        "DJANGO_SETTINGS_MODULE": "console.settings",
        "DATABASE_URL": args.database_url,
        "CONSOLE_COGNITO_ENDPOINT_URL": endpoint,
        "CONSOLE_VAR_DIR": var_dir,
        "CONSOLE_DEBUG": "false",
        "CONSOLE_LOG_LEVEL": "warning",
        "CONSOLE_REGIONS": "us-east-1",
        "REDIS_URL": args.redis_url,
    }


def _seed(users: int, operators: int) -> tuple[str, list[str]]:
    """The pool (users created from 4 threads) and the helpdesk operators; returns (pool id, usernames)."""
    from django.core.management import call_command

    from bench.users_bench import create_pool
    from console.accounts.services import operator_create
    from console.cognito.client import cognito

    call_command("migrate", verbosity=0)
    for i in range(operators):
        operator_create(username=f"op{i:02d}", role="helpdesk", password=PASSWORD, pools=None)
    pool_id = create_pool(users, threads=4, name="Load pool")
    c = cognito()
    usernames = [
        u["Username"] for page in c.get_paginator("list_users").paginate(UserPoolId=pool_id) for u in page["Users"]
    ]
    return pool_id, usernames


def _gunicorn(env: dict, port: int, workers: int, threads: int, log: Path) -> subprocess.Popen:
    out = open(log, "wb")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "console.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread" if threads > 1 else "sync",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    out.close()
    for _ in range(300):
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code in (200, 503):
                return process
        except requests.RequestException:
            pass
        if process.poll() is not None:
            break
        time.sleep(0.1)
    process.kill()
    raise RuntimeError("gunicorn did not start:\n" + log.read_text(errors="replace")[-3000:])


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Operator(threading.Thread):
    def __init__(self, base: str, name: str, pool_id: str, usernames: list[str], deadline: float, seed: int):
        super().__init__(daemon=True)
        self.base, self.name_, self.pool_id, self.usernames, self.deadline = base, name, pool_id, usernames, deadline
        self.random = random.Random(seed)
        self.samples: list[tuple[str, float]] = []
        self.errors: list[str] = []

    def sign_in(self, s: requests.Session) -> None:
        page = s.get(f"{self.base}/accounts/login/", timeout=30)
        token = CSRF.search(page.text).group(1)
        answer = s.post(
            f"{self.base}/accounts/login/",
            timeout=30,
            allow_redirects=False,
            data={"username": self.name_, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.base}/accounts/login/"},
        )
        if answer.status_code != 302 or "/accounts/login/" in answer.headers.get("Location", ""):
            raise RuntimeError(f"{self.name_} could not sign in: {answer.status_code}")

    def hit(self, s: requests.Session, kind: str, path: str, expect: str, **kwargs) -> None:
        start = time.perf_counter()
        try:
            r = s.get(self.base + path, timeout=30, allow_redirects=False, **kwargs)
        except requests.RequestException as exc:
            self.errors.append(f"{kind}: {exc}")
            return
        elapsed = time.perf_counter() - start
        if r.status_code != 200 or expect not in r.text:
            self.errors.append(f"{kind} {path}: {r.status_code}")
            return
        self.samples.append((kind, elapsed))

    def run(self) -> None:
        users = f"/pools/{self.pool_id}/users/"
        with requests.Session() as s:
            try:
                self.sign_in(s)
            except Exception as exc:  # noqa: BLE001 - counted as an error of the run
                self.errors.append(f"sign-in: {exc}")
                return
            while time.monotonic() < self.deadline:
                roll = self.random.random()
                if roll < 0.35:
                    self.hit(s, "users page", users, "table")
                elif roll < 0.5:
                    prefix = f"user{self.random.randrange(0, 500):03d}"
                    self.hit(
                        s,
                        "users search (htmx)",
                        users,
                        "<tr",
                        params={"q": prefix, "attr": "email"},
                        headers={"HX-Request": "true"},
                    )
                else:
                    username = self.random.choice(self.usernames)
                    self.hit(s, "user page", f"{users}u/{username}", username)


def _raw_baseline(pool_id: str, usernames: list[str], threads: int, seconds: float) -> dict[str, list[float]]:
    """The Cognito calls behind the pages, from as many threads, through the console's client."""
    from console.cognito.client import cognito

    c = cognito()
    samples: dict[str, list[float]] = {"ListUsers": [], "AdminGetUser": []}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def loop(seed):
        rnd = random.Random(seed)
        while time.monotonic() < deadline:
            if rnd.random() < 0.5:
                op, call = "ListUsers", lambda: c.list_users(UserPoolId=pool_id, Limit=50)
            else:
                name = rnd.choice(usernames)
                op, call = "AdminGetUser", lambda name=name: c.admin_get_user(UserPoolId=pool_id, Username=name)
            start = time.perf_counter()
            call()
            elapsed = time.perf_counter() - start
            with lock:
                samples[op].append(elapsed)

    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(loop, range(threads)))
    return samples


def _pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] if len(values) > 1 else values[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--operators", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60, help="seconds of browsing")
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (gthread)")
    parser.add_argument("--baseline-seconds", type=float, default=15)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("CONSOLE_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/console_loadbench"),
    )
    parser.add_argument("--redis-url", default=os.environ.get("CONSOLE_BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"))
    args = parser.parse_args()

    _fresh_database(args.database_url)
    with EmulatorServer() as server, tempfile.TemporaryDirectory() as var_dir:
        env = _environment(args, server.url, var_dir)
        os.environ.update(env)
        import django

        django.setup()
        started = time.perf_counter()
        pool_id, usernames = _seed(args.users, args.operators)
        print(
            f"seeded {len(usernames)} users, {args.operators} operators in {time.perf_counter() - started:.1f}s",
            flush=True,
        )
        from django.db import connections

        connections.close_all()

        port = free_port()
        log = Path(var_dir) / "gunicorn.log"
        web = _gunicorn(env, port, args.workers, args.threads, log)
        try:
            raw = _raw_baseline(pool_id, usernames, args.operators, args.baseline_seconds)
            deadline = time.monotonic() + args.duration
            operators = [
                Operator(f"http://127.0.0.1:{port}", f"op{i:02d}", pool_id, usernames, deadline, i)
                for i in range(args.operators)
            ]
            for op in operators:
                op.start()
            for op in operators:
                op.join(args.duration + 120)
            raw_after = _raw_baseline(pool_id, usernames, args.operators, args.baseline_seconds / 3)
        finally:
            os.killpg(web.pid, 15)
            web.wait(30)
        server_log = log.read_text(errors="replace")

    for op, values in raw_after.items():  # before and after, so a drift of the machine shows in both
        raw[op] += values
    errors = [e for op in operators for e in op.errors]
    samples: dict[str, list[float]] = {}
    for op in operators:
        for kind, elapsed in op.samples:
            samples.setdefault(kind, []).append(elapsed)
    baseline = {"users page": "ListUsers", "users search (htmx)": "ListUsers", "user page": "AdminGetUser"}
    total = sum(len(v) for v in samples.values())
    print(
        f"\n{args.operators} operators, {args.duration:.0f} s, gunicorn {args.workers}x{args.threads}: "
        f"{total} requests ({total / args.duration:.1f}/s), {len(errors)} errors"
    )
    print(
        f"{'what':<24} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'raw':>13} {'raw p50':>8} {'raw p95':>8} "
        f"{'p50 ×':>6} {'p95 ×':>6}"
    )
    for op, values in raw.items():
        print(f"{'raw ' + op:<24} {len(values):>6} {_pct(values, 50) * 1000:>8.1f} {_pct(values, 95) * 1000:>8.1f}")
    for kind, values in samples.items():
        base = raw[baseline[kind]]
        p50, p95 = _pct(values, 50), _pct(values, 95)
        b50, b95 = _pct(base, 50), _pct(base, 95)
        print(
            f"{kind:<24} {len(values):>6} {p50 * 1000:>8.1f} {p95 * 1000:>8.1f} {baseline[kind]:>13} "
            f"{b50 * 1000:>8.1f} {b95 * 1000:>8.1f} {p50 / b50:>6.2f} {p95 / b95:>6.2f}"
        )
    if errors:
        print("errors (first 10):", *errors[:10], sep="\n  ")
        print(server_log[-3000:])
    return 1 if errors or not total else 0


if __name__ == "__main__":
    sys.exit(main())
