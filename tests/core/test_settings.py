import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from console import env


def _start(**overrides) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("CONSOLE_", "DATABASE_URL", "REDIS_URL"))}
    environ.update(overrides)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**environ, "DJANGO_SETTINGS_MODULE": "console.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("CONSOLE_DEBUG", "maybe", "CONSOLE_DEBUG must be true or false"),
        ("CONSOLE_JOB_CHUNK_SIZE", "lots", "CONSOLE_JOB_CHUNK_SIZE must be a whole number"),
        ("CONSOLE_RATE_BUDGET_SHARE", "2", "CONSOLE_RATE_BUDGET_SHARE must be at most 1.0"),
        ("CONSOLE_ENV", "staging", "CONSOLE_ENV must be one of"),
        ("REDIS_URL", "localhost:6379", "REDIS_URL must start with"),
        ("CONSOLE_COGNITO_ENDPOINT_URL", "127.0.0.1:5000", "must start with http"),
        ("DATABASE_URL", "nosuchdb://x", "DATABASE_URL is not a valid database URL"),
    ],
)
def test_it_refuses_to_start_on_a_bad_value(variable, value, says):
    result = _start(**{variable: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert says in result.stderr


def test_it_requires_a_secret_key_and_hosts_in_production():
    result = _start(CONSOLE_ENV="production")
    assert result.returncode != 0
    assert "CONSOLE_SECRET_KEY" in result.stderr
    result = _start(CONSOLE_ENV="production", CONSOLE_SECRET_KEY="x" * 60)
    assert "CONSOLE_ALLOWED_HOSTS is required" in result.stderr


def test_it_starts_with_defaults():
    assert _start().returncode == 0


def test_it_reads_a_secret_from_a_file(tmp_path, monkeypatch):
    secret = tmp_path / "secret"
    secret.write_text("s3cret-from-file\n")
    monkeypatch.setenv("SOME_SECRET_FILE", str(secret))
    assert env.env_secret("SOME_SECRET") == "s3cret-from-file"
    monkeypatch.setenv("SOME_SECRET_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="SOME_SECRET_FILE"):
        env.env_secret("SOME_SECRET")


def test_it_parses_lists_and_bounds(monkeypatch):
    monkeypatch.setenv("X_LIST", " a, b ,,c ")
    assert env.env_list("X_LIST") == ["a", "b", "c"]
    monkeypatch.setenv("X_INT", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env.env_int("X_INT", 5, minimum=1)


def test_production_settings_pass_the_deploy_check():
    environ = {
        "CONSOLE_ENV": "production",
        "CONSOLE_SECRET_KEY": "k" * 20 + "Zq9#x!" * 10,
        "CONSOLE_ALLOWED_HOSTS": "console.example.com",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={**{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}, **environ},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def _setting(name: str, **overrides) -> str:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("CONSOLE_", "DATABASE_URL", "REDIS_URL"))}
    code = f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    result = subprocess.run([sys.executable, "-c", code], env={**environ, **overrides,
                            "DJANGO_SETTINGS_MODULE": "console.settings"}, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_technical_error_pages_are_opt_in_in_development():
    """`make run` does not show Django's debug pages (URL lists, settings) unless asked (issue 11, item 6)."""
    assert _setting("DEBUG") == "False"
    assert _setting("DEBUG", CONSOLE_DEBUG="true") == "True"
    result = _start(CONSOLE_ENV="production", CONSOLE_SECRET_KEY="x" * 60, CONSOLE_ALLOWED_HOSTS="h",
                    CONSOLE_DEBUG="true")
    assert "never in production" in result.stderr


def test_database_connections_are_kept_between_requests():
    """Opening a SQLite connection runs the WAL pragmas again, a PostgreSQL one a TCP and auth
    round trip; Django's default closes it after every request."""
    from django.conf import settings

    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0
