"""Creating operators and giving them roles."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from console.accounts.models import ROLES
from console.accounts.permissions import check_perm
from console.audit.services import audit_record


def generate_password() -> str:
    return secrets.token_urlsafe(15)


@transaction.atomic
def operator_create(
    *, username: str, role: str, password: str, email: str = "", pools: list[str] | None = None, created_by=None
):
    """A new operator with exactly one role. Raises ValueError with a readable message.

    created_by is None only for the command line (ensure_admin, create_operator); an operator
    creating another must be allowed to manage operators (an unscoped admin)."""
    if created_by is not None:
        check_perm(created_by, "manage_operators")
    if role not in ROLES:
        raise ValueError(f"Unknown role {role!r}; choose one of {', '.join(ROLES)}.")
    Operator = get_user_model()
    if Operator.objects.filter(username=username).exists():
        raise ValueError(f"An operator named {username!r} already exists.")
    operator = Operator(username=username, email=email, allowed_pools=list(pools or []))
    validate_password(password, operator)
    operator.set_password(password)
    operator.save()
    operator.role_set(role)
    audit_record(
        action="operator.create",
        operator=created_by,
        target=username,
        params={"role": role, "pools": list(pools or [])},
    )
    return operator
