"""make run's supervisor: a dead child comes back after a backoff, with a log line (issue 11, item 7)."""

from console.emulator.supervisor import FIRST_BACKOFF, MAX_BACKOFF, STABLE_AFTER, Supervisor


class FakeProcess:
    pid = 4242

    def __init__(self):
        self.returncode = None
        self.terminated = False

    def poll(self):
        return self.returncode

    def terminate(self):
        self.terminated, self.returncode = True, -15

    def wait(self, timeout=None):
        return self.returncode


class Clock:
    now = 1000.0

    def __call__(self):
        return self.now


def _supervised():
    clock, lines, started = Clock(), [], []

    def start():
        started.append(FakeProcess())
        return started[-1]

    supervisor = Supervisor(log=lines.append, clock=clock)
    supervisor.add("worker", start)
    return supervisor, clock, lines, started


def test_it_restarts_a_crashed_child_after_a_backoff_and_says_so():
    supervisor, clock, lines, started = _supervised()
    started[-1].returncode = 1
    supervisor.check()
    assert lines == [f"worker exited with code 1; restarting it in {FIRST_BACKOFF:.0f}s."]
    assert len(started) == 1
    clock.now += FIRST_BACKOFF
    supervisor.check()
    assert len(started) == 2 and lines[-1] == "worker restarted (pid 4242)."


def test_the_backoff_doubles_while_it_crash_loops_and_resets_once_stable():
    supervisor, clock, lines, started = _supervised()
    waits = []
    for _ in range(9):
        started[-1].returncode = 1
        supervisor.check()
        wait = supervisor.children[0].restart_at - clock.now
        waits.append(wait)
        clock.now += wait
        supervisor.check()
    assert waits[:4] == [1, 2, 4, 8] and max(waits) == MAX_BACKOFF
    clock.now += STABLE_AFTER
    started[-1].returncode = 1
    supervisor.check()
    assert supervisor.children[0].restart_at - clock.now == FIRST_BACKOFF


def test_stopping_restarts_nothing_and_terminates_everyone():
    supervisor, clock, lines, started = _supervised()
    supervisor.stop_all()
    assert started[-1].terminated
    clock.now += 100
    supervisor.check()
    assert len(started) == 1


def test_a_child_that_cannot_start_is_tried_again():
    supervisor, clock, lines, started = _supervised()
    child = supervisor.children[0]
    started[-1].returncode = 1
    supervisor.check()
    child.start = lambda: (_ for _ in ()).throw(OSError("no such file"))
    clock.now += 5
    supervisor.check()
    assert "could not be restarted (no such file)" in lines[-1] and child.restart_at > clock.now
