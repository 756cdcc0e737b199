"""`make run` survives a dead child, stops on Ctrl-C even with SIGINT ignored, and its emulator
keeps its data across a restart, so an interrupted import finishes with every row created once
(issue 11, item 7)."""

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from console.cognito.client import reset_clients
from console.emulator.server import free_port
from console.jobs.models import Job
from tests.integration.conftest import _database_url
from tests.integration.test_jobs import csv_rows, pool_emails, start_import, wait_for

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
EMULATOR_LINE = re.compile(r"Emulator at (http://127\.0\.0\.1:\d+), demo pool (\S+) with")


class Console:
    """`manage.py runconsole` as a child process whose output is collected as it comes."""

    def __init__(self, env: dict, port: int, *, ignore_sigint: bool = False):
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runconsole", "--port", str(port), "--demo-users", "5"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            preexec_fn=(lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)) if ignore_sigint else None,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def wait_for_output(self, pattern, timeout=120):
        return wait_for(lambda: re.search(pattern, self.output), timeout, f"{pattern!r} in:\n{self.output}")

    def children(self) -> dict[int, str]:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(self.process.pid)], capture_output=True, text=True)
        pids = [int(p) for p in out.stdout.split()]
        return {pid: Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ") for pid in pids
                if Path(f"/proc/{pid}").exists()}

    def interrupt(self, timeout=60) -> int:
        children = self.children()
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=timeout)
        time.sleep(0.5)
        alive = [pid for pid in children if Path(f"/proc/{pid}").exists()
                 and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]]
        assert alive == [], f"children left running: {alive}"
        return code


def _env(tmp_path, redis_url) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "CONSOLE_", "DJANGO_ALLOW"))}
    env.update({
        "CONSOLE_VAR_DIR": str(tmp_path), "CONSOLE_FILES_DIR": str(tmp_path / "files"), "REDIS_URL": redis_url,
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none"), "AWS_CONFIG_FILE": str(tmp_path / "none"),
        "AWS_EC2_METADATA_DISABLED": "true", "PYTHONUNBUFFERED": "1",
        "CONSOLE_JOB_STALE_SECONDS": "5", "CONSOLE_REAPER_INTERVAL_SECONDS": "1", "CONSOLE_JOB_CHUNK_SIZE": "25",
        "CONSOLE_RATE_BUDGET_SHARE": "1.0", "CONSOLE_RATE_QUOTAS": "UserCreation=40",
    })
    return env


def test_a_dead_worker_is_restarted_and_ctrl_c_stops_all_with_sigint_ignored(tmp_path, redis_url):
    env = {**_env(tmp_path, redis_url), "DATABASE_URL": ""}
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    console = Console(env, free_port(), ignore_sigint=True)
    try:
        console.wait_for_output("Cognito Console is running")
        worker = next(pid for pid, cmd in console.children().items() if " worker " in cmd)
        os.kill(worker, signal.SIGKILL)
        console.wait_for_output(r"worker exited with code -9; restarting it in 1s")
        console.wait_for_output(r"worker restarted \(pid \d+\)")
        workers = [pid for pid, cmd in console.children().items() if " worker " in cmd]
        assert workers and worker not in workers
        assert console.process.poll() is None, "the console stopped with its worker"
    finally:
        code = console.interrupt()
    assert code == 0 and "Stopped." in console.output


def test_an_import_interrupted_by_a_restart_finishes_with_every_row_once(
    tmp_path, redis_url, broker, transactional_db, alice, settings
):
    env = {**_env(tmp_path, redis_url), "DATABASE_URL": _database_url()}
    settings.MEDIA_ROOT = tmp_path / "files"
    console = Console(env, free_port())
    try:
        url, pool_id = console.wait_for_output(EMULATOR_LINE).groups()
        console.wait_for_output("Cognito Console is running")
        settings.CONSOLE_COGNITO_ENDPOINT_URL = url
        reset_clients()
        job = start_import(tmp_path, alice, pool_id, csv_rows(400))
        wait_for(lambda: Job.objects.get(pk=job.pk).processed >= 75, 120, "the first rows")
    finally:
        assert console.interrupt() == 0
    interrupted_at = Job.objects.get(pk=job.pk).processed
    assert interrupted_at < 400, "the job finished before the restart: nothing was proven"

    console = Console(env, free_port())
    try:
        url_again, pool_again = console.wait_for_output(EMULATOR_LINE).groups()
        assert pool_again == pool_id, "the demo pool must keep its id across a restart"
        assert "Restoring the emulator's data" in console.output
        settings.CONSOLE_COGNITO_ENDPOINT_URL = url_again
        reset_clients()
        done = wait_for(lambda: (j := Job.objects.get(pk=job.pk)).status in Job.ENDED and j, 240, "the job's end")
        emails = Counter(e for e in pool_emails(pool_id) if e.startswith("bulk"))
    finally:
        console.interrupt()
    assert (done.status, done.failed) == (Job.FINISHED, 0), done.note if hasattr(done, "note") else done.status
    assert len(emails) == 400 and set(emails.values()) == {1}
