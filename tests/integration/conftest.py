"""Real parts for job tests: a Celery worker process (with its beat, which runs
the reaper), a private Redis that can be stopped, and the moto server process.

The worker must see the test database: SQLite tests use a file (settings set
TEST NAME), PostgreSQL tests the test_ database; tests use transactional_db so
what the test writes is committed and visible to the worker.
"""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from console.celery import app as celery_app
from console.emulator.server import EMULATOR_ENV, free_port
from tests.fixtures.services import missing_service

ROOT = Path(__file__).resolve().parents[2]
STALE_SECONDS = 5
REAPER_SECONDS = 1
CHUNK = 50


def _database_url() -> str:
    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(s['NAME']).resolve()}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Worker:
    """`celery -A console worker -B` as a child process in its own process group."""

    def __init__(self, env: dict, log_path: Path):
        self.env, self.log_path = env, log_path
        self.process: subprocess.Popen | None = None

    def start(self) -> "Worker":
        log = open(self.log_path, "ab")  # noqa: SIM115 - closed with the process
        schedule = self.log_path.with_suffix(".beat")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "console",
                "worker",
                "-B",
                "-s",
                str(schedule),
                "-P",
                "threads",
                "-c",
                "2",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=INFO",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        return self

    def kill(self) -> None:
        """SIGKILL the worker and everything it started (beat included): no cleanup at all."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:] if self.log_path.exists() else ""


@pytest.fixture
def broker(redis_url, settings):
    """Point this process's Celery producer at the test Redis, emptied."""
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    old = celery_app.conf.broker_url
    celery_app.conf.broker_url = redis_url
    settings.REDIS_URL = redis_url
    celery_app.pool.force_close_all()
    yield redis_url
    celery_app.conf.broker_url = old
    celery_app.pool.force_close_all()


@pytest.fixture
def worker_env(emulator, transactional_db, tmp_path, settings):
    settings.CONSOLE_JOB_STALE_SECONDS = STALE_SECONDS
    settings.CONSOLE_JOB_CHUNK_SIZE = CHUNK
    settings.MEDIA_ROOT = tmp_path / "files"
    env = {
        **os.environ,
        **EMULATOR_ENV,
        "DJANGO_SETTINGS_MODULE": "console.settings",
        "DATABASE_URL": _database_url(),
        "CONSOLE_COGNITO_ENDPOINT_URL": emulator.url,
        "CONSOLE_REGIONS": "us-east-1",
        "CONSOLE_JOB_STALE_SECONDS": str(STALE_SECONDS),
        "CONSOLE_REAPER_INTERVAL_SECONDS": str(REAPER_SECONDS),
        "CONSOLE_JOB_CHUNK_SIZE": str(CHUNK),
        "CONSOLE_JOB_CONCURRENCY": "4",
        "CONSOLE_RATE_BUDGET_SHARE": "1.0",
        "CONSOLE_RATE_QUOTAS": "UserCreation=1000,UserUpdate=1000,UserRead=1000",
        "CONSOLE_FILES_DIR": str(tmp_path / "files"),
        "CONSOLE_VAR_DIR": str(tmp_path),
        "CONSOLE_LOG_LEVEL": "info",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("CONSOLE_TEST_REQUIRE_SERVICES", None)
    return env


@pytest.fixture
def start_worker(worker_env, broker, tmp_path, request):
    workers: list[Worker] = []

    def start(**extra) -> Worker:
        env = {**worker_env, "REDIS_URL": extra.pop("redis_url", broker)}
        env.update({k: str(v) for k, v in extra.items()})
        worker = Worker(env, tmp_path / f"worker-{len(workers)}.log").start()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        for worker in workers:
            print(worker.log())


@pytest.fixture
def private_redis(tmp_path):
    """A Redis of our own, so a test can take it down and bring it back."""
    binary = shutil.which("redis-server")
    if not binary:
        missing_service("redis-server is not installed")
    port = free_port()

    class Server:
        url = f"redis://127.0.0.1:{port}/0"
        process = None

        def start(self):
            self.process = subprocess.Popen(
                [
                    binary,
                    "--port",
                    str(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    str(tmp_path),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            import redis

            for _ in range(100):
                try:
                    redis.Redis.from_url(self.url, socket_connect_timeout=0.2).ping()
                    return self
                except (redis.RedisError, OSError):
                    time.sleep(0.05)
            raise RuntimeError("private redis-server did not start")

        def stop(self):
            if self.process and self.process.poll() is None:
                self.process.terminate()
                self.process.wait(10)

    server = Server()
    yield server
    server.stop()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
