"""Keeps `make run`'s child processes alive: a child that dies is started again after a backoff
(1 s, doubling up to a minute, back to 1 s once it has run for a while), with a log line,
instead of taking everything down. Stopping is explicit (stop_all)."""

import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field

FIRST_BACKOFF = 1.0
MAX_BACKOFF = 60.0
# A child that ran this long before dying is not crash-looping: its next restart is quick again.
STABLE_AFTER = 60.0


@dataclass
class Child:
    name: str
    start: Callable[[], subprocess.Popen]
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    backoff: float = FIRST_BACKOFF
    restart_at: float | None = None
    restarts: int = 0
    on_restart: Callable[[], None] | None = field(default=None, repr=False)


class Supervisor:
    def __init__(self, log: Callable[[str], None], clock: Callable[[], float] = time.monotonic):
        self.children: list[Child] = []
        self.log = log
        self.clock = clock
        self.stopping = False

    def add(self, name: str, start: Callable[[], subprocess.Popen], on_restart=None) -> Child:
        child = Child(name=name, start=start, on_restart=on_restart)
        self._launch(child)
        self.children.append(child)
        return child

    def adopt(self, name: str, process: subprocess.Popen) -> None:
        """A process started elsewhere (Redis): stopped with the rest, not restarted."""
        self.children.append(Child(name=name, start=None, process=process, started_at=self.clock()))

    def _launch(self, child: Child) -> None:
        child.process = child.start()
        child.started_at = self.clock()
        child.restart_at = None

    def check(self) -> None:
        """One pass: notice dead children, restart those whose backoff has passed."""
        now = self.clock()
        for child in self.children:
            if self.stopping or child.start is None:
                continue
            if child.restart_at is not None:
                if now >= child.restart_at:
                    self._restart(child)
                continue
            code = child.process.poll()
            if code is None:
                continue
            if now - child.started_at >= STABLE_AFTER:
                child.backoff = FIRST_BACKOFF
            child.restart_at = now + child.backoff
            self.log(f"{child.name} exited with code {code}; restarting it in {child.backoff:.0f}s.")
            child.backoff = min(child.backoff * 2, MAX_BACKOFF)

    def _restart(self, child: Child) -> None:
        try:
            if child.on_restart:
                child.on_restart()
            self._launch(child)
        except Exception as exc:  # noqa: BLE001 - keep supervising; try again after the next backoff
            child.restart_at = self.clock() + child.backoff
            self.log(f"{child.name} could not be restarted ({exc}); trying again in {child.backoff:.0f}s.")
            child.backoff = min(child.backoff * 2, MAX_BACKOFF)
            return
        child.restarts += 1
        self.log(f"{child.name} restarted (pid {child.process.pid}).")

    def stop_all(self, timeout: float = 10) -> None:
        self.stopping = True
        running = [c.process for c in reversed(self.children) if c.process and c.process.poll() is None]
        for process in running:
            process.terminate()
        for process in running:
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
