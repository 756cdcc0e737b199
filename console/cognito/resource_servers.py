"""Resource servers of a pool: the APIs and custom scopes app clients may ask for."""

from dataclasses import dataclass, field

from console.cognito.client import cognito
from console.cognito.errors import translated
from console.cognito.pagination import iterate
from console.cognito.pools import region_of


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


def resource_servers_list(pool_id: str) -> list[ResourceServer]:
    raw = iterate(
        "list_resource_servers", "ResourceServers", region=region_of(pool_id), UserPoolId=pool_id, MaxResults=50
    )
    return sorted((resource_server_from_cognito(r) for r in raw), key=lambda r: r.name.lower())


def resource_server_describe(pool_id: str, identifier: str) -> dict:
    with translated("DescribeResourceServer"):
        raw = cognito(region_of(pool_id)).describe_resource_server(UserPoolId=pool_id, Identifier=identifier)
    return raw["ResourceServer"]


def resource_server_update_request(described: dict) -> dict:
    """UpdateResourceServer's request changing nothing: it resets the name and the scopes
    when they are left out, so both always travel."""
    return {
        "UserPoolId": described["UserPoolId"],
        "Identifier": described["Identifier"],
        "Name": described.get("Name", ""),
        "Scopes": [dict(s) for s in described.get("Scopes") or []],
    }


def resource_server_create(pool_id: str, request: dict) -> dict:
    with translated("CreateResourceServer"):
        raw = cognito(region_of(pool_id)).create_resource_server(UserPoolId=pool_id, **request)
    return raw["ResourceServer"]


def resource_server_update(request: dict) -> None:
    with translated("UpdateResourceServer"):
        cognito(region_of(request["UserPoolId"])).update_resource_server(**request)


def resource_server_delete(pool_id: str, identifier: str) -> None:
    with translated("DeleteResourceServer"):
        cognito(region_of(pool_id)).delete_resource_server(UserPoolId=pool_id, Identifier=identifier)
