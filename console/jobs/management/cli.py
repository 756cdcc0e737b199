"""What the jobs' commands (import_users, export_users) share: the pool/operator/reason arguments
and the admin operator a job run from a terminal is recorded against."""

from django.core.management.base import CommandError

from console.accounts.models import Operator


def add_job_arguments(parser, *, role: str) -> None:
    parser.add_argument("--pool", required=True, help="User pool id")
    parser.add_argument("--operator", default="", help=f"Operator recorded as the {role} (an admin)")
    parser.add_argument("--reason", default="")


def admin_operator(username: str) -> Operator:
    """The named active admin, or the first one when no name is given."""
    admins = Operator.objects.filter(groups__name="admin", is_active=True)
    operator = admins.filter(username=username).first() if username else admins.order_by("pk").first()
    if operator is None:
        raise CommandError("An active admin operator is needed (--operator NAME, or create one first).")
    return operator
