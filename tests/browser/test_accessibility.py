"""axe-core over the console's screens, as admin and as helpdesk, on a desktop and
at 390 px: no WCAG 2.1 A/AA or best-practice violations.

Screens whose templates belong to another engineer this round and still fail are
marked xfail(strict=False) with the file to fix, so the lead can close them."""

from dataclasses import dataclass

import pytest

from console.audit.services import audit_record
from console.jobs.models import Job
from tests.browser.conftest import VIEWPORTS, accessibility_report, sign_in
from tests.emulator.test_cognito_auth_events import sign_in as risky_sign_in
from tests.emulator.test_cognito_auth_events import with_password
from tests.fixtures.cognito import build_pool

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@dataclass
class World:
    base: str
    pool_id: str
    username: str
    job_id: int
    client_id: str = ""


@pytest.fixture
def world(emulator, live_server, alice, hugo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    pool = build_pool(name="Support pool", users=3)
    username = pool.users["user1@example.com"]
    job = Job.objects.create(
        kind=Job.KIND_IMPORT, pool_id=pool.id, operator=alice, operator_name="alice", status=Job.FINISHED,
        title="people.csv", total=3, processed=3, created=2, failed=1,
    )
    audit_record(action="user.disable", operator=alice, pool_id=pool.id, target=username, reason="INC-1",
                 params={"email": "user1@example.com"})
    audit_record(action="job.start", operator=alice, pool_id=pool.id, target=f"job {job.pk}", job_id=job.pk,
                 params={"kind": "import", "rows": 3})
    # A blocked risky sign-in: the user page shows the diagnosis panel with its fix and the events' verdicts.
    with_password(pool, "user1@example.com")
    risky_sign_in(pool, ip="203.0.113.30", email="user1@example.com")
    return World(base=live_server.url, pool_id=pool.id, username=username, job_id=job.pk, client_id=pool.client_id)


def _goto(path):
    def visit(page, w):
        page.goto(w.base + path.format(pool=w.pool_id, user=w.username, job=w.job_id, client=w.client_id))
    return visit


def _upload_check(page, w):
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
        f.write("email;given_name\nnew1@example.com;New\nbroken;X\n")
    page.goto(f"{w.base}/jobs/import/{w.pool_id}/")
    page.set_input_files("#id_file", f.name)
    page.click("button:has-text('Upload and check')")
    page.wait_for_selector("#invalid")


def _bulk_confirm(page, w):
    page.goto(f"{w.base}/pools/{w.pool_id}/users/")
    page.check(f"input[name=u][value='{w.username}']")
    page.select_option("#id_bulk_action", "disable")
    page.click("#bulk-form button[type=submit]")
    page.wait_for_selector("h1")


def _users_search(page, w):
    page.goto(f"{w.base}/pools/{w.pool_id}/users/")
    page.fill("#id_q", "user1")
    page.wait_for_url(lambda url: "q=user1" in url)
    # Settled: no search still in flight (its "searching…" indicator fading in is half-transparent,
    # which axe would measure as low contrast).
    page.wait_for_selector(".htmx-request", state="detached")
    page.wait_for_timeout(300)  # the indicator's fade-out (.2s)


def _shortcuts(page, w):
    page.goto(f"{w.base}/pools/{w.pool_id}/users/")
    page.click("[data-shortcuts]")
    page.wait_for_selector("#shortcuts[open]")


def _user_federated(page, w):
    """The user page with a linked identity and, for an admin, the link form open (issue 13 item 4)."""
    from console.cognito.client import cognito
    from tests.emulator.test_cognito_identities import identities, link, with_provider
    from tests.fixtures.cognito import TestPool

    pool = TestPool(id=w.pool_id, client_id="", users={"user1@example.com": w.username})
    if not cognito().list_identity_providers(UserPoolId=w.pool_id, MaxResults=10)["Providers"]:
        with_provider(pool)
    if not identities(pool, "user1@example.com"):
        link(pool, "1057", username="user1@example.com")
    page.goto(f"{w.base}/pools/{w.pool_id}/users/u/{w.username}")
    if page.locator("#link-identity").count():
        page.click("#link-identity summary")


def _submitted(path, fields: dict, button: str, shown: str):
    """A form filled in and sent, and the page it answers with."""
    def visit(page, w):
        page.goto(w.base + path.format(pool=w.pool_id))
        for selector, value in fields.items():
            page.fill(selector, value)
        page.click(button)
        page.wait_for_selector(shown)
    return visit


_messaging_preview = _submitted("/pools/{pool}/messaging/", {"#id_invite_email": "<b>Hello</b> {username}, {####}"},
                                "button:has-text('Preview messages')", "#preview")
_triggers_errors = _submitted(
    "/pools/{pool}/triggers/",
    {"#id_pre_sign_up": "not-an-arn", "#id_custom_email_sender": "arn:aws:lambda:us-east-1:123456789012:function:m"},
    "button:has-text('Save')", ".field-error",
)


def _threats_invalid(page, w):
    page.goto(f"{w.base}/pools/{w.pool_id}/threat-protection/")
    page.fill("#id_blocked_ips", "not-a-range")
    page.click("button:has-text('Save')")
    page.wait_for_selector(".field-error")


_custom_domain_errors = _submitted(
    "/pools/{pool}/domain/custom/",
    {"#id_domain": "localhost", "#id_certificate_arn": "arn:aws:acm:eu-west-1:123456789012:certificate/x"},
    "button:has-text('Save')", ".field-error",
)


def _running_export(page, w):
    """A job page while it polls: the live region, an export's total from the pool's estimate."""
    from django.utils import timezone

    job = Job.objects.create(
        kind=Job.KIND_EXPORT, pool_id=w.pool_id, operator_name="alice", status=Job.RUNNING, title="Export all users",
        total=1, started_at=timezone.now(), options={"selection": {"type": "pool"}, "rows": 1, "estimated_users": 3},
    )
    page.goto(f"{w.base}/jobs/{job.pk}/")
    page.wait_for_selector("[data-total]")


def _anonymous(path):
    def visit(page, w):
        page.context.clear_cookies()
        page.goto(w.base + path)
    return visit



STATES = [
    ("sign-in", _anonymous("/accounts/login/"), None),
    ("pools", _goto("/pools/"), None),
    ("pool", _goto("/pools/{pool}/"), None),
    ("users", _goto("/pools/{pool}/users/"), None),
    ("users-search", _users_search, None),
    ("user", _goto("/pools/{pool}/users/u/{user}"), None),
    ("user-federated", _user_federated, None),
    ("user-events", _goto("/pools/{pool}/users/events/{user}"), None),
    ("invite", _goto("/pools/{pool}/users/new/"), None),
    ("find", _goto("/users/find/"), None),
    ("find-results", _goto("/users/find/?q=user"), None),
    ("client", _goto("/pools/{pool}/clients/{client}/"), None),
    ("client-edit", _goto("/pools/{pool}/clients/{client}/edit/"), None),
    ("provider-new-google", _goto("/pools/{pool}/providers/new/google/"), None),
    ("provider-new-apple", _goto("/pools/{pool}/providers/new/apple/"), None),
    ("groups", _goto("/pools/{pool}/groups/"), None),
    ("members", _goto("/pools/{pool}/groups/members/staff/"), None),
    ("jobs", _goto("/jobs/"), None),
    ("job", _goto("/jobs/{job}/"), None),
    ("job-running-export", _running_export, None),
    ("import-upload", _goto("/jobs/import/{pool}/"), None),
    ("import-check", _upload_check, None),
    ("native-imports", _goto("/jobs/native/{pool}/"), None),
    ("export", _goto("/jobs/export/{pool}/"), None),
    ("bulk-choose", _goto("/jobs/bulk/{pool}/"), None),
    ("bulk-confirm", _bulk_confirm, None),
    ("audit", _goto("/audit/"), None),
    ("audit-filtered", _goto("/audit/?action=user.disable"), None),
    ("operators", _goto("/operators/"), None),
    ("operator-new", _goto("/operators/new/"), None),
    ("quotas", _goto("/quotas/"), None),
    ("security", _goto("/accounts/security/"), None),
    ("403", _goto("/jobs/import/{pool}/?403"), None),
    ("404", _goto("/no/such/page/"), None),
    ("shortcuts", _shortcuts, None),
    # Pool configuration (issue 14, items 2 and 3).
    ("messaging", _goto("/pools/{pool}/messaging/"), None),
    ("messaging-preview", _messaging_preview, None),
    ("triggers", _goto("/pools/{pool}/triggers/"), None),
    ("triggers-errors", _triggers_errors, None),
    # Pool configuration (issue 14, items 1, 4 and 6).
    ("pool-sign-in", _goto("/pools/{pool}/sign-in/"), None),
    ("pool-threats", _goto("/pools/{pool}/threat-protection/"), None),
    ("pool-threats-errors", _threats_invalid, None),
    ("pool-log-delivery", _goto("/pools/{pool}/log-delivery/"), None),
    # Domains and branding (issue 14, item 7).
    ("custom-domain", _goto("/pools/{pool}/domain/custom/"), None),
    ("custom-domain-errors", _custom_domain_errors, None),
    ("hosted-ui", _goto("/pools/{pool}/hosted-ui/"), None),
    ("managed-login", _goto("/pools/{pool}/clients/{client}/managed-login/"), None),
]


# Interactions only an admin can go through (helpdesk sees the 403 page for these, checked above).
ADMIN_ONLY = {_upload_check, _messaging_preview, _triggers_errors, _threats_invalid, _custom_domain_errors}


def _params():
    return [
        pytest.param(visit, id=name, marks=[pytest.mark.xfail(reason=xfail, strict=False)] if xfail else [])
        for name, visit, xfail in STATES
    ]


@pytest.mark.parametrize("visit", _params())
def test_it_has_no_axe_violations(world, page, alice, hugo, visit):
    failures = []
    for operator in (alice, hugo) if visit not in ADMIN_ONLY else (alice,):
        for width, viewport in VIEWPORTS.items():
            page.context.clear_cookies()
            sign_in(page, operator, world.base)
            page.set_viewport_size(viewport)
            visit(page, world)
            report = accessibility_report(page, f"{page.url} as {operator.username} at {width}")
            if report:
                failures.append(report)
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)
