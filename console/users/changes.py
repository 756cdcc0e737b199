"""The one shape of every user service: a change to one user in one pool, recorded as exactly one
audit event (success, or failure with Cognito's code) with the user as its target."""

from collections.abc import Callable

from console.audit.services import audited


def user_change(
    action: str,
    change: Callable,
    pool_id: str,
    username: str,
    reason: str = "",
    *,
    params: dict | None = None,
    job_id: int | None = None,
    target_of: Callable | None = None,
):
    """Run change() audited as `action` on `username`; `target_of(result)` names the target when
    Cognito gives it (a pool that signs in by email gives a new user a generated username)."""
    return audited(
        action,
        change,
        pool_id=pool_id,
        target=username,
        reason=reason,
        params=params,
        job_id=job_id,
        target_of=target_of,
    )


def one_call_service(action: str, call: Callable[[str, str], object], doc: str = "") -> Callable[..., None]:
    """The service of an action that is one gateway call, call(pool_id, username), with no
    parameters of its own (so it runs in bulk with a job id): enable, sign out, delete..."""

    def service(*, pool_id: str, username: str, reason: str = "", job_id: int | None = None) -> None:
        user_change(action, lambda: call(pool_id, username), pool_id, username, reason, job_id=job_id)

    service.__name__ = service.__qualname__ = action.replace(".", "_")
    service.__doc__ = doc or f"{action}: one audited call on one user."
    return service
