"""runconsole's choices, without starting anything (the end-to-end runs are in tests/integration)."""

from io import StringIO

from console.core.redis import redis_url_for_display
from console.emulator.management.commands.runconsole import Command
from console.emulator.supervisor import Supervisor


def _command() -> Command:
    command = Command(stdout=StringIO(), stderr=StringIO())
    command.supervisor = Supervisor(log=command.stderr.write)
    return command


def test_it_serves_with_gunicorn_in_production_and_runserver_in_development(settings):
    settings.PRODUCTION = False
    development = _command()._web_command(8000)
    assert "runserver" in development and "--insecure" in development
    settings.PRODUCTION = True
    production = _command()._web_command(8000)
    assert production[1:3] == ["-m", "gunicorn"] and "127.0.0.1:8000" in production


def test_it_collects_static_files_in_production_only(settings, monkeypatch):
    ran = []
    monkeypatch.setattr("subprocess.run", lambda command, **kw: ran.append(command))
    monkeypatch.setattr("subprocess.Popen", lambda command, **kw: ran.append(command))
    settings.VAR_DIR = settings.BASE_DIR / "var"
    settings.PRODUCTION = True
    _command()._start_processes({}, 8000)
    assert "collectstatic" in ran[0]
    ran.clear()
    settings.PRODUCTION = False
    _command()._start_processes({}, 8000)
    assert not any("collectstatic" in c for c in ran)


def test_an_unreachable_redis_is_named_without_its_password(settings, monkeypatch):
    settings.REDIS_URL = "redis://:Sup3r-Secret@redis.internal:6380/2"
    monkeypatch.setattr("console.emulator.management.commands.runconsole.redis_reachable", lambda **kw: False)
    command = _command()
    command._ensure_redis()
    printed = command.stdout.getvalue()
    assert "Sup3r-Secret" not in printed
    assert "redis://:***@redis.internal:6380/2" in printed


def test_the_display_url_masks_only_the_password():
    assert redis_url_for_display("redis://user:pw@h:1/0") == "redis://user:***@h:1/0"
    assert redis_url_for_display("redis://127.0.0.1:6379/0") == "redis://127.0.0.1:6379/0"
