"""Reading resource servers as typed values."""

from console.cognito import resource_servers as cognito_resource_servers
from console.cognito.resource_servers import ResourceServer, resource_server_from_cognito


def resource_servers_all(pool_id: str) -> list[ResourceServer]:
    return cognito_resource_servers.resource_servers_list(pool_id)


def resource_server_get(pool_id: str, identifier: str) -> ResourceServer:
    return resource_server_from_cognito(cognito_resource_servers.resource_server_describe(pool_id, identifier))
