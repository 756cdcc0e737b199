import csv
import io

import pytest
from django.urls import reverse

from console.audit.models import AuditEvent
from console.audit.services import audit_record, scrub


def test_it_is_append_only(db):
    event = audit_record(action="user.disable", pool_id="us-east-1_x", target="bob")
    event.reason = "changed"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().update(reason="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


def test_it_never_keeps_secrets_in_parameters():
    clean = scrub({"temporary_password": "Hunter2!", "ClientSecret": "abc", "email": "a@b.c",
                   "nested": {"session_id": "s", "group": "staff"}})
    assert clean == {"email": "a@b.c", "nested": {"group": "staff"}}


def test_it_keeps_the_operators_name_after_the_account_is_deleted(alice):
    audit_record(action="pool.update", operator=alice, pool_id="us-east-1_x")
    alice.delete()
    event = AuditEvent.objects.get(action="pool.update")
    assert event.operator is None
    assert event.operator_name == "alice"
    assert event.role == "admin"


def test_it_filters_the_list(viewer_client, alice):
    audit_record(action="user.disable", operator=alice, pool_id="us-east-1_a", target="bob", reason="T-1")
    audit_record(action="user.enable", operator=alice, pool_id="us-east-1_b", target="carol",
                 outcome=AuditEvent.OUTCOME_FAILURE, error_code="UserNotFoundException")
    response = viewer_client.get(reverse("audit:list"), {"outcome": "failure"})
    assert response.status_code == 200
    assert b"carol" in response.content
    assert b"bob" not in response.content
    response = viewer_client.get(reverse("audit:list"), {"pool_id": "us-east-1_a", "operator": "alice"})
    assert b"bob" in response.content and b"carol" not in response.content


def test_it_rejects_a_backwards_date_range_with_a_message(viewer_client):
    response = viewer_client.get(reverse("audit:list"), {"since": "2026-02-01", "until": "2026-01-01"})
    assert response.status_code == 200
    assert b"must be on or before" in response.content


def test_a_pool_limited_operator_sees_only_their_pools_events(outsider_client, alice):
    audit_record(action="user.disable", operator=alice, pool_id="us-east-1_Other", target="secret-bob")
    audit_record(action="user.disable", operator=alice, pool_id="us-east-1_NotYours", target="visible-carol")
    response = outsider_client.get(reverse("audit:list"))
    assert b"secret-bob" not in response.content
    assert b"visible-carol" in response.content


def test_the_csv_export_is_formula_safe(viewer_client, alice):
    audit_record(action="user.update", operator=alice, pool_id="us-east-1_a", target="=HYPERLINK(\"x\")",
                 reason="+1 call me")
    response = viewer_client.get(reverse("audit:export"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:4] == ["time_utc", "operator", "role", "action"]
    data = [r for r in rows[1:] if r[3] == "user.update"][0]
    assert data[5] == "'=HYPERLINK(\"x\")"
    assert data[9] == "'+1 call me"


def test_it_records_the_client_address_behind_a_trusted_proxy(db, rf, settings):
    settings.CONSOLE_TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="10.0.0.2")
    event = audit_record(action="user.disable", request=request)
    assert event.remote_addr == "203.0.113.9"


def test_it_offers_the_recorded_actions_to_filter_by(viewer_client, alice):
    audit_record(action="user.reset_password", operator=alice, pool_id="us-east-1_a", target="bob")
    audit_record(action="user.disable", operator=alice, pool_id="us-east-1_a", target="bob")
    response = viewer_client.get(reverse("audit:list"))
    html = response.content.decode()
    assert '<select name="action"' in html
    assert '<option value="user.reset_password">User: reset password</option>' in html
    assert '<option value="user.">Any user action</option>' in html
    response = viewer_client.get(reverse("audit:list"), {"action": "user."})
    assert len(response.context["rows"]) == 2


def test_it_shows_details_as_lines_not_a_python_dict(viewer_client, alice):
    audit_record(action="group.update", operator=alice, pool_id="us-east-1_a", target="staff",
                 params={"changes": [{"field": "precedence", "before": 1, "after": 2}], "notify": True})
    html = viewer_client.get(reverse("audit:list")).content.decode()
    assert "{&#x27;" not in html and "{'" not in html
    assert "<dt>Changes · precedence</dt><dd>1 → 2</dd>" in html
    assert "<dt>Notify</dt><dd>yes</dd>" in html


def test_it_links_job_targets_to_the_job_and_user_targets_to_the_user(viewer_client, alice):
    audit_record(action="import.start", operator=alice, pool_id="us-east-1_a", target="people.csv", job_id=42)
    audit_record(action="user.create", operator=alice, pool_id="us-east-1_a", target="0f3c-uuid",
                 params={"sign_in": "ada@example.com"})
    html = viewer_client.get(reverse("audit:list")).content.decode()
    assert f'<a href="{reverse("jobs:detail", kwargs={"job_id": 42})}">people.csv</a>' in html
    user_url = reverse("users:detail", kwargs={"pool_id": "us-east-1_a", "username": "0f3c-uuid"})
    assert f'<a href="{user_url}">ada@example.com</a>' in html
    assert '<span class="mono muted small">0f3c-uuid</span>' in html


def test_it_names_users_and_pools_from_cognito(viewer_client, alice, pool):
    username = pool.users["user1@example.com"]
    audit_record(action="user.disable", operator=alice, pool_id=pool.id, target=username)
    html = viewer_client.get(reverse("audit:list")).content.decode()
    assert "Given1 Family1 &lt;user1@example.com&gt;" in html
    assert "Test pool<br>" in html


def test_it_names_the_user_of_a_group_membership_change_and_links_to_them(viewer_client, alice, pool):
    # The target of group.add_member is the user (the group is a detail): name them and link the user page.
    username = pool.users["user1@example.com"]
    audit_record(action="group.add_member", operator=alice, pool_id=pool.id, target=username,
                 params={"group": "staff"})
    html = viewer_client.get(reverse("audit:list")).content.decode()
    assert "Given1 Family1 &lt;user1@example.com&gt;" in html
    assert reverse("users:detail", kwargs={"pool_id": pool.id, "username": username}) in html
    assert reverse("groups:members", kwargs={"pool_id": pool.id, "group": username}) not in html
