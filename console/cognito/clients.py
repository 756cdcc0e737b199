"""App clients of a pool."""

from dataclasses import dataclass
from datetime import datetime

from console.cognito.pool_resources import PoolResource, pool_call
from console.cognito.pools import region_of, update_request_base
from console.cognito.types import AppClientSummary

CLIENTS = PoolResource("UserPoolClient", key="ClientId", plural="UserPoolClients")


def clients_list(pool_id: str) -> list[AppClientSummary]:
    """Every app client of the pool, sorted by name."""
    return CLIENTS.listed(
        pool_id, lambda c: AppClientSummary(id=c["ClientId"], name=c.get("ClientName", "")), MaxResults=60
    )


client_update = CLIENTS.update
client_delete = CLIENTS.delete


def _without_secret(described: dict) -> tuple[dict, str]:
    secret = described.pop("ClientSecret", "") or ""
    described["HasSecret"] = bool(secret)
    return described, secret


def client_describe(pool_id: str, client_id: str) -> dict:
    """DescribeUserPoolClient's UserPoolClient without the secret: nothing above
    the gateway needs it after creation, so it never travels further."""
    return _without_secret(CLIENTS.describe(pool_id, client_id))[0]


def client_update_request(described: dict) -> dict:
    """UpdateUserPoolClient's request for a client as described, changing nothing."""
    request = update_request_base("UpdateUserPoolClient", described, region=region_of(described["UserPoolId"]))
    request["UserPoolId"] = described["UserPoolId"]
    request["ClientId"] = described["ClientId"]
    return request


def client_create(pool_id: str, request: dict) -> tuple[dict, str]:
    """Create an app client: (its description without the secret, the secret or "")."""
    return _without_secret(CLIENTS.create(pool_id, request))


@dataclass(frozen=True)
class ClientSecretInfo:
    """One of a client's secrets (at most two at once, for rotation), never its value."""

    id: str
    created: datetime | None = None


def client_secrets_list(pool_id: str, client_id: str) -> list[ClientSecretInfo]:
    """The client's secrets, oldest first (ListUserPoolClientSecrets; values never kept)."""
    secrets, token = [], None
    while True:
        params = {"ClientId": client_id, **({"NextToken": token} if token else {})}
        raw = pool_call(pool_id, "ListUserPoolClientSecrets", **params)
        secrets += [
            ClientSecretInfo(s["ClientSecretId"], s.get("ClientSecretCreateDate")) for s in raw["ClientSecrets"]
        ]
        token = raw.get("NextToken")
        if not token:
            return sorted(secrets, key=lambda s: (s.created is None, s.created or 0))


def client_secret_add(pool_id: str, client_id: str) -> tuple[ClientSecretInfo, str]:
    """A second secret Cognito generates: (its id and date, its value for showing once)."""
    raw = pool_call(pool_id, "AddUserPoolClientSecret", ClientId=client_id)["ClientSecretDescriptor"]
    return ClientSecretInfo(raw["ClientSecretId"], raw.get("ClientSecretCreateDate")), raw.get("ClientSecretValue", "")


def client_secret_delete(pool_id: str, client_id: str, secret_id: str) -> None:
    pool_call(pool_id, "DeleteUserPoolClientSecret", ClientId=client_id, ClientSecretId=secret_id)
