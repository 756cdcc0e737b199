"""Recording audit events: the only way events are written."""

import logging
import re

from console.audit.models import AuditEvent
from console.core.net import client_address
from console.core.request_context import current_request

log = logging.getLogger("console.audit")

# Parameter names whose values never enter the audit log.
_SECRET_KEY = re.compile(r"pass(word)?|secret|token|session|credential|code$|otp|key$", re.IGNORECASE)


def scrub(params: dict | None) -> dict:
    """Drop secret-looking keys and keep values short, recursively."""
    clean = {}
    for key, value in (params or {}).items():
        if _SECRET_KEY.search(str(key)):
            continue
        if isinstance(value, dict):
            value = scrub(value)
        elif isinstance(value, (list, tuple)):
            value = [scrub(v) if isinstance(v, dict) else _short(v) for v in value][:100]
        else:
            value = _short(value)
        clean[str(key)] = value
    return clean


def _short(value):
    if isinstance(value, (int, float, bool)) or value is None:
        return value
    text = str(value)
    return text if len(text) <= 500 else text[:497] + "..."


def audit_record(
    *,
    action: str,
    outcome: str = AuditEvent.OUTCOME_SUCCESS,
    operator=None,
    pool_id: str = "",
    target: str = "",
    reason: str = "",
    error_code: str = "",
    message: str = "",
    params: dict | None = None,
    job_id: int | None = None,
    request=None,
) -> AuditEvent:
    """Write one audit event. Operator and request details default to the
    current request's, so services need not pass them through."""
    request = request or current_request()
    if operator is None and request is not None and getattr(request, "user", None) is not None:
        operator = request.user if request.user.is_authenticated else None
    event = AuditEvent.objects.create(
        operator=operator,
        operator_name=getattr(operator, "username", "") or "",
        role=getattr(operator, "role", "") if operator is not None else "",
        action=action,
        pool_id=pool_id or "",
        target=(target or "")[:255],
        outcome=outcome,
        error_code=(error_code or "")[:64],
        message=(message or "")[:500],
        reason=(reason or "")[:500],
        request_id=getattr(request, "request_id", "") if request is not None else "",
        remote_addr=_remote_addr(request),
        job_id=job_id,
        params=scrub(params),
    )
    log.info(
        "audit %s %s by %s pool=%s target=%s",
        action,
        outcome,
        event.operator_name or "-",
        pool_id or "-",
        target or "-",
    )
    return event


def _remote_addr(request) -> str | None:
    return client_address(request) if request is not None else None


def audited(action: str, call, *, target_of=None, failures: tuple[type[Exception], ...] = (), **event):
    """Run one change and record exactly one audit event for it: success, or failure
    with the error's code and message. `event` is what audit_record() records besides
    (pool_id, target, reason, params, job_id). `failures` adds refusals of the service's
    own (with .code and .message) to CognitoError; `target_of(result)` names the
    target when it is only known afterwards (a created user's generated username)."""
    from console.cognito.errors import CognitoError

    try:
        result = call()
    except (CognitoError, *failures) as exc:
        failure = {"error_code": getattr(exc, "code", ""), "message": getattr(exc, "message", str(exc))}
        audit_record(action=action, outcome=AuditEvent.OUTCOME_FAILURE, **failure, **event)
        raise
    if target_of:
        event["target"] = target_of(result)
    audit_record(action=action, **event)
    return result
