"""Users table and search: the console's server time against the raw ListUsers call.

A moto server process holds a pool of 10,000 users (created with threads). For the
same page, the script times in the same run, interleaved:
  - raw: the ListUsers call alone, through the console's boto3 client;
  - console: the users page through Django's test Client (middleware, session and
    auth in the database, permission checks, the selector, template rendering).
Ratios are medians of console / raw. Aim: at most 1.5.

With --latency-ms 50 the cases run a second time with 50 ms added to every Cognito call
(a botocore before-send hook on the shared client, so raw and console calls wait alike):
closer to AWS, where a call takes tens of milliseconds rather than moto's few.

    .venv/bin/python -m bench.users_bench [--users 10000] [--rounds 30] [--latency-ms 50]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

from console.emulator.server import EMULATOR_ENV, EmulatorServer


def _setup_django(endpoint: str, var_dir: str) -> None:
    os.environ.update(EMULATOR_ENV)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "console.settings",
            "CONSOLE_COGNITO_ENDPOINT_URL": endpoint,
            "CONSOLE_VAR_DIR": var_dir,
            "CONSOLE_DEBUG": "false",
            "CONSOLE_LOG_LEVEL": "warning",
            "CONSOLE_REGIONS": "us-east-1",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def create_pool(users: int, threads: int, name: str = "Bench pool") -> str:
    """A pool signing in by email with `users` users, created from `threads` threads (load_bench uses it too)."""
    from console.cognito.client import cognito
    from tests.fixtures.cognito import email_user_create

    c = cognito()
    pool_id = c.create_user_pool(
        PoolName=name,
        UsernameAttributes=["email"],
        Schema=[{"Name": "email", "AttributeDataType": "String", "Required": True, "Mutable": True}],
    )["UserPool"]["Id"]

    def create(i: int) -> None:
        email = f"user{i:05d}@example.com"
        # moto's server is not thread-safe: a concurrent create sometimes fails with a bare 500
        # (after botocore's own retries). Try again; "already exists" means an earlier try landed.
        for attempt in range(30):
            try:
                email_user_create(c, pool_id, email, {"given_name": f"Given{i}", "family_name": f"Family{i}"})
                return
            except c.exceptions.UsernameExistsException:
                return
            except c.exceptions.ClientError:
                if attempt == 29:
                    raise
                time.sleep(0.02 * (attempt + 1))

    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(create, range(users)))
    return pool_id


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def add_latency(client, seconds: float):
    """Delay every call of this client by `seconds` before it is sent; returns the undo."""

    def wait(**kwargs):
        time.sleep(seconds)

    client.meta.events.register("before-send.cognito-idp", wait, unique_id="bench-latency")
    return lambda: client.meta.events.unregister("before-send.cognito-idp", unique_id="bench-latency")


def _print(cases: list[dict], rounds: int, title: str) -> float:
    print(f"\n{title}")
    print(
        f"{'case (medians of ' + str(rounds) + ' interleaved runs)':<50} {'raw ms':>8} {'console ms':>11} "
        f"{'ratio':>6} {'best':>6}"
    )
    worst = 0.0
    for row in cases:
        worst = max(worst, row["ratio"])
        print(
            f"{row['case']:<50} {row['raw_ms']:>8.1f} {row['console_ms']:>11.1f} "
            f"{row['ratio']:>6.2f} {row['best']:>6.2f}"
        )
    print(f"worst ratio {worst:.2f} (aim <= 1.5)")
    return worst


def _measure(name: str, raw, view, rounds: int) -> dict:
    for _ in range(3):  # warm-up: connections, template cache, pool list cache
        raw()
        view()
    raw_times, view_times = [], []
    for _ in range(rounds):
        raw_times.append(_timed(raw))
        view_times.append(_timed(view))
    raw_ms, view_ms = statistics.median(raw_times) * 1000, statistics.median(view_times) * 1000
    # The ratio of the fastest runs is printed too: on a busy machine it is the steadier figure.
    best = min(view_times) / min(raw_times)
    return {"case": name, "raw_ms": raw_ms, "console_ms": view_ms, "ratio": view_ms / raw_ms, "best": best}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--latency-ms", type=float, default=0, help="also measure with this delay per Cognito call")
    args = parser.parse_args()

    with EmulatorServer() as server, tempfile.TemporaryDirectory() as var_dir:
        _setup_django(server.url, var_dir)
        from django.conf import settings
        from django.test import Client
        from django.urls import reverse

        from console.accounts.services import operator_create
        from console.cognito.client import cognito
        from console.cognito.users import filter_expression

        started = time.perf_counter()
        pool_id = create_pool(args.users, args.threads)
        print(f"created {args.users} users in {time.perf_counter() - started:.1f}s", flush=True)

        operator = operator_create(username="bench", role="helpdesk", password="Bench-Passw0rd-123", pools=None)
        client = Client()
        client.force_login(operator)
        url = reverse("users:list", args=[pool_id])
        limit = settings.CONSOLE_USERS_PAGE_SIZE
        c = cognito()

        def ok(response):
            assert response.status_code == 200, response.status_code
            return response

        search = filter_expression("email", "user012", prefix=True)
        first = c.list_users(UserPoolId=pool_id, Limit=limit)
        token = first["PaginationToken"]

        def measure_all() -> list[dict]:
            return [
                _measure(
                    "users page 1 (full page)",
                    lambda: c.list_users(UserPoolId=pool_id, Limit=limit),
                    lambda: ok(client.get(url)),
                    args.rounds,
                ),
                _measure(
                    "users page 2 (htmx partial, token in URL)",
                    lambda: c.list_users(UserPoolId=pool_id, Limit=limit, PaginationToken=token),
                    lambda: ok(client.get(url, {"t": token}, HTTP_HX_REQUEST="true")),
                    args.rounds,
                ),
                _measure(
                    "search email starts with user012 (htmx partial)",
                    lambda: c.list_users(UserPoolId=pool_id, Limit=limit, Filter=search),
                    lambda: ok(client.get(url, {"q": "user012", "attr": "email"}, HTTP_HX_REQUEST="true")),
                    args.rounds,
                ),
                _measure(
                    "search email starts with user012 (full page)",
                    lambda: c.list_users(UserPoolId=pool_id, Limit=limit, Filter=search),
                    lambda: ok(client.get(url, {"q": "user012", "attr": "email"})),
                    args.rounds,
                ),
            ]

        cases = measure_all()
        delayed = []
        if args.latency_ms:
            # The same client object serves the raw calls and the console's selector.
            undo = add_latency(c, args.latency_ms / 1000)
            try:
                delayed = measure_all()
            finally:
                undo()
    worst = _print(cases, args.rounds, "moto as it is")
    if delayed:
        _print(delayed, args.rounds, f"with {args.latency_ms:g} ms added to every Cognito call")
    return 0 if worst <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
