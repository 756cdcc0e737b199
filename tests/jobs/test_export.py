"""Exports (docs/CSV.md, "Writing" and "Round trip"): formula-safe cells that read back
unchanged, a pool that round-trips through an import, the job, its download and its expiry."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from console.audit.models import AuditEvent
from console.cognito.client import cognito
from console.cognito.types import CognitoUser
from console.core.csvsafe import FORMULA_TRIGGERS, unguard_cell
from console.jobs import export, runner, services
from console.jobs.csvread import read_rows
from console.jobs.models import Job
from tests.fixtures.cognito import build_pool
from tests.jobs.factories import start_import

COLUMNS = ["username", "email", "custom:department", "groups", "status", "enabled", "created", "modified", "sub"]
# Anything Cognito might hold, formula starters and quotes, separators and line breaks included.
values = st.text(
    alphabet=st.one_of(st.sampled_from(list("=+-@'\"\t\r\n;,| ")), st.characters(blacklist_categories=("Cs",))),
    max_size=30,
)


@hsettings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# A value that starts with its own quote before a trigger: CI found the importer taking that quote for the guard.
@example(username="", email="'=1", department="''+2", groups=["'@x"])
@given(
    username=values, email=values, department=values, groups=st.lists(values.filter(lambda g: ";" not in g), max_size=3)
)
def test_it_writes_no_formula_and_reads_back_unchanged(tmp_path, username, email, department, groups):
    user = CognitoUser(
        username=username,
        status="CONFIRMED",
        enabled=True,
        created=datetime(2026, 1, 2, tzinfo=UTC),
        modified=None,
        attributes={"email": email, "custom:department": department, "sub": "-1"},
    )
    row = export.user_row(user, COLUMNS, groups)
    assert not any(cell.startswith(FORMULA_TRIGGERS) for cell in row)
    path = tmp_path / "export.csv"
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        writer.writerow(row)
    header, _, rows = read_rows(str(path), max_rows=10)
    assert header == COLUMNS
    ((_, cells),) = list(rows)
    back = dict(zip(COLUMNS, [unguard_cell(c) for c in cells], strict=True))
    assert (back["username"], back["email"], back["custom:department"]) == (username, email, department)
    assert back["groups"] == ";".join(sorted(groups)) and back["sub"] == "-1"


def attributes_by_email(pool_id: str) -> dict[str, dict]:
    users = cognito().list_users(UserPoolId=pool_id)["Users"]
    result = {}
    for u in users:
        attrs = {a["Name"]: a["Value"] for a in u["Attributes"] if a["Name"] != "sub"}
        result[attrs["email"]] = attrs
    return result


def groups_by_email(pool_id: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for group in ("staff", "customers"):
        for u in cognito().list_users_in_group(UserPoolId=pool_id, GroupName=group)["Users"]:
            email = next(a["Value"] for a in u["Attributes"] if a["Name"] == "email")
            found.setdefault(email, set()).add(group)
    return found


@pytest.mark.django_db
def test_a_pool_round_trips_through_export_and_import(tmp_path, settings, alice, pool):
    settings.MEDIA_ROOT = tmp_path / "files"
    c = cognito()
    c.admin_add_user_to_group(UserPoolId=pool.id, GroupName="staff", Username=pool.users["user0@example.com"])
    c.admin_add_user_to_group(UserPoolId=pool.id, GroupName="customers", Username=pool.users["user0@example.com"])
    c.admin_add_user_to_group(UserPoolId=pool.id, GroupName="customers", Username=pool.users["user3@example.com"])
    c.admin_update_user_attributes(
        UserPoolId=pool.id,
        Username=pool.users["user1@example.com"],
        UserAttributes=[
            {"Name": "phone_number", "Value": "+14155550100"},
            {"Name": "custom:department", "Value": "=1+2"},
        ],
    )
    c.admin_disable_user(UserPoolId=pool.id, Username=pool.users["user2@example.com"])
    job = export.export_start(operator=alice, pool_id=pool.id, selection={"type": "pool"}, enqueue=False)
    assert runner.job_run(job_id=job.pk) == "finished"
    job.refresh_from_db()
    path = export.export_file(job)
    assert job.options["rows"] == 5 and path is not None
    text = path.read_text(encoding="utf-8")
    assert "'+14155550100" in text and "'=1+2" in text

    empty = build_pool(name="Empty", users=0)
    imported = start_import(tmp_path, alice, empty.id, text, suppress_invitations=True)
    assert runner.job_run(job_id=imported.pk) == "finished"
    imported.refresh_from_db()
    assert (imported.created, imported.failed) == (5, 0)
    assert attributes_by_email(empty.id) == attributes_by_email(pool.id)
    assert groups_by_email(empty.id) == groups_by_email(pool.id)
    # Disabled users come back disabled (docs/CSV.md, "Round trip"), the others enabled.
    assert enabled_by_email(empty.id) == enabled_by_email(pool.id)
    assert enabled_by_email(empty.id)["user2@example.com"] is False


def enabled_by_email(pool_id: str) -> dict[str, bool]:
    users = cognito().list_users(UserPoolId=pool_id)["Users"]
    return {next(a["Value"] for a in u["Attributes"] if a["Name"] == "email"): u["Enabled"] for u in users}


@pytest.mark.django_db
def test_the_groups_column_costs_one_call_per_group_page_not_per_user(tmp_path, settings, alice, pool):
    settings.MEDIA_ROOT = tmp_path / "files"
    calls = []
    cognito().meta.events.register("before-call.cognito-idp", lambda model, **kw: calls.append(model.name))
    out = io.StringIO()
    assert export.write_export(pool.id, {"type": "pool"}, out) == 5
    assert calls.count("ListUsersInGroup") == 2 and "AdminListGroupsForUser" not in calls


@pytest.mark.django_db
def test_download_needs_export_users_and_files_expire(tmp_path, settings, alice, pool, admin_client, viewer_client):
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.CONSOLE_EXPORT_RETENTION_DAYS = 7
    job = export.export_start(operator=alice, pool_id=pool.id, selection={"type": "pool"}, enqueue=False)
    runner.job_run(job_id=job.pk)
    url = reverse("jobs:export_download", args=[job.pk])
    assert viewer_client.get(url).status_code == 403
    response = admin_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode().startswith("email,")
    assert AuditEvent.objects.filter(action="export.download", job_id=job.pk).count() == 1
    Job.objects.filter(pk=job.pk).update(finished_at=timezone.now() - timedelta(days=8))
    assert services.jobs_reap()["exports_removed"] == 1
    job.refresh_from_db()
    assert export.export_file(job) is None and job.options["expired"]
    assert admin_client.get(url).status_code == 404


@pytest.mark.django_db
def test_the_command_writes_a_filtered_export(tmp_path, settings, alice, pool):
    settings.MEDIA_ROOT = tmp_path / "files"
    out = tmp_path / "out.csv"
    call_command("export_users", str(out), "--pool", pool.id, "--filter", 'email ^= "user1"', stdout=io.StringIO())
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["email"] for r in rows] == ["user1@example.com"]
    assert rows[0]["custom:department"] == "Support" and rows[0]["enabled"] == "true"
