"""Resource servers: created, changed and deleted only through here, audited with before/after."""

from console.cognito import resource_servers as cognito_resource_servers
from console.cognito.resource_servers import ResourceServer, resource_server_from_cognito
from console.pools.changes import Updatable, audited, changes_between, update_prepared

RESOURCE_SERVER = Updatable(
    describe=cognito_resource_servers.resource_server_describe,
    as_request=cognito_resource_servers.resource_server_update_request,
    send=cognito_resource_servers.resource_server_update,
)


def resource_server_request(d: dict) -> dict:
    """CreateResourceServer's request for the form's cleaned data."""
    request = {"Identifier": d["identifier"], "Name": d["name"]}
    if d["scopes"]:
        request["Scopes"] = d["scopes"]
    return request


def resource_server_changes(d: dict) -> dict:
    return {"Name": d["name"], "Scopes": d["scopes"]}


def resource_server_create(*, pool_id: str, request: dict, reason: str = "") -> ResourceServer:
    created = audited(
        "resource_server.create",
        lambda: cognito_resource_servers.resource_server_create(pool_id, request),
        pool_id=pool_id,
        target=request["Identifier"],
        reason=reason,
        params={"settings": changes_between({}, request)},
    )
    return resource_server_from_cognito(created)


def resource_server_update(*, pool_id: str, identifier: str, changes: dict, reason: str = "") -> list[dict]:
    """Change the name or the scopes and keep the rest (UpdateResourceServer resets what it is not given)."""
    update = update_prepared(RESOURCE_SERVER, pool_id, identifier, changes=changes)
    if not update.diff:
        return []
    audited(
        "resource_server.update",
        lambda: RESOURCE_SERVER.send(update.request),
        pool_id=pool_id,
        target=identifier,
        reason=reason,
        params={"changes": update.diff},
    )
    return update.diff


def resource_server_delete(*, pool_id: str, identifier: str, reason: str = "") -> None:
    described = cognito_resource_servers.resource_server_describe(pool_id, identifier)
    audited(
        "resource_server.delete",
        lambda: cognito_resource_servers.resource_server_delete(pool_id, identifier),
        pool_id=pool_id,
        target=identifier,
        reason=reason,
        params={"before": changes_between(cognito_resource_servers.resource_server_update_request(described), {})},
    )
