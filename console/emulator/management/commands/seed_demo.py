from django.core.management.base import BaseCommand, CommandError

from console.cognito.errors import CognitoError
from console.emulator.demo import seed_demo


class Command(BaseCommand):
    help = "Create the demo pool, groups and users in the configured Cognito (meant for the local emulator)."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=300)

    def handle(self, *args, **options):
        try:
            result = seed_demo(users=options["users"])
        except CognitoError as exc:
            raise CommandError(f"Seeding failed: {exc}") from None
        self.stdout.write(
            f"Demo pool {result['pool_id']}: {result['created']} users created, {result['existing']} already there."
        )
