"""Server-side permission checks that no view can forget.

Every console view is wrapped in `require(...)`: it checks the operator's
role permission and, when the URL names a pool, that the operator may see it.
A refusal raises PermissionDenied; the 403 handler audits it.
"""

import functools

from django.conf import settings
from django.core.exceptions import PermissionDenied

PERMISSION_LABELS = {
    "view_console": "view the console",
    "view_audit": "read the audit log",
    "helpdesk_users": "take helpdesk actions",
    "manage_users": "create, edit or delete users",
    "manage_membership": "change group membership",
    "manage_pools": "change pools, app clients and groups",
    "run_imports": "import users",
    "run_bulk": "run bulk actions",
    "export_users": "export users",
    "manage_operators": "manage operators",
}


def has_perm(operator, codename: str) -> bool:
    if codename == "manage_membership" and settings.CONSOLE_HELPDESK_MANAGES_GROUPS:
        return operator.has_perm("accounts.manage_membership") or operator.has_perm("accounts.helpdesk_users")
    return operator.has_perm(f"accounts.{codename}")


def check_perm(operator, codename: str) -> None:
    if not has_perm(operator, codename):
        raise PermissionDenied(f"Your role may not {PERMISSION_LABELS.get(codename, codename)}.")


def check_pool(operator, pool_id: str) -> None:
    if not operator.can_see_pool(pool_id):
        raise PermissionDenied("You are not allowed to work with this user pool.")


def require(codename: str = "view_console"):
    """Decorator for views: the permission, plus pool scope when the URL has pool_id."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            check_perm(request.user, codename)
            if "pool_id" in kwargs:
                check_pool(request.user, kwargs["pool_id"])
            return view(request, *args, **kwargs)

        wrapper.console_permission = codename
        return wrapper

    return decorator
