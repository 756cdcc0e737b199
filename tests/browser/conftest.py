"""Browser-test helpers: sign in by session cookie (no login form per test), the
two viewports every screen must work at, and axe-core for accessibility checks."""

import threading

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client

from tests.fixtures.operators import PASSWORD

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}

# WCAG 2.1 A and AA, plus axe's best practices (landmarks, headings, regions).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def sign_in(page, operator, base_url: str) -> None:
    """Give the page's browser context a signed-in session for `operator`, the way
    the sign-in form would, without typing a password on every test."""
    client = Client()
    client.force_login(operator)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def sign_in_by_form(page, base_url: str, username: str, *, start: str = "/") -> None:
    """Sign in as a person does, typing into the form (for the flows that include the sign-in page)."""
    page.goto(base_url + start)
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")


# An init script that keeps the page's Content-Security-Policy violations in window.__csp.
RECORD_CSP_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI);
});
"""


@pytest.fixture
def signed_in_page(page, live_server):
    """`signed_in_page(operator)` returns the page, signed in as that operator."""

    def _sign_in(operator):
        sign_in(page, operator, live_server.url)
        return page

    return _sign_in


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now (the script ships in
    axe-playwright-python: no CDN)."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    return Axe().run(page, options=options).response["violations"]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            where = ", ".join(map(str, node["target"]))
            lines.append(f"    {where}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


def accessibility_report(page, label: str = "") -> str:
    """Empty when axe finds nothing; else the violations, one per line, with the elements."""
    violations = axe_violations(page)
    if not violations:
        return ""
    return f"axe found {len(violations)} violation(s) on {label or page.url}:\n" + describe_violations(violations)


def assert_accessible(page, label: str = "") -> None:
    report = accessibility_report(page, label)
    if report:
        pytest.fail(report, pytrace=False)


def run_job(job_id: int, timeout: float = 60, *, background: bool = False) -> threading.Thread:
    """Run the job to its end in another thread (with its own database connection) while the
    page polls, as a worker would; waits for it unless `background` (then join the thread)."""
    from console.jobs.runner import job_run

    def run():
        try:
            job_run(job_id=job_id)
        finally:
            connections.close_all()  # this thread's connection, or PostgreSQL keeps the test database busy

    worker = threading.Thread(target=run)
    worker.start()
    if not background:
        worker.join(timeout)
    return worker
