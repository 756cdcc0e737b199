from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from console.accounts.twofactor import two_factor_reset


class Command(BaseCommand):
    help = "Remove an operator's two-factor devices (lost phone); they can enrol again after signing in."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, **options):
        try:
            operator = get_user_model().objects.get(username=options["username"])
        except get_user_model().DoesNotExist:
            raise CommandError(f"No operator named {options['username']!r}.") from None
        count = two_factor_reset(operator=operator)
        self.stdout.write(self.style.SUCCESS(f"Removed {count} two-factor device(s) of {operator.username!r}."))
