"""Create, update and delete for the resources inside a pool (app clients, identity providers,
resource servers), audited the same way: one event each, with the settings created, the changes
made or what was deleted, and never a secret (the Updatable's `hidden` keys)."""

from collections.abc import Callable

from console.pools.changes import Updatable, audited, changes_between, update_prepared


def created_audited(
    action: str,
    create: Callable[[str, dict], object],
    pool_id: str,
    request: dict,
    *,
    target: str,
    hidden: tuple[str, ...] = (),
    reason: str = "",
    params: dict | None = None,
):
    """create(pool_id, request), audited with the settings it was given (secrets left out)."""
    return audited(
        action,
        lambda: create(pool_id, request),
        pool_id=pool_id,
        target=target,
        reason=reason,
        params={"settings": changes_between({}, request, hidden=hidden), **(params or {})},
    )


def updated_audited(
    action: str,
    resource: Updatable,
    pool_id: str,
    name: str,
    *,
    changes,
    reason: str = "",
    target: Callable[[dict], str] | None = None,
    secrets_changed: Callable[[dict, dict], list[str]] | None = None,
) -> list[dict]:
    """Change some settings and keep the rest, through the whole-configuration rule. A secret that
    changed (secrets_changed(current request, new request) names it) is audited by name only."""
    update = update_prepared(resource, pool_id, name, changes=changes)
    confidential = secrets_changed(update.current, update.request) if secrets_changed else []
    if not update.diff and not confidential:
        return []
    params = {"changes": update.diff}
    if secrets_changed:
        params["confidential_changed"] = confidential
    audited(
        action,
        lambda: resource.send(update.request),
        pool_id=pool_id,
        target=target(update.described) if target else name,
        reason=reason,
        params=params,
    )
    return update.diff + [{"field": key} for key in confidential]


def deleted_audited(
    action: str,
    resource: Updatable,
    delete: Callable[[str, str], None],
    pool_id: str,
    name: str,
    *,
    reason: str = "",
    target: Callable[[dict], str] | None = None,
) -> None:
    """Delete and audit what the resource was (its whole configuration, secrets left out)."""
    described = resource.describe(pool_id, name)
    before = resource.as_request(described)
    audited(
        action,
        lambda: delete(pool_id, name),
        pool_id=pool_id,
        target=target(described) if target else name,
        reason=reason,
        params={"before": changes_between(before, {}, hidden=resource.hidden)},
    )
