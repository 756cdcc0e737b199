"""What an app client may choose from: the pool's identity providers, attributes and the custom
scopes its resource servers define (the form offers these and refuses anything else)."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from console.cognito import clients as cognito_clients
from console.cognito import providers as cognito_providers
from console.cognito import resource_servers as cognito_resource_servers
from console.cognito.clients import ClientSecretInfo
from console.cognito.domains import domain_url
from console.cognito.errors import CognitoError
from console.cognito.types import AppClient, Pool, PoolAttribute
from console.pools.selectors import pool_get


@dataclass(frozen=True)
class ClientChoices:
    providers: list[str] = field(default_factory=list)
    attributes: list[PoolAttribute] = field(default_factory=list)
    scopes: list[str] = field(default_factory=list)


def client_choices(pool_id: str) -> ClientChoices:
    servers = cognito_resource_servers.resource_servers_list(pool_id)
    return ClientChoices(
        providers=[p.name for p in cognito_providers.providers_list(pool_id)],
        attributes=pool_get(pool_id).attributes,
        scopes=[scope for server in servers for scope in server.full_scopes],
    )


@dataclass(frozen=True)
class HostedLink:
    label: str
    url: str


def hosted_links(pool: Pool, client: AppClient) -> list[HostedLink]:
    """The client's hosted sign-in page and one test link per identity provider it uses (the
    authorize URL with identity_provider=, which goes straight to that provider). None without a
    domain, a callback URL or a browser flow."""
    browser_flows = [f for f in client.oauth_flows if f in ("code", "implicit")]
    if not (pool.domain or pool.custom_domain) or not client.callback_urls or not browser_flows:
        return []
    base = f"https://{pool.custom_domain}" if pool.custom_domain else domain_url(pool.id, pool.domain)
    params = {
        "client_id": client.id,
        "response_type": "code" if "code" in browser_flows else "token",
        "scope": " ".join(client.oauth_scopes),
        "redirect_uri": client.callback_urls[0],
    }
    links = [HostedLink("Hosted sign-in page", f"{base}/login?{urlencode(params)}")]
    for name in client.identity_providers:
        query = urlencode({**params, "identity_provider": name})
        links.append(HostedLink(f"Test sign-in with {name}", f"{base}/oauth2/authorize?{query}"))
    return links


def client_secrets(client: AppClient) -> tuple[list[ClientSecretInfo], str]:
    """A confidential client's secrets (ids and dates), or an error message to show instead."""
    if not client.has_secret:
        return [], ""
    try:
        return cognito_clients.client_secrets_list(client.pool_id, client.id), ""
    except CognitoError as exc:
        return [], exc.message
