"""App clients of a pool."""

from console.cognito.client import cognito
from console.cognito.errors import translated
from console.cognito.pagination import iterate
from console.cognito.pools import region_of, update_request_base
from console.cognito.types import AppClientSummary


def clients_list(pool_id: str) -> list[AppClientSummary]:
    """Every app client of the pool, sorted by name."""
    raw = iterate(
        "list_user_pool_clients", "UserPoolClients", region=region_of(pool_id), UserPoolId=pool_id, MaxResults=60
    )
    clients = (AppClientSummary(id=c["ClientId"], name=c.get("ClientName", "")) for c in raw)
    return sorted(clients, key=lambda c: c.name.lower())


def client_describe(pool_id: str, client_id: str) -> dict:
    """DescribeUserPoolClient's UserPoolClient without the secret: nothing above
    the gateway needs it after creation, so it never travels further."""
    with translated("DescribeUserPoolClient"):
        raw = cognito(region_of(pool_id)).describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
    described = raw["UserPoolClient"]
    described["HasSecret"] = bool(described.pop("ClientSecret", None))
    return described


def client_update_request(described: dict) -> dict:
    """UpdateUserPoolClient's request for a client as described, changing nothing."""
    request = update_request_base("UpdateUserPoolClient", described, region=region_of(described["UserPoolId"]))
    request["UserPoolId"] = described["UserPoolId"]
    request["ClientId"] = described["ClientId"]
    return request


def client_create(pool_id: str, request: dict) -> tuple[dict, str]:
    """Create an app client: (its description without the secret, the secret or "")."""
    with translated("CreateUserPoolClient"):
        raw = cognito(region_of(pool_id)).create_user_pool_client(UserPoolId=pool_id, **request)
    described = raw["UserPoolClient"]
    secret = described.pop("ClientSecret", "") or ""
    described["HasSecret"] = bool(secret)
    return described, secret


def client_update(request: dict) -> None:
    with translated("UpdateUserPoolClient"):
        cognito(region_of(request["UserPoolId"])).update_user_pool_client(**request)


def client_delete(pool_id: str, client_id: str) -> None:
    with translated("DeleteUserPoolClient"):
        cognito(region_of(pool_id)).delete_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
