import re

from django.contrib.auth import authenticate
from django.urls import reverse

from console.accounts.models import Operator
from console.audit.models import AuditEvent


def test_it_lists_operators_with_role_and_scope(admin_client, otto, vera):
    response = admin_client.get(reverse("operators:list"))
    assert response.status_code == 200
    assert b"otto" in response.content and b"us-east-1_NotYours" in response.content
    assert b"every pool" in response.content  # vera


def test_it_creates_an_operator_and_shows_the_password_once(admin_client, alice):
    response = admin_client.post(reverse("operators:new"), {"username": "hana", "email": "hana@example.com",
                                                             "role": "helpdesk", "pools": "eu-west-1_Abc123"})
    assert response.status_code == 200
    password = re.search(rb'<code class="secret">([^<]+)</code>', response.content).group(1).decode()
    hana = Operator.objects.get(username="hana")
    assert hana.role == "helpdesk" and hana.allowed_pools == ["eu-west-1_Abc123"]
    assert authenticate(username="hana", password=password) == hana
    event = AuditEvent.objects.get(action="operator.create", target="hana")
    assert event.operator_name == "alice"
    assert password not in str(list(AuditEvent.objects.values()))


def test_it_refuses_a_bad_pool_id_and_a_taken_name(admin_client, vera):
    response = admin_client.post(reverse("operators:new"), {"username": "VERA", "role": "viewer", "pools": "nope"})
    assert b"already exists" in response.content
    assert b"Not a user pool id: nope" in response.content
    assert not Operator.objects.filter(username="VERA").exists()


def test_it_changes_role_scope_and_audits_before_and_after(admin_client, vera):
    response = admin_client.post(reverse("operators:edit", args=[vera.pk]),
                                 {"role": "helpdesk", "pools": "us-east-1_Abc", "is_active": "on"})
    assert response.status_code == 302
    vera.refresh_from_db()
    assert vera.role == "helpdesk" and vera.allowed_pools == ["us-east-1_Abc"]
    event = AuditEvent.objects.get(action="operator.update")
    assert event.params == {"role": {"before": "viewer", "after": "helpdesk"},
                            "pools": {"before": [], "after": ["us-east-1_Abc"]}}


def test_an_admin_cannot_demote_themselves_or_the_last_admin(admin_client, alice):
    response = admin_client.post(reverse("operators:edit", args=[alice.pk]), {"role": "viewer", "is_active": "on"})
    assert b"cannot remove your own admin role" in response.content
    alice.refresh_from_db()
    assert alice.role == "admin"


def test_the_last_active_admin_stays(admin_client, alice):
    other = Operator.objects.create(username="root2")
    from console.operators.services import OperatorChangeRefused, operator_update

    try:
        operator_update(operator=alice, role="viewer", pools=[], is_active=True, changed_by=other)
    except OperatorChangeRefused as exc:
        assert "last active admin" in str(exc)
    else:
        raise AssertionError("the last admin was demoted")


def test_a_new_password_replaces_the_old_one(admin_client, vera):
    from tests.fixtures.operators import PASSWORD

    response = admin_client.post(reverse("operators:password", args=[vera.pk]))
    password = re.search(rb'<code class="secret">([^<]+)</code>', response.content).group(1).decode()
    assert authenticate(username="vera", password=PASSWORD) is None
    assert authenticate(username="vera", password=password) is not None
    assert AuditEvent.objects.filter(action="operator.reset_password", target="vera").count() == 1


def test_helpdesk_cannot_manage_operators(helpdesk_client, vera):
    response = helpdesk_client.post(reverse("operators:edit", args=[vera.pk]), {"role": "admin", "is_active": "on"})
    assert response.status_code == 403
    vera.refresh_from_db()
    assert vera.role == "viewer"
