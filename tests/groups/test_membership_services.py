import pytest

from console.audit.models import AuditEvent
from console.cognito.errors import CognitoError
from console.cognito.groups import groups_of_user, members_page
from console.groups.services import membership_add, membership_remove


def test_it_adds_and_removes_a_member_and_audits_both(pool, alice):
    username = pool.users["user0@example.com"]
    membership_add(pool_id=pool.id, group="staff", username=username, reason="T-42")
    assert [g.name for g in groups_of_user(pool.id, username)] == ["staff"]
    members, _ = members_page(pool.id, "staff")
    assert [m.username for m in members] == [username]
    membership_remove(pool_id=pool.id, group="staff", username=username, reason="T-43")
    assert groups_of_user(pool.id, username) == []
    events = AuditEvent.objects.filter(target=username).order_by("id")
    assert [(e.action, e.outcome, e.reason, e.params) for e in events] == [
        ("group.add_member", "success", "T-42", {"group": "staff"}),
        ("group.remove_member", "success", "T-43", {"group": "staff"}),
    ]


def test_a_failure_is_audited_with_the_cognito_code(pool, db):
    with pytest.raises(CognitoError) as raised:
        membership_add(pool_id=pool.id, group="no-such-group", username=pool.users["user1@example.com"])
    event = AuditEvent.objects.get(action="group.add_member")
    assert event.outcome == "failure"
    assert event.error_code == raised.value.code
