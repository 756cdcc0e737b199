"""Bulk jobs against moto's in-process Cognito: selections, actions, audit, reverse."""

import pytest
from django.core.exceptions import PermissionDenied

from console.audit.models import AuditEvent
from console.cognito.client import cognito
from console.jobs import bulk, runner
from console.jobs.models import Job, JobItem
from tests.fixtures.jobs import start_bulk

pytestmark = pytest.mark.django_db


def enabled_of(pool_id: str) -> dict[str, bool]:
    return {u["Username"]: u["Enabled"] for u in cognito().list_users(UserPoolId=pool_id)["Users"]}


def members(pool_id: str, group: str) -> set[str]:
    return {u["Username"] for u in cognito().list_users_in_group(UserPoolId=pool_id, GroupName=group)["Users"]}


def run(job: Job) -> Job:
    assert runner.job_run(job_id=job.pk) == "finished"
    job.refresh_from_db()
    return job


def test_it_disables_the_ticked_users_with_one_audit_event_each(pool, hugo):
    chosen = [pool.users["user0@example.com"], pool.users["user1@example.com"]]
    job = start_bulk(hugo, pool, "disable", chosen, reason="INC-1", enqueue=False)
    assert job.total == 2
    job = run(job)
    assert (job.status, job.updated, job.failed) == (Job.FINISHED, 2, 0)
    states = enabled_of(pool.id)
    assert [states[u] for u in chosen] == [False, False]
    assert states[pool.users["user2@example.com"]] is True
    events = AuditEvent.objects.filter(job_id=job.pk, action="user.disable")
    assert sorted(events.values_list("target", flat=True)) == sorted(chosen)
    assert set(events.values_list("reason", flat=True)) == {"INC-1"}


def test_it_enumerates_a_search_when_it_runs_and_skips_users_already_in_state(pool, hugo):
    first = pool.users["user0@example.com"]
    cognito().admin_disable_user(UserPoolId=pool.id, Username=first)
    job = start_bulk(
        hugo,
        pool,
        "disable",
        {"type": "search", "query": {"text": "user", "attribute": "email"}},
        enqueue=False,
        reason="INC-1",
    )
    assert job.total == 0 and not job.options["enumerated"]
    job = run(job)
    assert job.total == 5 and job.options["enumerated"]
    assert (job.updated, job.skipped) == (4, 1)
    assert not any(enabled_of(pool.id).values())
    assert JobItem.objects.get(job=job, key=first).status == JobItem.SKIPPED


def test_a_pasted_list_reports_the_names_not_found(pool, hugo):
    job = bulk.bulk_start(
        operator=hugo,
        pool_id=pool.id,
        action="sign_out",
        selection={
            "type": "list",
            "usernames": ["user3@example.com", "nobody@example.com", pool.users["user4@example.com"]],
        },
        enqueue=False,
        reason="INC-1",
    )
    job = run(job)
    assert (job.updated, job.failed) == (2, 1)
    missing = JobItem.objects.get(job=job, status=JobItem.FAILED)
    assert missing.key == "nobody@example.com" and "Not found" in missing.error


def test_reverse_runs_the_inverse_on_exactly_the_users_changed(pool, alice):
    already = pool.users["user0@example.com"]
    for email in ("user0@example.com", "user1@example.com", "user2@example.com"):
        cognito().admin_add_user_to_group(UserPoolId=pool.id, GroupName="staff", Username=pool.users[email])
    cognito().admin_add_user_to_group(UserPoolId=pool.id, GroupName="customers", Username=already)
    job = start_bulk(
        alice,
        pool,
        "group_add",
        {"type": "group", "group": "staff"},
        params={"group": "customers"},
        enqueue=False,
        reason="INC-1",
    )
    staff = members(pool.id, "staff")
    job = run(job)
    assert job.total == 3 and members(pool.id, "customers") >= staff
    assert (job.updated, job.skipped) == (2, 1)
    assert JobItem.objects.get(job=job, key=already).error == "Already in the group."
    assert bulk.reversible(job)
    back = bulk.bulk_reverse(operator=alice, job=job, enqueue=False)
    assert back.options["action"] == "group_remove" and back.options["reverses"] == job.pk
    assert back.total == job.updated == 2
    run(back)
    # The users the job added leave the group again; the one who was a member before stays.
    assert members(pool.id, "customers") == {already}


