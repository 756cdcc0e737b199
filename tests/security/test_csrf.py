"""CSRF sweep: every mutating endpoint in the access table, posted by an admin
without a token, is refused with the CSRF page and changes nothing — neither
Cognito (no mutating call) nor the database."""

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from console.cognito.client import cognito
from console.jobs.models import Job
from tests.fixtures.operators import PASSWORD, make_operator
from tests.test_access_matrix import ACCESS, READ_PREFIXES, _patterns, _url, url_values

SKIP_TABLES = {"django_session"}  # a request may touch its own session; that is no change to the console


def _snapshot():
    """Every row of every table (small in tests): a change anywhere shows as a difference."""
    state = {}
    for model in apps.get_models():
        if model._meta.db_table in SKIP_TABLES:
            continue
        state[model._meta.label] = sorted(map(repr, model.objects.values_list()))
    return state


def _payload(pool):
    """A plausible form for every endpoint, so a missing CSRF check would reach the action itself."""
    csv = b"email,given_name\nnew@example.com,New\n"
    return {
        "username": pool.users["user0@example.com"],
        "reason": "csrf sweep",
        "confirm": "yes",
        "name": "csrf",
        "group": "staff",
        "group_name": "csrf",
        "description": "csrf",
        "email": "csrf@example.com",
        "role": "admin",
        "password": "Another-Long-Password-1",
        "existing": "skip",
        "invitations": "suppress",
        "file": SimpleUploadedFile("users.csv", csv, content_type="text/csv"),
    }


def test_it_refuses_every_mutating_post_without_a_token(pool, db):
    admin = make_operator("alice", "admin")
    values = url_values(
        admin,
        pool_id=pool.id,
        username=pool.users["user0@example.com"],
        client_id=pool.client_id,
        job_status=Job.RUNNING,
    )
    calls = []
    cognito().meta.events.register("before-call.cognito-idp", lambda model, **kw: calls.append(model.name))
    patterns = dict(_patterns())
    posts = [name for name, methods in ACCESS.items() if "POST" in methods]
    assert len(posts) > 20  # the table is the source: a sweep of nothing proves nothing

    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    problems = []
    for name in posts:
        url = _url(name, patterns[name], values)
        before = _snapshot()
        calls.clear()
        response = client.post(url, _payload(pool))
        mutating = [c for c in calls if not c.startswith(READ_PREFIXES)]
        if response.status_code != 403 or b"The form expired" not in response.content:
            problems.append(f"POST {name}: {response.status_code}, expected the 403 CSRF page")
        if mutating:
            problems.append(f"POST {name} called {mutating}")
        after = _snapshot()
        changed = [label for label in before if before[label] != after[label]]
        if changed:
            problems.append(f"POST {name} changed {changed}")
    assert problems == []


def test_it_refuses_sign_in_without_a_token(db):
    make_operator("alice", "admin")
    client = Client(enforce_csrf_checks=True)
    before = _snapshot()
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 403
    assert b"The form expired" in response.content
    assert "_auth_user_id" not in client.session
    assert _snapshot() == before


def test_it_accepts_a_post_with_the_token(pool, db):
    """The sweep's client is not broken: with the token, the same request goes through."""
    admin = make_operator("alice", "admin")
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    client.get(reverse("users:list", kwargs={"pool_id": pool.id}))
    token = client.cookies["csrftoken"].value
    url = reverse("users:action", kwargs={"pool_id": pool.id, "action": "disable"})
    response = client.post(
        url, {"username": pool.users["user0@example.com"], "reason": "ok", "csrfmiddlewaretoken": token}
    )
    assert response.status_code != 403
    user = cognito().admin_get_user(UserPoolId=pool.id, Username=pool.users["user0@example.com"])
    assert user["Enabled"] is False
