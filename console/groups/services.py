"""Group membership: the one place it changes, whoever asks (user page, group page, jobs)."""

from console.audit.models import AuditEvent
from console.audit.services import audit_record
from console.cognito import groups as cognito_groups
from console.cognito.errors import CognitoError


def _audited(action: str, change, *, pool_id: str, group: str, username: str, reason: str, job_id=None) -> None:
    try:
        change(pool_id, group, username)
    except CognitoError as exc:
        audit_record(
            action=action,
            outcome=AuditEvent.OUTCOME_FAILURE,
            pool_id=pool_id,
            target=username,
            reason=reason,
            error_code=exc.code,
            message=exc.message,
            params={"group": group},
            job_id=job_id,
        )
        raise
    audit_record(action=action, pool_id=pool_id, target=username, reason=reason, params={"group": group}, job_id=job_id)


def membership_add(*, pool_id: str, group: str, username: str, reason: str = "", job_id: int | None = None) -> None:
    _audited(
        "group.add_member",
        cognito_groups.group_add_user,
        pool_id=pool_id,
        group=group,
        username=username,
        reason=reason,
        job_id=job_id,
    )


def membership_remove(*, pool_id: str, group: str, username: str, reason: str = "", job_id: int | None = None) -> None:
    _audited(
        "group.remove_member",
        cognito_groups.group_remove_user,
        pool_id=pool_id,
        group=group,
        username=username,
        reason=reason,
        job_id=job_id,
    )
