"""Changing operators: role, pool scope, active flag, password. All audited.

Guards keep the console administrable: nobody removes their own admin role or
account, and the last active admin cannot be demoted or deactivated.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from console.accounts.models import ROLE_ADMIN, ROLES
from console.accounts.services import generate_password
from console.audit.services import audit_record


class OperatorChangeRefused(Exception):
    pass


def _active_admins():
    return get_user_model().objects.filter(is_active=True, groups__name=ROLE_ADMIN).distinct()


@transaction.atomic
def operator_update(*, operator, role: str, pools: list[str], is_active: bool, changed_by) -> dict:
    """Set an operator's role, pools and active flag; returns what changed (before/after)."""
    if role not in ROLES:
        raise OperatorChangeRefused(f"Unknown role {role!r}.")
    before = {"role": operator.role, "pools": list(operator.allowed_pools), "active": operator.is_active}
    after = {"role": role, "pools": list(pools), "active": is_active}
    losing_admin = before["role"] == ROLE_ADMIN and before["active"] and (role != ROLE_ADMIN or not is_active)
    if losing_admin and operator.pk == changed_by.pk:
        raise OperatorChangeRefused("You cannot remove your own admin role or deactivate yourself.")
    if losing_admin and _active_admins().exclude(pk=operator.pk).count() == 0:
        raise OperatorChangeRefused("This is the last active admin; make someone else admin first.")
    operator.allowed_pools = list(pools)
    operator.is_active = is_active
    operator.save(update_fields=["allowed_pools", "is_active"])
    operator.groups.set([Group.objects.get(name=role)])
    changes = {k: {"before": before[k], "after": after[k]} for k in before if before[k] != after[k]}
    audit_record(action="operator.update", operator=changed_by, target=operator.username, params=changes)
    return changes


def operator_reset_password(*, operator, changed_by) -> str:
    """A new generated password, returned once to show to the admin; never stored in clear or audited."""
    password = generate_password()
    operator.set_password(password)
    operator.save(update_fields=["password"])
    audit_record(action="operator.reset_password", operator=changed_by, target=operator.username)
    return password