def test_disable_reverse_leaves_users_skipped_as_already_disabled(pool, hugo):
    was_disabled = pool.users["user1@example.com"]
    cognito().admin_disable_user(UserPoolId=pool.id, Username=was_disabled)
    job = run(start_bulk(hugo, pool, "disable", {"type": "search", "query": {}}, enqueue=False, reason="INC-1"))
    run(bulk.bulk_reverse(operator=hugo, job=job, enqueue=False))
    states = enabled_of(pool.id)
    assert states.pop(was_disabled) is False
    assert all(states.values())


def test_delete_needs_the_typed_count_and_an_admin(pool, alice, hugo):
    names = [pool.users["user0@example.com"], pool.users["user1@example.com"]]
    selection = {"type": "usernames", "usernames": names}
    with pytest.raises(PermissionDenied):
        bulk.bulk_start(
            operator=hugo, pool_id=pool.id, action="delete", selection=selection, typed_count="2", reason="INC-1"
        )
    with pytest.raises(bulk.BulkRefused, match="type the number"):
        bulk.bulk_start(
            operator=alice, pool_id=pool.id, action="delete", selection=selection, typed_count="3", reason="INC-1"
        )
    job = run(start_bulk(alice, pool, "delete", selection, typed_count="2", enqueue=False, reason="INC-1"))
    assert job.updated == 2 and len(enabled_of(pool.id)) == 3


def test_set_attribute_refuses_identifiers_and_sets_the_value(pool, alice):
    user = pool.users["user2@example.com"]
    with pytest.raises(bulk.BulkRefused):
        start_bulk(
            alice,
            pool,
            "set_attribute",
            [user],
            params={"attribute": "email", "value": "x@example.com"},
            reason="INC-1",
        )
    run(
        start_bulk(
            alice,
            pool,
            "set_attribute",
            [user],
            params={"attribute": "custom:department", "value": "=HYPERLINK()"},
            enqueue=False,
            reason="INC-1",
        )
    )
    attrs = {
        a["Name"]: a["Value"] for a in cognito().admin_get_user(UserPoolId=pool.id, Username=user)["UserAttributes"]
    }
    assert attrs["custom:department"] == "=HYPERLINK()"


def test_a_helpdesk_operator_cannot_set_attributes_in_bulk(pool, hugo):
    with pytest.raises(PermissionDenied):
        start_bulk(
            hugo, pool, "set_attribute", ["x"], params={"attribute": "custom:department", "value": "x"}, reason="INC-1"
        )


def test_the_estimate_follows_the_slowest_quota_category(settings):
    settings.CONSOLE_RATE_BUDGET_SHARE = 0.5
    # disable = AdminDisableUser + AdminUserGlobalSignOut, both UserUpdate (25/s, half of it ours).
    assert bulk.estimate_seconds(bulk.ACTIONS["disable"], 125) == pytest.approx(125 * 2 / 12.5)


def test_the_estimate_uses_the_accounts_quota_as_the_limiter_does(settings, monkeypatch):
    from console.cognito import client

    settings.CONSOLE_RATE_BUDGET_SHARE = 0.5
    monkeypatch.setattr(client, "account_quotas", lambda region=None: {"UserUpdate": (100.0, "account")})
    assert bulk.estimate_seconds(bulk.ACTIONS["disable"], 125) == pytest.approx(125 * 2 / 50)


def test_it_refuses_a_bulk_job_without_a_reason_when_reasons_are_required(pool, hugo, settings):
    settings.CONSOLE_REASON_REQUIRED = True
    chosen = [pool.users["user0@example.com"]]
    for reason in ("", "   "):
        with pytest.raises(bulk.BulkRefused, match="Give a reason"):
            start_bulk(hugo, pool, "disable", chosen, reason=reason, enqueue=False)
    assert not Job.objects.exists() and not AuditEvent.objects.filter(action="bulk.start").exists()
    assert enabled_of(pool.id)[chosen[0]] is True


def test_it_starts_without_a_reason_when_reasons_are_optional(pool, hugo, settings):
    settings.CONSOLE_REASON_REQUIRED = False
    job = start_bulk(hugo, pool, "disable", [pool.users["user0@example.com"]], enqueue=False)
    assert job.total == 1


def test_it_refuses_a_pool_outside_the_operators_scope(pool, hugo):
    hugo.allowed_pools = ["some-other-pool"]
    hugo.save()
    with pytest.raises(PermissionDenied):
        start_bulk(hugo, pool, "disable", ["x"], reason="INC-1", enqueue=False)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0.2, "about 1 second"), (1, "about 1 second"), (1.5, "about 2 seconds"), (60, "about 1 minute"),
     (61, "about 2 minutes"), (5400, "about 1.5 hours")],
)
def test_estimates_read_in_correct_plurals(seconds, text):
    assert bulk.estimate_text(seconds) == text
