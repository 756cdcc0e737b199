"""manage.py user_action ACTION --pool ID --user NAME --operator NAME --reason TEXT:
one catalogue action from a terminal, under the same policy as the page (permission of the
named operator, their pool scope, the reason rule) and audited alike."""

from types import SimpleNamespace

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from console.accounts.models import Operator
from console.accounts.policy import ReasonMissing
from console.cognito.errors import CognitoError
from console.core.request_context import reset_current_request, set_current_request
from console.users.actions import USER_PAGE_ACTIONS, action_run

# Actions whose parameters come from a form (attributes, password, typed confirmation) stay on the page.
SIMPLE = sorted(n for n, a in USER_PAGE_ACTIONS.items() if a.reason_only)


class Command(BaseCommand):
    help = "Run one user action (" + ", ".join(SIMPLE) + ") as an operator."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=SIMPLE)
        parser.add_argument("--pool", required=True, help="User pool id")
        parser.add_argument("--user", required=True, help="Cognito username")
        parser.add_argument("--operator", required=True, help="The operator acting (their role and pools apply)")
        parser.add_argument("--reason", default="")

    def handle(self, *args, **options):
        operator = Operator.objects.filter(username=options["operator"], is_active=True).first()
        if operator is None:
            raise CommandError(f"No active operator {options['operator']!r}.")
        action = USER_PAGE_ACTIONS[options["action"]]
        # The audit log takes the operator from the request being served; a terminal has none,
        # so the command stands in one naming the operator (no address: it did not come over HTTP).
        token = set_current_request(SimpleNamespace(user=operator, request_id="", META={}))
        try:
            secret = action_run(
                operator=operator,
                action=action,
                pool_id=options["pool"],
                username=options["user"],
                reason=options["reason"],
            )
        except (PermissionDenied, ReasonMissing) as exc:
            raise CommandError(str(exc)) from exc
        except CognitoError as exc:
            raise CommandError(exc.message) from exc
        finally:
            reset_current_request(token)
        self.stdout.write(action.done_message({}))
        if action.returns_secret:
            self.stdout.write(f"Temporary password (shown once): {secret}")
