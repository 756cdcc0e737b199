"""Content-Security-Policy without inline scripts, security headers on every page,
and a scan of the templates so later work cannot bring inline code back."""

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings as live_settings
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = [ROOT / "templates", *sorted((ROOT / "console").glob("*/templates"))]


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


class InlineCodeFinder(HTMLParser):
    """Collects inline scripts, inline styles, event-handler attributes and javascript: URLs."""

    def __init__(self):
        super().__init__()
        self.problems = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        names = {name.lower(): (value or "") for name, value in attrs}
        if tag == "script":
            if "src" not in names:
                self.problems.append("inline <script>")
            self._in_script = True
        if tag == "style":
            self.problems.append("<style> element")
        for name, value in names.items():
            if name.startswith("on") or name.startswith("hx-on"):
                self.problems.append(f"event handler {name}= on <{tag}>")
            if name == "style":
                self.problems.append(f"style= on <{tag}>")
            if value.strip().lower().startswith("javascript:"):
                self.problems.append(f"javascript: URL in {name}= on <{tag}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append("inline script content")


def inline_code(html: str) -> list[str]:
    finder = InlineCodeFinder()
    finder.feed(html)
    return finder.problems


@pytest.fixture
def page_client(aws, alice):
    c = Client()
    c.force_login(alice)
    return c


def test_every_page_carries_a_strict_csp(page_client):
    response = page_client.get(reverse("accounts:security"))
    assert response.status_code == 200
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    for directive in ("script-src", "style-src", "default-src"):
        assert "'unsafe-inline'" not in csp[directive]
        assert "'unsafe-eval'" not in csp[directive]


@pytest.mark.parametrize("path", ["/accounts/login/", "/does-not-exist/"])
def test_anonymous_pages_and_errors_carry_the_csp_too(client, db, path):
    response = client.get(path)
    assert "Content-Security-Policy" in response
    assert "X-Content-Type-Options" in response


def test_a_403_page_carries_the_csp(pool, outsider_client):
    response = outsider_client.get(reverse("users:list", args=[pool.id]))
    assert response.status_code == 403
    assert policy(response)["script-src"] == ["'self'"]


SECURITY_HEADERS = ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy",
                    "Cross-Origin-Opener-Policy")


def _crash_in(target: str):
    from unittest import mock

    return mock.patch(target, side_effect=RuntimeError("boom"))


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("failure", ["404", "500 in a view", "500 in a middleware"])
def test_error_pages_carry_the_same_headers_as_other_pages(page_client, settings, debug, failure):
    """404 and 500, technical pages (DEBUG) or ours, wherever the error happens (issue 11, item 13)."""
    settings.DEBUG = debug
    page_client.raise_request_exception = False
    normal = page_client.get(reverse("accounts:security"))
    if failure == "404":
        response = page_client.get("/no/such/page/")
    elif failure == "500 in a view":
        with _crash_in("console.core.views.redirect"):
            response = page_client.get(reverse("core:home"))
    else:  # e.g. the session store's database is down
        with _crash_in("django.contrib.sessions.middleware.SessionMiddleware.process_request"):
            response = page_client.get(reverse("core:home"))
    assert response.status_code == int(failure[:3])
    assert {h: response.get(h) for h in SECURITY_HEADERS} == {h: normal[h] for h in SECURITY_HEADERS}


