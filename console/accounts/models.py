from django.contrib.auth.models import AbstractUser
from django.db import models

from console.accounts.constants import ROLE_ADMIN, ROLE_HELPDESK, ROLE_VIEWER, ROLES  # noqa: F401 - re-exported


class Operator(AbstractUser):
    """A person who signs in to the console (not a Cognito user)."""

    allowed_pools = models.JSONField(
        default=list,
        blank=True,
        help_text="User pool ids this operator may see; empty means every pool.",
    )

    class Meta:
        verbose_name = "operator"
        default_permissions = ()
        permissions = [
            ("view_console", "View pools, users, groups and jobs"),
            ("view_audit", "Read the audit log"),
            ("helpdesk_users", "Take helpdesk actions on users"),
            ("manage_users", "Create, edit and delete users"),
            ("manage_membership", "Change group membership"),
            ("manage_pools", "Change pools, app clients, domains and groups"),
            ("run_imports", "Import users from CSV"),
            ("run_bulk", "Run bulk actions over many users"),
            ("export_users", "Export users to CSV"),
            ("manage_operators", "Manage operators"),
        ]

    @property
    def role(self) -> str:
        if self.is_superuser:
            return ROLE_ADMIN
        names = {g.name for g in self.groups.all()}
        return next((r for r in ROLES if r in names), "")

    # Operator management can make anyone an unscoped admin, so it is only for operators
    # who already see everything: a pool-scoped admin managing operators could widen
    # its own scope or demote the global admins (SECURITY.md, "Who may do what").
    UNSCOPED_ONLY = frozenset({"accounts.manage_operators"})

    def has_perm(self, perm, obj=None) -> bool:
        if perm in self.UNSCOPED_ONLY and self.allowed_pools:
            return False
        return super().has_perm(perm, obj)

    @property
    def is_unscoped_admin(self) -> bool:
        return self.is_active and not self.allowed_pools and self.role == ROLE_ADMIN

    def can_see_pool(self, pool_id: str) -> bool:
        return not self.allowed_pools or pool_id in self.allowed_pools
