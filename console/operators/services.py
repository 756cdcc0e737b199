"""Changing operators: role, pool scope, active flag, password. All audited.

Only unscoped admins manage operators (the `manage_operators` permission is never
granted to a pool-scoped operator, see accounts.models.Operator.has_perm); each
service checks it again, so no caller can forget.

Guards keep the console administrable: nobody removes their own admin role,
scope or account, and the last active unscoped admin cannot be demoted, limited
to pools or deactivated. The guard holds under concurrency: every change that may
remove an unscoped admin first locks the admin role's row (SELECT ... FOR UPDATE
on PostgreSQL; SQLite serialises writers anyway), so two admins demoting each
other at the same moment cannot both succeed.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q

from console.accounts.models import ROLE_ADMIN, ROLES
from console.accounts.permissions import check_perm
from console.accounts.services import generate_password
from console.audit.services import audit_record


class OperatorChangeRefused(Exception):
    pass


def check_may_manage_operators(changed_by) -> None:
    """PermissionDenied unless changed_by is an active, unscoped admin."""
    check_perm(changed_by, "manage_operators")


def _unscoped_admins():
    admins = get_user_model().objects.filter(Q(groups__name=ROLE_ADMIN) | Q(is_superuser=True), is_active=True)
    return admins.filter(allowed_pools=[]).distinct()


def _lock_admin_changes() -> None:
    """Serialise every change that may remove an unscoped admin: waits for the others to commit,
    so the count that follows sees their outcome (READ COMMITTED takes a new snapshot per statement)."""
    Group.objects.select_for_update().filter(name=ROLE_ADMIN).first()


@transaction.atomic
def operator_update(*, operator, role: str, pools: list[str], is_active: bool, changed_by) -> dict:
    """Set an operator's role, pools and active flag; returns what changed (before/after)."""
    check_may_manage_operators(changed_by)
    if role not in ROLES:
        raise OperatorChangeRefused(f"Unknown role {role!r}.")
    _lock_admin_changes()
    operator = get_user_model().objects.select_for_update().get(pk=operator.pk)
    before = {"role": operator.role, "pools": list(operator.allowed_pools), "active": operator.is_active}
    after = {"role": role, "pools": list(pools), "active": is_active}
    stays_unscoped_admin = role == ROLE_ADMIN and is_active and not pools
    losing_admin = operator.is_unscoped_admin and not stays_unscoped_admin
    if losing_admin and operator.pk == changed_by.pk:
        raise OperatorChangeRefused("You cannot remove your own admin role, limit your own pools or deactivate "
                                    "yourself.")
    if losing_admin and not _unscoped_admins().exclude(pk=operator.pk).exists():
        raise OperatorChangeRefused("This is the last active admin for every pool; make someone else an admin "
                                    "for every pool first.")
    if not _unscoped_admins().filter(pk=changed_by.pk).exists():
        # changed_by was demoted by someone else since this request began.
        raise OperatorChangeRefused("You no longer manage operators.")
    operator.allowed_pools = list(pools)
    operator.is_active = is_active
    operator.save(update_fields=["allowed_pools", "is_active"])
    operator.role_set(role)
    changes = {k: {"before": before[k], "after": after[k]} for k in before if before[k] != after[k]}
    audit_record(action="operator.update", operator=changed_by, target=operator.username, params=changes)
    return changes


def operator_reset_password(*, operator, changed_by) -> str:
    """A new generated password, returned once to show to the admin; never stored in clear or audited."""
    check_may_manage_operators(changed_by)
    password = generate_password()
    operator.set_password(password)
    operator.save(update_fields=["password"])
    audit_record(action="operator.reset_password", operator=changed_by, target=operator.username)
    return password
