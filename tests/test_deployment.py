"""Docker cannot run here, so the compose file and Dockerfile are checked
against the code: every service, command and variable must exist."""

import importlib
import re
from pathlib import Path

import yaml
from django.core.management import get_commands
from django.urls import resolve

ROOT = Path(__file__).resolve().parent.parent
STANDARD_AWS = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION",
                "AWS_DEFAULT_REGION", "AWS_PROFILE"}


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


# settings.py and the modules it reads parts of the environment through.
SETTINGS_SOURCES = ("console/settings.py", "console/accounts/oidc_settings.py")


def settings_variables() -> set[str]:
    source = "".join((ROOT / path).read_text() for path in SETTINGS_SOURCES)
    return set(re.findall(r'env_\w+\(\s*"([A-Z0-9_]+)"', source))


def test_it_has_every_service():
    services = compose()["services"]
    assert {"web", "worker", "beat", "redis", "postgres", "moto"} <= set(services)
    assert services["moto"]["profiles"] == ["emulator"]


def test_every_app_variable_is_read_by_the_settings():
    known = settings_variables() | STANDARD_AWS
    for name in ("web", "worker", "beat"):
        env = compose()["services"][name]["environment"]
        unknown = set(env) - known
        assert not unknown, f"{name} sets variables the settings never read: {sorted(unknown)}"
    assert "CONSOLE_SECRET_KEY" in compose()["services"]["web"]["environment"]


def test_the_app_points_at_the_compose_postgres_and_redis():
    env = compose()["services"]["web"]["environment"]
    assert "@postgres:5432/" in env["DATABASE_URL"]
    assert env["REDIS_URL"].startswith("redis://redis:6379/")
    assert env["CONSOLE_ENV"] == "production"
    for name in ("web", "worker", "beat"):
        depends = compose()["services"][name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"


def test_the_commands_name_real_entry_points():
    services = compose()["services"]
    web = " ".join(services["web"]["command"])
    module, attr = re.search(r"gunicorn (\S+):(\S+)", web).groups()
    assert callable(getattr(importlib.import_module(module), attr))
    assert "manage.py migrate" in web
    for name in ("worker", "beat"):
        command = services[name]["command"]
        assert command[:3] == ["celery", "-A", "console"]
        assert command[3] == name
    assert importlib.import_module("console.celery").app.main == "console"
    health = services["web"]["healthcheck"]["test"]
    assert health[1:4] == ["python", "manage.py", "probe"]
    assert "probe" in get_commands()
    assert resolve("/healthz").url_name == "healthz"


def test_the_dockerfile_installs_the_requirements_and_serves_with_gunicorn():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install -r requirements.txt" in dockerfile
    assert "collectstatic" in dockerfile
    assert '"console.wsgi:application"' in dockerfile
    assert "USER " in dockerfile
    assert "requirements-dev" not in dockerfile  # the image carries the runtime only
    pinned = (ROOT / "requirements.txt").read_text()
    assert re.search(r"^gunicorn==", pinned, re.M)


def _requirements(name: str) -> dict[str, str]:
    """distribution name (extras dropped, lower case) -> pinned version, of one requirements file."""
    pins = {}
    for line in (ROOT / name).read_text().splitlines():
        line = line.split("#")[0].strip()
        if not line or line.startswith("-r "):
            continue
        requirement, _, version = line.partition("==")
        pins[re.sub(r"\[.*\]", "", requirement).lower()] = version
    return pins


def test_it_splits_runtime_and_development_requirements_all_pinned():
    runtime, dev = _requirements("requirements.txt"), _requirements("requirements-dev.txt")
    dev_lines = [s for s in (ROOT / "requirements-dev.txt").read_text().splitlines() if not s.startswith("#")]
    assert dev_lines[0] == "-r requirements.txt"  # the dev set is the runtime plus the tools
    assert all(version for version in {**runtime, **dev}.values()), "every requirement is pinned with =="
    # boto3 alone does not fix the service model: botocore carries it, so it is pinned too.
    assert runtime["botocore"] and runtime["boto3"]
    # `make run` and the compose file's emulator profile start moto's server from the runtime set.
    assert "moto" in runtime and "moto[server" in (ROOT / "requirements.txt").read_text()
    for tool in ("pytest", "pytest-django", "hypothesis", "playwright", "ruff"):
        assert tool in dev and tool not in runtime, tool
    assert not set(runtime) & set(dev), "a requirement is listed in both files"


def test_it_never_imports_a_development_tool_from_the_console():
    dev_only = ("pytest", "hypothesis", "playwright", "ruff")
    for path in (ROOT / "console").rglob("*.py"):
        text = path.read_text()
        for name in dev_only:
            assert not re.search(rf"^\s*(import|from) {name}\b", text, re.M), f"{path} imports {name}"


def test_it_reinstalls_when_either_requirements_file_changes():
    makefile = (ROOT / "Makefile").read_text()
    stamp_rule = re.search(r"^\$\(STAMP\):(.*)$", makefile, re.M).group(1).split()
    assert set(stamp_rule) == {"requirements.txt", "requirements-dev.txt"}
    assert "-r requirements-dev.txt" in makefile  # one install gives `make run` and `make test` all they need
    assert re.search(r"^run: setup", makefile, re.M) and re.search(r"^test: setup", makefile, re.M)


def test_the_probe_command_reports_health(aws, live_server, db, capsys):
    from django.core.management import CommandError, call_command

    call_command("probe", live_server.url + "/healthz")
    assert '"database": true' in capsys.readouterr().out
    try:
        call_command("probe", live_server.url + "/no-such-page")
    except CommandError as exc:
        assert "HTTP 404" in str(exc)
    else:
        raise AssertionError("probe accepted a 404")


def test_the_readme_documents_every_setting():
    readme = (ROOT / "README.md").read_text()
    missing = sorted(name for name in settings_variables() if f"`{name}`" not in readme)
    assert not missing, f"README.md has no row for: {missing}"
