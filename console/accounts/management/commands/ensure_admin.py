import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import ValidationError
from django.core.management.base import BaseCommand, CommandError

from console.accounts.models import ROLE_ADMIN
from console.accounts.services import generate_password, operator_create


class Command(BaseCommand):
    help = (
        "Create the first admin operator if it does not exist: CONSOLE_ADMIN_USERNAME (default admin), "
        "password from CONSOLE_ADMIN_PASSWORD or generated and printed once."
    )

    def handle(self, *args, **options):
        username = os.environ.get("CONSOLE_ADMIN_USERNAME", "admin").strip() or "admin"
        if get_user_model().objects.filter(username=username).exists():
            self.stdout.write(
                f"Admin operator {username!r} exists; sign in with its password "
                f"(change it with: manage.py changepassword {username})."
            )
            return
        given = os.environ.get("CONSOLE_ADMIN_PASSWORD", "")
        password = given or generate_password()
        try:
            operator_create(username=username, role=ROLE_ADMIN, password=password)
        except ValidationError as exc:
            raise CommandError("CONSOLE_ADMIN_PASSWORD refused: " + " ".join(exc.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"Created admin operator {username!r}."))
        if given:
            self.stdout.write("Its password is the one in CONSOLE_ADMIN_PASSWORD.")
        else:
            self.stdout.write(self.style.WARNING(f"Password (shown once, write it down): {password}"))
