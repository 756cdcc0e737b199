from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "console.accounts"
    label = "accounts"

    def ready(self):
        from console.accounts import signals  # noqa: F401 - connects the audit receivers

        post_migrate.connect(_sync_roles_after_migrate, sender=self)


def _sync_roles_after_migrate(sender, **kwargs):
    # Keeps roles exact when a later release adds a permission.
    from django.contrib.auth.models import Group, Permission

    from console.accounts.roles import sync_roles

    sync_roles(Group, Permission)
