"""`make run`: the console with its worker, beat, Redis and (without AWS) the emulator.

The children are supervised: one that dies is restarted with a backoff and a log line
(console.emulator.supervisor). Ctrl-C, or SIGTERM, stops everything, even when this process
was started with SIGINT ignored (a shell's background job): the handler is installed here.
The emulator records its requests in $CONSOLE_VAR_DIR/emulator-state.jsonl and replays them
when it starts again, so its pools, users and ids survive a restart.
"""

import os
import shutil
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from console.cognito.client import credentials_available
from console.core.redis import redis_reachable, redis_url_for_display
from console.emulator.server import EMULATOR_ENV, EmulatorServer
from console.emulator.supervisor import Supervisor

EMULATOR_STATE_FILE = "emulator-state.jsonl"


def _stop_requested(signum, frame):
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = "Start the web console, a Celery worker and beat; start Redis and the local emulator when needed."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("CONSOLE_PORT", "8000")))
        parser.add_argument("--demo-users", type=int, default=300)

    def handle(self, *args, **options):
        # Installed explicitly: a process started with SIGINT ignored would otherwise never see Ctrl-C.
        signal.signal(signal.SIGINT, _stop_requested)
        signal.signal(signal.SIGTERM, _stop_requested)
        self.supervisor = Supervisor(log=lambda line: self.stderr.write(line))
        self.emulator = None
        env = dict(os.environ)
        try:
            self._ensure_redis()
            env.update(self._cognito_env(options["demo_users"]))
            self._start_processes(env, options["port"])
            self._announce(options["port"])
            self._wait()
        except KeyboardInterrupt:
            pass
        finally:
            self.supervisor.stop_all()
            self.stdout.write("Stopped.")

    # --- Redis ---------------------------------------------------------------
    def _ensure_redis(self) -> None:
        if redis_reachable(use_cache=False):
            return
        server = shutil.which("redis-server")
        local = settings.REDIS_URL.startswith(("redis://127.0.0.1", "redis://localhost"))
        if server and local:
            port = settings.REDIS_URL.rsplit(":", 1)[-1].split("/")[0] or "6379"
            self.stdout.write(f"Redis is not running; starting {server} on 127.0.0.1:{port}.")
            proc = subprocess.Popen(
                [server, "--bind", "127.0.0.1", "--port", port, "--save", "", "--appendonly", "no"],
                stdout=subprocess.DEVNULL,
            )
            self.supervisor.adopt("redis", proc)
            for _ in range(50):
                if redis_reachable(use_cache=False):
                    return
                time.sleep(0.1)
        self.stdout.write(
            self.style.WARNING(
                f"Redis is unreachable at {redis_url_for_display(settings.REDIS_URL)}. "
                "The console runs, but jobs (imports, bulk actions, "
                "exports) wait until Redis is back. Install it with: sudo apt-get install redis-server"
            )
        )

    # --- Cognito -------------------------------------------------------------
    def _cognito_env(self, demo_users: int) -> dict:
        if settings.CONSOLE_COGNITO_ENDPOINT_URL:
            self.stdout.write(
                f"Cognito endpoint: {settings.CONSOLE_COGNITO_ENDPOINT_URL} (CONSOLE_COGNITO_ENDPOINT_URL)"
            )
            return {}
        if credentials_available():
            self.stdout.write(
                f"Cognito: the AWS account from your credentials, regions {', '.join(settings.CONSOLE_REGIONS)}"
            )
            return {}
        self.stdout.write("No AWS credentials found: starting the local Cognito emulator (moto server)…")
        self.emulator = EmulatorServer(state_file=settings.VAR_DIR / EMULATOR_STATE_FILE)
        if self.emulator.restored:
            self.stdout.write(f"Restoring the emulator's data from {self.emulator.state_file}…")
        # Restarted on the same port after a crash, replaying its state again.
        self.supervisor.add("emulator", lambda: self.emulator.start().process)
        env = {**EMULATOR_ENV, "CONSOLE_COGNITO_ENDPOINT_URL": self.emulator.url}
        os.environ.update(env)
        settings.CONSOLE_COGNITO_ENDPOINT_URL = self.emulator.url
        from console.cognito.client import reset_clients
        from console.emulator.demo import seed_demo

        reset_clients()
        result = seed_demo(users=demo_users)
        self.stdout.write(
            f"Emulator at {self.emulator.url}, demo pool {result['pool_id']} with "
            f"{result['created'] + result['existing']} users."
        )
        return env

    # --- Processes -----------------------------------------------------------
    def _start_processes(self, env: dict, port: int) -> None:
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        if settings.PRODUCTION:
            self._collect_static(env)
        for name, command in self._commands(port).items():
            self.supervisor.add(name, lambda command=command: subprocess.Popen(command, env=env,
                                                                               cwd=settings.BASE_DIR))

    def _collect_static(self, env: dict) -> None:
        """Production serves hashed static files from the manifest (WhiteNoise): without it every page is a 500."""
        self.stdout.write("Production mode: collecting static files…")
        subprocess.run([sys.executable, str(settings.BASE_DIR / "manage.py"), "collectstatic", "--noinput",
                        "--verbosity", "0"], env=env, cwd=settings.BASE_DIR, check=True)

    def _commands(self, port: int) -> dict[str, list[str]]:
        python = sys.executable
        celery = [python, "-m", "celery", "-A", "console"]
        return {
            "web": self._web_command(port),
            "worker": [*celery, "worker", "--loglevel", "INFO", "--concurrency", "2"],
            "beat": [*celery, "beat", "--loglevel", "INFO",
                     "--schedule", str(settings.VAR_DIR / "celerybeat-schedule")],
        }

    def _web_command(self, port: int) -> list[str]:
        if settings.PRODUCTION:
            return [sys.executable, "-m", "gunicorn", "console.wsgi:application", "--bind", f"127.0.0.1:{port}",
                    "--workers", "2", "--access-logfile", "-"]
        # --insecure: serve static files although DEBUG (technical error pages) is off by default.
        return [sys.executable, str(settings.BASE_DIR / "manage.py"), "runserver", f"127.0.0.1:{port}",
                "--noreload", "--insecure"]

    def _announce(self, port: int) -> None:
        user = os.environ.get("CONSOLE_ADMIN_USERNAME", "admin")
        self.stdout.write(
            self.style.SUCCESS(
                f"\nCognito Console is running at http://127.0.0.1:{port}/\n"
                f"Sign in as '{user}' with the password printed above at first start "
                f"(or CONSOLE_ADMIN_PASSWORD). Press Ctrl-C to stop everything.\n"
            )
        )

    def _wait(self) -> None:
        while True:
            self.supervisor.check()
            time.sleep(0.5)
