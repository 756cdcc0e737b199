"""Faults: with Cognito unreachable, every page of the access table answers with
the plain-language message (or works without Cognito), never a server error."""

import socket

from django.urls import reverse

from console.cognito.client import reset_clients
from console.jobs.models import Job
from tests.fixtures.operators import make_operator, signed_in
from tests.test_access_matrix import ACCESS, _patterns, _url, url_values

UNREACHABLE = "Cannot reach Cognito"
POOL = "us-east-1_Unreachable1"


def _closed_port() -> int:
    with socket.socket() as s:  # bound then closed: nothing listens there
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_it_explains_an_unreachable_cognito_on_every_page(db, settings):
    settings.CONSOLE_COGNITO_ENDPOINT_URL = f"http://127.0.0.1:{_closed_port()}"
    settings.CONSOLE_AWS_MAX_ATTEMPTS = 1
    reset_clients()
    admin = make_operator("alice", "admin")
    values = url_values(
        admin, pool_id=POOL, username="someone", client_id="abc123"
    )
    client = signed_in(admin)
    patterns = dict(_patterns())
    problems, explained = [], []
    for name, methods in ACCESS.items():
        if "GET" not in methods:
            continue
        url = _url(name, patterns[name], values)
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(url, headers=headers)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            if response.status_code == 500:
                problems.append(f"GET {name} {headers}: 500")
            elif UNREACHABLE in body.decode(errors="replace"):
                explained.append(name)
            elif response.status_code >= 400 and response.status_code != 404:
                problems.append(f"GET {name} {headers}: {response.status_code} without the message")
    assert problems == []
    # The pages that read Cognito said why they could not.
    for name in (
        "users:list",
        "users:detail",
        "groups:list",
        "groups:members",
        "pools:detail",
        "pools:list",
        "pools:client",
        "users:create",
        "jobs:native_list",
    ):
        assert name in explained, f"{name} did not explain the outage"
    found = client.get(reverse("finder:find"), {"q": "someone"})
    assert found.status_code != 500 and UNREACHABLE in found.content.decode()
    search = client.get(
        reverse("groups:member_search", kwargs={"pool_id": POOL, "group": "staff"}),
        {"q": "a"},
        headers={"HX-Request": "true"},
    )
    assert search.status_code != 500 and UNREACHABLE in search.content.decode()
    assert client.get(reverse("core:healthz")).status_code in (200, 503)


