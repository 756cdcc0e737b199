from django.contrib.auth.password_validation import ValidationError
from django.core.management.base import BaseCommand, CommandError

from console.accounts.models import ROLES
from console.accounts.services import generate_password, operator_create


class Command(BaseCommand):
    help = "Create a console operator with a role (viewer, helpdesk or admin)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", choices=ROLES, required=True)
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="Omit to generate one, printed once.")
        parser.add_argument("--pools", default="", help="Comma-separated pool ids; omit for every pool.")

    def handle(self, *args, **options):
        password = options["password"] or generate_password()
        pools = [p.strip() for p in options["pools"].split(",") if p.strip()]
        try:
            operator_create(
                username=options["username"],
                role=options["role"],
                password=password,
                email=options["email"],
                pools=pools,
            )
        except ValidationError as exc:
            raise CommandError("Password refused: " + " ".join(exc.messages)) from None
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"Created {options['role']} operator {options['username']!r}."))
        if not options["password"]:
            self.stdout.write(f"Password (shown once): {password}")
