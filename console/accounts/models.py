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
        return next((r for r in ROLES if r in self._role_groups()[0]), "")

    def role_permissions(self) -> set[str]:
        """'app_label.codename' of every permission the operator's role groups grant."""
        return self._role_groups()[1]

    def role_set(self, role: str) -> None:
        """Make `role` the operator's one role group, and forget what this instance had loaded."""
        from django.contrib.auth.models import Group

        self.groups.set([Group.objects.get(name=role)])
        for cached in ("_role_groups_loaded", "_perm_cache", "_user_perm_cache", "_group_perm_cache"):
            self.__dict__.pop(cached, None)

    def _role_groups(self) -> tuple[frozenset[str], set[str]]:
        """The names of the operator's groups and their permissions, in one query, loaded once per
        instance: every page asks for the role (layout) and several permissions (views, menus),
        which cost three queries a page before. Django caches permissions per instance alike."""
        loaded = self.__dict__.get("_role_groups_loaded")
        if loaded is None:
            names, perms = set(), set()
            rows = self.groups.values_list("name", "permissions__content_type__app_label", "permissions__codename")
            for name, app_label, codename in rows:
                names.add(name)
                if codename:
                    perms.add(f"{app_label}.{codename}")
            loaded = self.__dict__["_role_groups_loaded"] = (frozenset(names), perms)
        return loaded

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