def test_it_explains_an_unreachable_cognito_on_every_action(db, settings, tmp_path):
    """Every POST of the access table, with plausible form data: an answer, never a 500."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.CONSOLE_COGNITO_ENDPOINT_URL = f"http://127.0.0.1:{_closed_port()}"
    settings.CONSOLE_AWS_MAX_ATTEMPTS = 1
    settings.MEDIA_ROOT = tmp_path
    reset_clients()
    admin = make_operator("alice", "admin")
    values = url_values(
        admin, pool_id=POOL, username="someone", client_id="abc123", job_status=Job.RUNNING
    )
    client = signed_in(admin)
    patterns = dict(_patterns())
    problems = []
    for name, methods in ACCESS.items():
        if "POST" not in methods or name in ("accounts:logout", "accounts:login"):
            continue
        url = _url(name, patterns[name], values)
        data = {
            "username": "someone",
            "reason": "outage",
            "confirm": "staff",
            "name": "n",
            "group": "staff",
            "group_name": "g",
            "description": "d",
            "existing": "skip",
            "invitations": "suppress",
            "file": SimpleUploadedFile("u.csv", b"email\na@example.com\n", content_type="text/csv"),
        }
        for headers in ({}, {"HX-Request": "true"}):
            response = client.post(url, data, headers=headers)
            if response.status_code == 500:
                problems.append(f"POST {name} {headers}: 500")
    from console.users.actions import USER_PAGE_ACTIONS as ACTION_PERMISSIONS

    for action in ACTION_PERMISSIONS:
        url = reverse("users:action", kwargs={"pool_id": POOL, "action": action})
        form = {
            "username": "someone",
            "reason": "outage",
            "group": "staff",
            "confirm": "someone",
            "password": "Long-Enough-Passw0rd!",
            "name": "given_name",
        }
        for headers in ({}, {"HX-Request": "true"}):
            response = client.post(url, form, headers=headers)
            if response.status_code == 500:
                problems.append(f"user action {action} {headers}: 500")
            elif response.status_code >= 400 and UNREACHABLE not in response.content.decode():
                problems.append(f"user action {action} {headers}: {response.status_code} without the message")
    assert problems == []


def test_it_serves_every_page_with_redis_down(pool, db, settings):
    """Redis carries the job queue, the shared rate budget and the cache; the pages need none of them.
    (Jobs started meanwhile wait and then run: tests/integration/test_jobs.py and tests/jobs/test_views.py.)"""
    from console.core.redis import redis_client

    settings.REDIS_URL = f"redis://127.0.0.1:{_closed_port()}/0"
    settings.CELERY_BROKER_URL = settings.REDIS_URL
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": settings.REDIS_URL}}  # the cache too
    settings.CONSOLE_RATE_LIMITS_ENABLED = True
    redis_client.cache_clear()
    admin = make_operator("alice", "admin")
    values = url_values(
        admin, pool_id=pool.id, username=pool.users["user0@example.com"], client_id=pool.client_id
    )
    client = signed_in(admin)
    patterns = dict(_patterns())
    problems = []
    try:
        for name, methods in ACCESS.items():
            if "GET" in methods:
                response = client.get(_url(name, patterns[name], values))
                if response.status_code >= 500 and name != "core:healthz":
                    problems.append(f"GET {name}: {response.status_code}")
        assert client.get(reverse("users:list", kwargs={"pool_id": pool.id}), {"q": "user1"}).status_code == 200
    finally:
        redis_client.cache_clear()
    assert problems == []


def _logged_while(action, settings, monkeypatch) -> str:
    """What the configured log handlers (Django's defaults, then LOGGING) write to stderr during action()."""
    import io
    import logging
    import sys

    from django.utils.log import configure_logging

    root = logging.getLogger()
    # The session's own handlers (pytest's capture, the secrets recorder) are put back afterwards.
    handlers, level = root.handlers[:], root.level
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
    try:
        action()
    finally:
        monkeypatch.undo()
        configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
        root.handlers[:] = handlers
        root.setLevel(level)
    return stream.getvalue()


def test_a_refusal_writes_one_log_line_without_a_traceback(db, settings, monkeypatch):
    """A 403 is expected (and audited): one line in the log, not two tracebacks (issue 11, item 12).
    DEBUG is on as under `make run`, where Django's own console handler logged it a second time."""
    settings.DEBUG = True
    client = signed_in(make_operator("vera", "viewer"))

    def refused():
        assert client.get(reverse("operators:list")).status_code == 403

    logged = _logged_while(refused, settings, monkeypatch)
    assert "Traceback" not in logged
    assert len([line for line in logged.splitlines() if "Forbidden" in line and "/operators/" in line]) == 1, logged


def test_a_server_error_keeps_its_traceback(db, settings, monkeypatch):
    """Only expected refusals lose the traceback; a crash still logs one, once."""
    from unittest import mock

    client = signed_in(make_operator("vera", "viewer"))
    client.raise_request_exception = False

    def crash():
        with mock.patch("console.core.views.redirect", side_effect=RuntimeError("boom")):
            assert client.get(reverse("core:home")).status_code == 500

    logged = _logged_while(crash, settings, monkeypatch)
    assert logged.count("Traceback") == 1 and "RuntimeError: boom" in logged


# --- Request bodies are limited before anything is read (issue 11, item 5) ---------

LARGE_BODY_URLS = {"jobs:import_upload", "jobs:native_list"}


def _spy_on_temporary_files(monkeypatch) -> list:
    from django.core.files.uploadhandler import TemporaryFileUploadHandler

    written = []
    original = TemporaryFileUploadHandler.new_file

    def new_file(self, *args, **kwargs):
        written.append(args)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(TemporaryFileUploadHandler, "new_file", new_file)
    return written


def test_the_anonymous_sign_in_page_refuses_a_huge_upload_without_writing_it(db, client, monkeypatch, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    written = _spy_on_temporary_files(monkeypatch)
    huge = SimpleUploadedFile("x.bin", b"\0" * (settings.CONSOLE_FORM_MAX_BYTES + 4 * 1024 * 1024))
    response = client.post(reverse("accounts:login"), {"username": "a", "password": "b", "f": huge})
    assert response.status_code == 413
    assert "too large" in response.content.decode()
    assert "Content-Security-Policy" in response
    assert written == []


def test_every_post_but_the_imports_refuses_a_body_over_the_form_limit(db, settings, monkeypatch):
    """Each POST of the access table, with a body just over the (lowered) limit: 413 before the
    view or the CSRF check reads it; the import endpoints keep CONSOLE_IMPORT_MAX_BYTES."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.CONSOLE_FORM_MAX_BYTES = 16 * 1024
    settings.MEDIA_ROOT = settings.VAR_DIR / "test-files"
    written = _spy_on_temporary_files(monkeypatch)
    admin = make_operator("alice", "admin")
    values = url_values(admin, pool_id=POOL, username="someone", client_id="abc123")
    client = signed_in(admin)
    patterns = dict(_patterns())
    problems = []
    for name, methods in ACCESS.items():
        if "POST" not in methods:
            continue
        body = {"reason": "x" * (20 * 1024), "file": SimpleUploadedFile("u.csv", b"email\n" + b"a@b.c\n" * 4000)}
        response = client.post(_url(name, patterns[name], values), body)
        refused = response.status_code == 413
        if refused == (name in LARGE_BODY_URLS):
            problems.append(f"POST {name}: {response.status_code}")
    assert problems == []
    assert written == []
