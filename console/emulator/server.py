"""The local Cognito emulator: a moto server process on loopback (dev and tests only).

With a state file, the emulator keeps its data across restarts: moto's request recorder appends
every request to the file as it arrives, and a restarted server replays the file before it is
used. The first recorded request seeds moto's random generator, so the replay creates the same
ids (the demo pool keeps its id, users their sub) and jobs interrupted by a restart find their
pool again. Delete the file (or `make clean`) to start from nothing.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
EMULATOR_ENV = {
    # moto accepts any credentials; these keep boto3 from looking for real ones.
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class EmulatorServer:
    """A moto server child process; `url` is its endpoint."""

    # Any fixed number: what matters is that the recorded run and its replays use the same one.
    RANDOM_SEED = 20_240_611

    def __init__(self, port: int | None = None, *, quiet: bool = True, state_file: Path | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.quiet = quiet
        self.state_file = Path(state_file) if state_file else None
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 30.0) -> "EmulatorServer":
        out = subprocess.DEVNULL if self.quiet else None
        env = {**os.environ, **EMULATOR_ENV}
        # Decided before the server starts: the readiness probe below is recorded too.
        replay = self.restored
        if self.state_file:
            env.update({"MOTO_ENABLE_RECORDING": "true", "MOTO_RECORDER_FILEPATH": str(self.state_file)})
        self.process = subprocess.Popen(
            [sys.executable, "-m", "console.emulator.moto_main", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=out,
            stderr=out,
            env=env,
            cwd=PROJECT_ROOT,  # so that -m finds the console package
        )
        self._wait_ready(timeout)
        if self.state_file:
            self._restore_state(replay)
        return self

    @property
    def restored(self) -> bool:
        return bool(self.state_file and self.state_file.exists() and self.state_file.stat().st_size)

    def _restore_state(self, replay: bool) -> None:
        """Replay the recorded requests (moto does not record the replay itself); on a first
        start, seed the random generator instead, as the first recorded request."""
        if replay:
            self._post("/moto-api/recorder/replay-recording", timeout=900)
        else:
            self.state_file.parent.mkdir(parents=True, exist_ok=True)
            self._post(f"/moto-api/seed?a={self.RANDOM_SEED}")

    def _post(self, path: str, timeout: float = 10) -> None:
        request = urllib.request.Request(f"{self.url}{path}", method="POST")
        urllib.request.urlopen(request, timeout=timeout).close()

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The emulator (moto server) exited with code {self.process.returncode}.")
            try:
                urllib.request.urlopen(f"{self.url}/moto-api/", timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"The emulator did not answer on {self.url} within {timeout:.0f}s.")

    def reset(self) -> None:
        """Forget every resource (moto's reset API)."""
        self._post("/moto-api/reset")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
