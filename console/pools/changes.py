"""How the console changes a pool's resources: refused with a reason, audited once, and sent
to Cognito's Update* operations as the whole current configuration.

UpdateUserPool and UpdateUserPoolClient (like the Update operations of identity providers and
resource servers) reset every setting the request leaves out. So no update is built by hand:
each resource declares itself once as an Updatable, and update_prepared() reads it fresh from
Cognito, turns the description into a request that changes nothing, lays the changes over it
and says what differs (for the audit log). A new updatable resource is one more Updatable."""

import copy
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

from console.accounts.permissions import check_perm
from console.accounts.policy import REASON_MAX, ReasonMissing, action_allowed, reason_check
from console.audit import services as audit_services
from console.audit.models import AuditEvent


class ChangeRefused(Exception):
    """The console refuses a change before asking Cognito (and says why)."""

    def __init__(self, message: str, code: str = "Refused"):
        super().__init__(message)
        self.message = message
        self.code = code


def audited(action: str, call, *, pool_id: str, target: str = "", reason: str = "", params: dict | None = None):
    """Run a Cognito change and record exactly one audit event, success or failure."""
    return audit_services.audited(
        action, call, pool_id=pool_id, target=target, reason=reason, params=params, failures=(ChangeRefused,)
    )


class ReasonRefused(ChangeRefused, ReasonMissing):
    """No reason where one is required: a ChangeRefused, so every pool page shows it like any
    other refusal (a delete button's reason is not checked by a form first)."""


def change_allowed(action: str, *, operator, pool_id: str | None, reason: str | None, target: str = "") -> str:
    """The rules of every pool change, in the service whoever calls it: the manage_pools
    permission, the operator's pool scope and the reason rule; returns the clean reason.
    pool_id None only for a pool not created yet (no scope to check). A refusal is audited
    as a failure (with the operator who was refused) and re-raised."""
    try:
        if pool_id is None:
            check_perm(operator, "manage_pools")
            return reason_check(reason)
        return action_allowed(operator=operator, permission="manage_pools", pool_id=pool_id, reason=reason)
    except (PermissionDenied, ReasonMissing) as exc:
        refused = exc if isinstance(exc, PermissionDenied) else ReasonRefused(str(exc), code="ReasonMissing")
        audit_services.audit_record(
            action=action,
            outcome=AuditEvent.OUTCOME_FAILURE,
            operator=operator,
            pool_id=pool_id or "",
            target=target,
            reason=(reason or "").strip()[:REASON_MAX],
            error_code=getattr(refused, "code", "PermissionDenied"),
            message=str(exc),
        )
        if refused is exc:
            raise
        raise refused from exc


def changes_between(before: dict, after: dict, *, prefix: str = "", hidden: tuple[str, ...] = ()) -> list[dict]:
    """What differs between two requests, as [{"field", "before", "after"}] with
    dotted paths (a list, because the audit scrubber drops secret-looking keys
    such as "PasswordPolicy" and these values are not secret)."""
    changes = []
    for key in sorted(set(before) | set(after)):
        path = f"{prefix}{key}"
        if key in hidden:
            continue
        old, new = before.get(key), after.get(key)
        if isinstance(old, dict) and isinstance(new, dict):
            changes += changes_between(old, new, prefix=f"{path}.", hidden=hidden)
        elif old != new:
            changes.append({"field": path, "before": old, "after": new})
    return changes


def deep_merged(base: dict, change: dict, *, whole: tuple[str, ...] = ()) -> dict:
    """base with change laid over it; nested dicts merge, anything else (and the
    top-level keys named in `whole`) is replaced."""
    merged = copy.deepcopy(base)
    for key, value in change.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict) and key not in whole:
            merged[key] = deep_merged(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


@dataclass(frozen=True)
class Updatable:
    """A Cognito resource whose Update operation resets what the request leaves out."""

    describe: Callable[..., dict]  # the resource as Cognito has it now (never from a cache)
    as_request: Callable[[dict], dict]  # a description as the update request that changes nothing
    send: Callable[[dict], None]  # the Update call
    replaced_whole: tuple[str, ...] = ()  # alternatives, not settings: a change names the whole value
    kept: tuple[str, ...] = ()  # owned by another operation: an update never changes them
    hidden: tuple[str, ...] = ()  # secrets: never compared, shown or audited


@dataclass(frozen=True)
class WholeUpdate:
    described: dict
    current: dict
    request: dict
    diff: list[dict]

    @property
    def changes_something(self) -> bool:
        return self.request != self.current


def update_prepared(resource: Updatable, *ids: str, changes: dict | Callable[[dict], dict]) -> WholeUpdate:
    """The update request for `changes` to the resource named by `ids`: its whole current
    configuration with the changes laid over it. `changes` may be a function of the fresh
    description, for a change that keeps parts of the current value."""
    described = resource.describe(*ids)
    current = resource.as_request(described)
    if callable(changes):
        changes = changes(described)
    changes = {k: v for k, v in changes.items() if k not in resource.kept and k not in resource.hidden}
    request = deep_merged(current, changes, whole=resource.replaced_whole)
    diff = changes_between(current, request, hidden=resource.hidden)
    return WholeUpdate(described=described, current=current, request=request, diff=diff)


def update_saved(resource: Updatable, *ids: str, action: str, changes, pool_id: str, reason: str = "") -> list[dict]:
    """Prepare the whole update, send it when it changes something and audit it once with before
    and after; returns what changed. A top-level change of None leaves that setting out of the
    request (Cognito's way of turning it off: an SMS role, every Lambda trigger)."""
    update = update_prepared(resource, *ids, changes=changes)
    request = {k: v for k, v in update.request.items() if v is not None}
    diff = changes_between(update.current, request, hidden=resource.hidden)
    if not diff:
        return []
    target = update.described.get("Name", "")
    audited(action, lambda: resource.send(request), pool_id=pool_id, target=target, reason=reason,
            params={"changes": diff})
    return diff
