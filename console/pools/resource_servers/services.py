"""Resource servers: created, changed and deleted only through here, audited with before/after."""

from console.cognito import resource_servers as cognito_resource_servers
from console.cognito.resource_servers import ResourceServer, resource_server_from_cognito
from console.pools.changes import Updatable, change_allowed
from console.pools.resource_changes import created_audited, deleted_audited, updated_audited

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


def resource_server_create(*, operator, pool_id: str, request: dict, reason: str = "") -> ResourceServer:
    reason = change_allowed("resource_server.create", operator=operator, pool_id=pool_id, reason=reason)
    create = cognito_resource_servers.resource_server_create
    created = created_audited(
        "resource_server.create", create, pool_id, request, target=request["Identifier"], reason=reason
    )
    return resource_server_from_cognito(created)


def resource_server_update(*, operator, pool_id: str, identifier: str, changes: dict, reason: str = "") -> list[dict]:
    """Change the name or the scopes and keep the rest (UpdateResourceServer resets what it is not given)."""
    reason = change_allowed("resource_server.update", operator=operator, pool_id=pool_id, reason=reason)
    return updated_audited(
        "resource_server.update", RESOURCE_SERVER, pool_id, identifier, changes=changes, reason=reason
    )


def resource_server_delete(*, operator, pool_id: str, identifier: str, reason: str = "") -> None:
    reason = change_allowed("resource_server.delete", operator=operator, pool_id=pool_id, reason=reason)
    deleted_audited(
        "resource_server.delete",
        RESOURCE_SERVER,
        cognito_resource_servers.resource_server_delete,
        pool_id,
        identifier,
        reason=reason,
    )
