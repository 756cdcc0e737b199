import pytest
from django.urls import reverse

from console.accounts.roles import ROLE_PERMISSIONS
from console.audit.models import AuditEvent


@pytest.mark.parametrize("role", ["viewer", "helpdesk", "admin"])
def test_it_gives_each_role_exactly_its_permissions(db, role):
    from django.contrib.auth.models import Group

    granted = set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))
    assert granted == set(ROLE_PERMISSIONS[role])


def test_viewer_is_only_a_viewer(vera):
    assert vera.role == "viewer"
    assert vera.has_perm("accounts.view_console")
    assert not vera.has_perm("accounts.helpdesk_users")
    assert not vera.has_perm("accounts.manage_pools")


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    response = client.get(reverse("pools:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_lets_every_role_see_pools(pool, admin_client, helpdesk_client, viewer_client):
    for c in (admin_client, helpdesk_client, viewer_client):
        response = c.get(reverse("pools:list"))
        assert response.status_code == 200
        assert b"Test pool" in response.content


def test_it_refuses_a_pool_outside_the_operators_scope_and_audits_it(pool, outsider_client):
    response = outsider_client.get(reverse("users:list", args=[pool.id]))
    assert response.status_code == 403
    assert b"not allowed to work with this user pool" in response.content
    event = AuditEvent.objects.get(action="access.denied")
    assert event.operator_name == "otto"
    assert event.pool_id == pool.id
    assert event.outcome == "denied"


def test_it_hides_pools_outside_the_scope_from_lists(pool, outsider_client):
    response = outsider_client.get(reverse("pools:list"))
    assert b"Test pool" not in response.content


def test_it_signs_in_and_audits_success_and_failure(client, alice):
    from tests.fixtures.operators import PASSWORD

    response = client.post(reverse("accounts:login"), {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert b"Please enter a correct username and password" in response.content
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    outcomes = list(AuditEvent.objects.filter(action="operator.sign_in").values_list("outcome", flat=True))
    assert sorted(outcomes) == ["failure", "success"]
    assert PASSWORD not in str(list(AuditEvent.objects.values()))


def test_create_operator_command(db, capsys):
    from django.core.management import call_command

    call_command("create_operator", "henry", "--role", "helpdesk", "--pools", "us-east-1_abc")
    out = capsys.readouterr().out
    assert "Password (shown once)" in out
    from console.accounts.models import Operator

    henry = Operator.objects.get(username="henry")
    assert henry.role == "helpdesk"
    assert henry.allowed_pools == ["us-east-1_abc"]


def test_ensure_admin_creates_once(db, monkeypatch, capsys):
    from django.core.management import call_command

    monkeypatch.setenv("CONSOLE_ADMIN_USERNAME", "root-admin")
    monkeypatch.delenv("CONSOLE_ADMIN_PASSWORD", raising=False)
    call_command("ensure_admin")
    assert "Password (shown once" in capsys.readouterr().out
    call_command("ensure_admin")
    assert "exists" in capsys.readouterr().out
    from console.accounts.models import Operator

    assert Operator.objects.get(username="root-admin").role == "admin"


def test_it_reads_an_operators_role_and_permissions_in_one_query(hugo, django_assert_num_queries):
    from django.contrib.auth import get_user_model

    operator = get_user_model().objects.get(pk=hugo.pk)  # a fresh instance, as a request has
    with django_assert_num_queries(1):
        assert operator.role == "helpdesk"
        assert operator.has_perm("accounts.helpdesk_users")
        assert operator.has_perm("accounts.view_audit")
        assert not operator.has_perm("accounts.manage_pools")


def test_a_role_change_is_seen_by_the_same_instance(hugo):
    assert hugo.role == "helpdesk" and not hugo.has_perm("accounts.manage_pools")
    hugo.role_set("admin")
    assert hugo.role == "admin"
    assert hugo.has_perm("accounts.manage_pools")
    hugo.role_set("viewer")
    assert hugo.role == "viewer" and not hugo.has_perm("accounts.helpdesk_users")


def test_permissions_come_only_from_the_role(hugo):
    """Nothing in the console grants one permission to one operator; one added by hand in the
    database does not widen what the operator may do."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    hugo.user_permissions.add(Permission.objects.get(codename="manage_pools"))
    assert not get_user_model().objects.get(pk=hugo.pk).has_perm("accounts.manage_pools")


def test_a_superuser_has_every_permission(db):
    from django.contrib.auth import get_user_model

    root = get_user_model().objects.create_superuser("root", "root@example.com", "Root-Passw0rd-123")
    assert root.role == "admin"
    assert root.has_perm("accounts.manage_operators") and root.has_perm("accounts.run_imports")


def test_an_inactive_operator_has_no_permission(hugo):
    hugo.is_active = False
    assert not hugo.has_perm("accounts.view_console")