def test_security_headers_are_sent(page_client):
    response = page_client.get(reverse("accounts:security"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    # Not production: no HSTS on plain-HTTP development.
    assert "Strict-Transport-Security" not in response


@pytest.mark.parametrize("debug", [False, True])
def test_rendered_pages_have_no_inline_code_even_in_debug(page_client, settings, debug):
    # In DEBUG django-htmx adds its debug script: it must be a file, not inline.
    settings.DEBUG = debug
    for url in (reverse("accounts:security"), reverse("accounts:login")):
        response = page_client.get(url, follow=True)
        html = response.content.decode()
        assert "<script" in html
        assert inline_code(html) == [], url
    if debug:
        assert "django-htmx.js" in html


def test_htmx_is_configured_for_the_csp(client, db):
    html = client.get(reverse("accounts:login")).content.decode()
    config = re.search(r'<meta name="htmx-config" content=\'([^\']*)\'', html)
    assert config, "base.html must configure htmx"
    assert '"includeIndicatorStyles": false' in config.group(1)  # no injected <style>
    assert '"allowEval": false' in config.group(1)  # no eval, no hx-on


def test_the_finder_catches_what_it_should():
    bad = (
        '<script>alert(1)</script><a href="JavaScript:alert(1)">x</a>'
        '<img src=x onerror="alert(1)"><div style="color:red" hx-on:click="x()"></div><style>p{}</style>'
    )
    problems = inline_code(bad)
    assert len(problems) == 7, problems
    assert inline_code('<script src="/static/js/console.js" defer></script>') == []


_TEMPLATE_RULES = [
    (re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script> (put JS in static/js/)"),
    (re.compile(r"<style\b", re.I), "<style> element (put CSS in static/css/console.css)"),
    (re.compile(r"<[a-z][^>]*\s(?:on[a-z]+|hx-on[:\w-]*)\s*=", re.I), "inline event handler"),
    (re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I), "style= attribute"),
    (re.compile(r"javascript\s*:", re.I), "javascript: URL"),
]


def template_files():
    for directory in TEMPLATE_DIRS:
        yield from sorted(directory.rglob("*.html"))


def test_the_template_scan_finds_templates():
    assert len(list(template_files())) >= 5


def test_no_template_has_inline_code():
    problems = []
    for path in template_files():
        text = path.read_text()
        for pattern, what in _TEMPLATE_RULES:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                problems.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    assert problems == [], "\n".join(problems)


def test_the_template_rules_catch_what_they_should():
    samples = [
        "<script>x()</script>",
        "<STYLE>p{}</STYLE>",
        '<button onclick="x()">',
        '<div hx-on::after-request="x()">',
        '<p class="a" style="color:red">',
        '<a href="javascript:void(0)">',
    ]
    for sample in samples:
        assert any(p.search(sample) for p, _ in _TEMPLATE_RULES), sample
    assert not any(p.search('<script src="{% static "x.js" %}" defer></script>') for p, _ in _TEMPLATE_RULES)


def _production_settings(code: str, **extra_env) -> str:
    env = {
        **os.environ,
        **extra_env,
        "CONSOLE_ENV": "production",
        "CONSOLE_SECRET_KEY": "x" * 60,
        "CONSOLE_ALLOWED_HOSTS": "console.example.com",
        "DJANGO_SETTINGS_MODULE": "console.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); from django.conf import settings as s; {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_uses_secure_http_only_cookies_and_hsts():
    out = _production_settings(
        "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_SSL_REDIRECT)"
    )
    assert out == "True True True True True"


def test_the_settings_name_the_csp_middleware():
    from csp.middleware import CSPMiddleware
    from django.utils.module_loading import import_string

    assert any(issubclass(import_string(name), CSPMiddleware) for name in live_settings.MIDDLEWARE)


@pytest.mark.parametrize(("proxies", "header"), [("", "None"), ("0", "None"),
                                                  ("1", "('HTTP_X_FORWARDED_PROTO', 'https')")])
def test_production_trusts_x_forwarded_proto_only_behind_a_proxy(proxies, header):
    """Without a trusted proxy any client could claim HTTPS (issue 11, item 11)."""
    env = {"CONSOLE_TRUSTED_PROXY_COUNT": proxies} if proxies else {}
    assert _production_settings("print(s.SECURE_PROXY_SSL_HEADER)", **env) == header


def test_a_forged_x_forwarded_proto_does_not_make_a_request_secure(rf, settings):
    from django.middleware.security import SecurityMiddleware

    settings.SECURE_PROXY_SSL_HEADER = None
    settings.SECURE_SSL_REDIRECT = True
    request = rf.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")
    assert not request.is_secure()
    assert SecurityMiddleware(lambda r: None).process_request(request).status_code == 301
