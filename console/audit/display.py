"""The audit log as auditors read it: actions in words, pools and users by name,
details as "key: value" lines, and links to the user or job an event is about.

Reads only; the stored events stay as recorded (the CSV export keeps the raw values)."""

import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.urls import NoReverseMatch, reverse

from console.audit.models import AuditEvent

# How many users one page of the log looks up in Cognito to name them (each name is
# cached, so a busy page costs this once); the rest show their username.
USER_LOOKUPS_PER_PAGE = 25
USER_LABEL_CACHE_SECONDS = 600


def _user_label_key(pool_id: str, username: str) -> str:
    # Usernames are user-controlled: hashed, a key stays short and portable to any cache backend.
    digest = hashlib.sha256(f"{pool_id}\0{username}".encode()).hexdigest()
    return f"audit:user-label:{digest}"


# Families of actions whose target is a Cognito user, a group, or a job.
_USER_FAMILY = "user."
_GROUP_FAMILY = "group."
# Group-family actions whose target is the user added or removed (the group is in the details).
_MEMBERSHIP_ACTIONS = ("group.add_member", "group.remove_member")
_JOB_ACTIONS = ("import.", "bulk.", "export.", "job.")


@dataclass
class AuditRow:
    event: AuditEvent
    action_label: str
    pool_name: str = ""
    target_label: str = ""
    target_secondary: str = ""
    target_url: str = ""
    job_url: str = ""
    details: list[tuple[str, str]] = field(default_factory=list)


def action_label(action: str) -> str:
    """"user.reset_password" -> "User: reset password"."""
    family, _, verb = action.partition(".")
    if not verb:
        return action.replace("_", " ").capitalize()
    return f"{family.replace('_', ' ').capitalize()}: {verb.replace('_', ' ').replace('.', ' ')}"


def action_choices(actions: list[str]) -> list:
    """Grouped choices for the filter: "any user action" first in each family, then each action."""
    families: dict[str, list[str]] = {}
    for action in sorted(set(actions)):
        families.setdefault(action.partition(".")[0], []).append(action)
    grouped = []
    for family, members in families.items():
        label = family.replace("_", " ").capitalize()
        options = [(f"{family}.", f"Any {label.lower()} action")] if len(members) > 1 else []
        options += [(a, action_label(a)) for a in members]
        grouped.append((label, options))
    return grouped


def readable_details(params: dict) -> list[tuple[str, str]]:
    """A recorded parameter dict as lines an auditor reads: "Attributes: email, name",
    "Precedence: 1 → 2" for a change, nested values flattened with their path."""
    lines: list[tuple[str, str]] = []
    for key, value in (params or {}).items():
        _flatten(lines, _label(key), value)
    return lines


def _label(key: str) -> str:
    return str(key).replace("_", " ").capitalize()


def _flatten(lines: list, label: str, value) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _flatten(lines, f"{label} · {_label(key)}", inner)
    elif isinstance(value, list) and value and all(_is_change(v) for v in value):
        # [{"field", "before", "after"}] from changes_between(): one line per changed field.
        for change in value:
            lines.append((f"{label} · {change['field']}", f"{_text(change['before'])} → {_text(change['after'])}"))
    else:
        lines.append((label, _text(value)))


def _is_change(value) -> bool:
    return isinstance(value, dict) and {"field", "before", "after"} <= set(value)


def _text(value) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if value is None or value == "":
        return "—"
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(v) for v in value) if value else "none"
    if isinstance(value, dict):
        return ", ".join(f"{_label(k)}: {_text(v)}" for k, v in value.items())
    return str(value)


def audit_rows(events, *, pool_names: dict[str, str]) -> list[AuditRow]:
    events = list(events)
    users = _user_labels({(e.pool_id, e.target) for e in events if _is_user_event(e)}, events)
    return [_row(e, pool_names, users) for e in events]


def _is_user_event(event: AuditEvent) -> bool:
    about_user = event.action.startswith(_USER_FAMILY) or event.action in _MEMBERSHIP_ACTIONS
    return about_user and bool(event.pool_id and event.target)


def _row(event: AuditEvent, pool_names: dict[str, str], users: dict) -> AuditRow:
    row = AuditRow(
        event=event,
        action_label=action_label(event.action),
        pool_name=pool_names.get(event.pool_id, ""),
        target_label=event.target,
        details=readable_details(event.params),
    )
    if event.job_id:
        row.job_url = _url("jobs:detail", job_id=event.job_id)
    if _is_user_event(event):
        label = users.get((event.pool_id, event.target), "")
        if label:
            row.target_label, row.target_secondary = label, event.target
        if event.action != "user.delete":
            row.target_url = _url("users:detail", pool_id=event.pool_id, username=event.target)
    elif event.action.startswith(_GROUP_FAMILY) and event.pool_id and event.target:
        row.target_url = _url("groups:members", pool_id=event.pool_id, group=event.target)
    elif event.action.startswith(_JOB_ACTIONS) and event.job_id:
        row.target_url = row.job_url
        row.target_label = event.target or f"Job #{event.job_id}"
    return row


def _url(name: str, **kwargs) -> str:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:  # an id the URL pattern does not accept: show it without a link
        return ""


def _user_labels(pairs: set[tuple[str, str]], events: list[AuditEvent]) -> dict[tuple[str, str], str]:
    """"Name <email>" per (pool, username): what the events recorded (a created user's email),
    then the cache, then Cognito for at most USER_LOOKUPS_PER_PAGE users; unknown stays out."""
    labels = {}
    for event in events:
        recorded = (event.params or {}).get("email") or (event.params or {}).get("sign_in")
        if recorded and (event.pool_id, event.target) in pairs and recorded != event.target:
            labels[(event.pool_id, event.target)] = str(recorded)
    missing = [p for p in pairs if p not in labels]
    cached = cache.get_many([_user_label_key(*p) for p in missing])
    for pair in list(missing):
        label = cached.get(_user_label_key(*pair))
        if label is not None:
            if label:
                labels[pair] = label
            missing.remove(pair)
    for pair in sorted(missing)[:USER_LOOKUPS_PER_PAGE]:
        label = _user_label_from_cognito(*pair)
        cache.set(_user_label_key(*pair), label, USER_LABEL_CACHE_SECONDS)
        if label:
            labels[pair] = label
    return labels


def _user_label_from_cognito(pool_id: str, username: str) -> str:
    from console.cognito.errors import CognitoError
    from console.cognito.users import user_get

    try:
        user = user_get(pool_id, username)
    except CognitoError:  # deleted since, or Cognito unreachable: the username is what we have
        return ""
    name, email = user.display_name, user.email
    if name and email:
        return f"{name} <{email}>"
    return name or email or ""
