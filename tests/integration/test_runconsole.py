"""`make run`'s last step, end to end: emulator, demo data, web, worker, beat, and Ctrl-C stops all."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from console.emulator.server import free_port

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


def _get(url: str):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode()


def _children_of(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def test_it_starts_everything_and_stops_everything(tmp_path, redis_url):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "CONSOLE_", "DJANGO_ALLOW"))}
    env.update({
        "CONSOLE_VAR_DIR": str(tmp_path),
        "REDIS_URL": redis_url,
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none"),
        "AWS_CONFIG_FILE": str(tmp_path / "none"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "DATABASE_URL": "",
    })
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    proc = subprocess.Popen([sys.executable, "manage.py", "runconsole", "--port", str(port), "--demo-users", "20"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 90
        health = None
        while time.monotonic() < deadline:
            try:
                status, body = _get(f"http://127.0.0.1:{port}/healthz")
                health = json.loads(body)
                if status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        assert health == {"status": "ok", "checks": {"database": True, "redis": True, "cognito": True}}
        children = _children_of(proc.pid)
        assert len(children) >= 3  # web, worker, beat (and the emulator)
    finally:
        proc.send_signal(signal.SIGINT)
        output, _ = proc.communicate(timeout=60)
    assert "starting the local Cognito emulator" in output
    assert f"Cognito Console is running at http://127.0.0.1:{port}/" in output
    assert "Stopped." in output
    assert proc.returncode == 0
    still_running = [pid for pid in children if Path(f"/proc/{pid}").exists()
                     and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]]
    assert still_running == []


def test_production_mode_serves_pages_and_static_files_with_gunicorn(tmp_path, redis_url):
    """`CONSOLE_ENV=production make run`: static files collected, gunicorn serves (issue 11, item 6)."""
    import re

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "CONSOLE_", "DJANGO_ALLOW"))}
    env.update({
        "CONSOLE_ENV": "production", "CONSOLE_SECRET_KEY": "k" * 60, "CONSOLE_ALLOWED_HOSTS": "127.0.0.1",
        "CONSOLE_SSL_REDIRECT": "false", "CONSOLE_VAR_DIR": str(tmp_path), "REDIS_URL": redis_url,
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none"), "AWS_CONFIG_FILE": str(tmp_path / "none"),
        "AWS_EC2_METADATA_DISABLED": "true", "DATABASE_URL": "",
    })
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    proc = subprocess.Popen([sys.executable, "manage.py", "runconsole", "--port", str(port), "--demo-users", "5"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline, page = time.monotonic() + 120, None
        while time.monotonic() < deadline and page is None:
            try:
                page = _get(f"http://127.0.0.1:{port}/accounts/login/")
            except OSError:
                time.sleep(0.5)
        assert page and page[0] == 200
        stylesheet = re.search(r'href="(/static/[^"]+\.css)"', page[1]).group(1)
        assert re.search(r"\.[0-9a-f]{12}\.css$", stylesheet), "the manifest's hashed name"
        assert _get(f"http://127.0.0.1:{port}{stylesheet}")[0] == 200
        commands = [Path(f"/proc/{pid}/cmdline").read_text() for pid in _children_of(proc.pid)]
        assert any("gunicorn" in c for c in commands) and not any("runserver" in c for c in commands)
    finally:
        proc.send_signal(signal.SIGINT)
        output, _ = proc.communicate(timeout=60)
    assert "Stopped." in output
