"""Resource servers of a pool: the APIs and custom scopes app clients may ask for."""

from dataclasses import dataclass, field

from console.cognito.pool_resources import PoolResource


@dataclass(frozen=True)
class Scope:
    name: str
    description: str


@dataclass(frozen=True)
class ResourceServer:
    identifier: str
    name: str
    scopes: list[Scope] = field(default_factory=list)

    @property
    def full_scopes(self) -> list[str]:
        """The scopes as app clients name them: identifier/scope."""
        return [f"{self.identifier}/{s.name}" for s in self.scopes]


def resource_server_from_cognito(raw: dict) -> ResourceServer:
    scopes = [Scope(s.get("ScopeName", ""), s.get("ScopeDescription", "")) for s in raw.get("Scopes") or []]
    return ResourceServer(identifier=raw.get("Identifier", ""), name=raw.get("Name", ""), scopes=scopes)


RESOURCE_SERVERS = PoolResource("ResourceServer", key="Identifier", plural="ResourceServers")


def resource_servers_list(pool_id: str) -> list[ResourceServer]:
    return RESOURCE_SERVERS.listed(pool_id, resource_server_from_cognito, MaxResults=50)


resource_server_describe = RESOURCE_SERVERS.describe
resource_server_create = RESOURCE_SERVERS.create
resource_server_update = RESOURCE_SERVERS.update
resource_server_delete = RESOURCE_SERVERS.delete


def resource_server_update_request(described: dict) -> dict:
    """UpdateResourceServer's request changing nothing: it resets the name and the scopes
    when they are left out, so both always travel."""
    return {
        "UserPoolId": described["UserPoolId"],
        "Identifier": described["Identifier"],
        "Name": described.get("Name", ""),
        "Scopes": [dict(s) for s in described.get("Scopes") or []],
    }
