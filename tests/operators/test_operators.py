import re

import pytest
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


def _demoted_meanwhile(admin):
    """An admin object as a request loaded it (permissions checked), demoted since in the database."""
    from django.contrib.auth.models import Group

    assert admin.has_perm("accounts.manage_operators")  # what the view's decorator did
    type(admin).objects.get(pk=admin.pk).groups.set([Group.objects.get(name="viewer")])
    return admin


def _assert_update_refused(alice, *, by, role, pools, because):
    """operator_update by `by` is refused with a message saying `because`."""
    from console.operators.services import OperatorChangeRefused, operator_update

    with pytest.raises(OperatorChangeRefused, match=because):
        operator_update(operator=alice, role=role, pools=pools, is_active=True, changed_by=by)


def test_the_last_active_admin_stays(alice):
    from tests.fixtures.operators import make_operator

    bob = _demoted_meanwhile(make_operator("bob", "admin"))
    _assert_update_refused(alice, by=bob, role="viewer", pools=[], because="last active admin")


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


# --- A pool-scoped admin cannot take over the console (issue 11, item 1) ---------

def _scoped_admin():
    from tests.fixtures.operators import make_operator

    return make_operator("sam", "admin", pools=["us-east-1_Mine"])


def test_a_scoped_admin_cannot_create_demote_reset_or_widen(alice):
    from tests.fixtures.operators import PASSWORD, signed_in

    sam = _scoped_admin()
    client = signed_in(sam)
    assert client.post(reverse("operators:new"), {"username": "root2", "role": "admin"}).status_code == 403
    assert client.post(reverse("operators:edit", args=[alice.pk]), {"role": "viewer"}).status_code == 403
    widen = {"role": "admin", "is_active": "on"}
    assert client.post(reverse("operators:edit", args=[sam.pk]), widen).status_code == 403
    assert client.post(reverse("operators:password", args=[alice.pk])).status_code == 403
    assert not Operator.objects.filter(username="root2").exists()
    alice.refresh_from_db()
    sam.refresh_from_db()
    assert alice.role == "admin" and alice.is_active and authenticate(username="alice", password=PASSWORD)
    assert sam.allowed_pools == ["us-east-1_Mine"]
    assert b'href="/operators/"' not in client.get(reverse("core:home")).content


def test_the_services_refuse_a_scoped_admin_too(alice):
    from django.core.exceptions import PermissionDenied

    from console.accounts.services import operator_create
    from console.operators.services import operator_reset_password, operator_update

    sam = _scoped_admin()
    with pytest.raises(PermissionDenied):
        operator_update(operator=sam, role="admin", pools=[], is_active=True, changed_by=sam)
    with pytest.raises(PermissionDenied):
        operator_reset_password(operator=alice, changed_by=sam)
    with pytest.raises(PermissionDenied):
        operator_create(username="root2", role="admin", password="Long-Enough-Pass-42", created_by=sam)


def test_a_scoped_admin_does_not_count_as_the_last_admin(alice):
    from tests.fixtures.operators import make_operator

    _scoped_admin()
    bob = _demoted_meanwhile(make_operator("bob", "admin"))
    _assert_update_refused(alice, by=bob, role="viewer", pools=[], because="last active admin")
    alice.refresh_from_db()
    assert alice.role == "admin"


def test_scoping_the_last_unscoped_admin_is_refused(alice):
    from tests.fixtures.operators import make_operator

    bob = _demoted_meanwhile(make_operator("bob", "admin"))
    _assert_update_refused(alice, by=bob, role="admin", pools=["us-east-1_Mine"], because="last active admin")


def test_an_admin_demoted_meanwhile_changes_nothing(alice):
    from tests.fixtures.operators import make_operator

    make_operator("carol", "admin")
    bob = _demoted_meanwhile(make_operator("bob", "admin"))
    _assert_update_refused(alice, by=bob, role="viewer", pools=[], because="no longer manage operators")
    alice.refresh_from_db()
    assert alice.role == "admin"
