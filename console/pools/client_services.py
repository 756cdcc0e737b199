"""App clients and the pool's prefix domain: changed only through here, audited."""

from console.cognito import clients as cognito_clients
from console.cognito import domains as cognito_domains
from console.cognito import pools as cognito_pools
from console.pools.services import ChangeRefused, audited, changes_between, deep_merged

# Never compared, shown or audited.
SECRET_FIELDS = ("ClientSecret",)


def client_create(*, pool_id: str, request: dict, reason: str = "") -> tuple[dict, str]:
    """Create an app client. Returns (client, secret): the secret is for showing
    once to the operator and is never stored, logged or audited."""
    settings_ = {k: v for k, v in request.items() if k not in SECRET_FIELDS}
    client, secret = audited(
        "client.create",
        lambda: cognito_clients.client_create(pool_id, request),
        pool_id=pool_id,
        target=request.get("ClientName", ""),
        reason=reason,
        params={"settings": changes_between({}, settings_)},
    )
    return client, secret


def client_update(*, pool_id: str, client_id: str, changes: dict, reason: str = "") -> list[dict]:
    """Change some settings of an app client and nothing else: UpdateUserPoolClient
    resets what the request leaves out, so the request is the whole current
    configuration with the changes laid over it."""
    described = cognito_clients.client_describe(pool_id, client_id)
    current = cognito_clients.client_update_request(described)
    request = deep_merged(current, {k: v for k, v in changes.items() if k not in SECRET_FIELDS})
    diff = changes_between(current, request, hidden=SECRET_FIELDS)
    if not diff:
        return []
    audited(
        "client.update",
        lambda: cognito_clients.client_update(request),
        pool_id=pool_id,
        target=f"{described.get('ClientName', '')} ({client_id})",
        reason=reason,
        params={"changes": diff},
    )
    return diff


def client_delete(*, pool_id: str, client_id: str, reason: str = "") -> None:
    described = cognito_clients.client_describe(pool_id, client_id)
    audited(
        "client.delete",
        lambda: cognito_clients.client_delete(pool_id, client_id),
        pool_id=pool_id,
        target=f"{described.get('ClientName', '')} ({client_id})",
        reason=reason,
    )


def domain_of(pool_id: str, described_pool: dict) -> dict | None:
    """The pool's Cognito prefix domain, or None."""
    prefix = described_pool.get("Domain")
    if not prefix:
        return None
    description = cognito_domains.domain_describe(pool_id, prefix) or {"Domain": prefix}
    return {
        "prefix": prefix,
        "status": description.get("Status", ""),
        "url": cognito_domains.domain_url(pool_id, prefix),
        "custom": bool(described_pool.get("CustomDomain")),
    }


def domain_create(*, pool_id: str, prefix: str, reason: str = "") -> None:
    described = cognito_pools.pool_describe(pool_id, fresh=True)

    def call():
        if described.get("Domain"):
            raise ChangeRefused(
                f"The pool already has the domain {described['Domain']}; delete it first.", code="DomainExists"
            )
        cognito_domains.domain_create(pool_id, prefix)

    audited("domain.create", call, pool_id=pool_id, target=prefix, reason=reason, params={"domain": prefix})


def domain_delete(*, pool_id: str, reason: str = "") -> None:
    described = cognito_pools.pool_describe(pool_id, fresh=True)
    prefix = described.get("Domain") or ""

    def call():
        if not prefix:
            raise ChangeRefused("The pool has no Cognito domain to delete.", code="NoDomain")
        cognito_domains.domain_delete(pool_id, prefix)

    audited("domain.delete", call, pool_id=pool_id, target=prefix, reason=reason, params={"domain": prefix})
