"""What each role may do. The data migration and tests both read this table."""

from console.accounts.models import ROLE_ADMIN, ROLE_HELPDESK, ROLE_VIEWER

VIEWER = ["view_console", "view_audit"]
HELPDESK = VIEWER + ["helpdesk_users", "run_bulk"]
ADMIN = HELPDESK + [
    "manage_users",
    "manage_membership",
    "manage_pools",
    "run_imports",
    "export_users",
    "manage_operators",
]

ROLE_PERMISSIONS = {ROLE_VIEWER: VIEWER, ROLE_HELPDESK: HELPDESK, ROLE_ADMIN: ADMIN}


def sync_roles(group_model, permission_model) -> None:
    """Create the role groups and give each exactly its permissions."""
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=role)
        perms = permission_model.objects.filter(content_type__app_label="accounts", codename__in=codenames)
        group.permissions.set(perms)
