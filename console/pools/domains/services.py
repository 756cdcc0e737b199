"""The pool's Cognito prefix domain: created and deleted only through here, audited."""

from console.cognito import domains as cognito_domains
from console.cognito import pools as cognito_pools
from console.pools.changes import ChangeRefused, audited, change_allowed


def domain_create(*, operator, pool_id: str, prefix: str, reason: str = "") -> None:
    reason = change_allowed("domain.create", operator=operator, pool_id=pool_id, reason=reason)
    described = cognito_pools.pool_describe(pool_id, fresh=True)

    def call():
        if described.get("Domain"):
            raise ChangeRefused(
                f"The pool already has the domain {described['Domain']}; delete it first.", code="DomainExists"
            )
        cognito_domains.domain_create(pool_id, prefix)

    audited("domain.create", call, pool_id=pool_id, target=prefix, reason=reason, params={"domain": prefix})


def domain_delete(*, operator, pool_id: str, reason: str = "") -> None:
    reason = change_allowed("domain.delete", operator=operator, pool_id=pool_id, reason=reason)
    described = cognito_pools.pool_describe(pool_id, fresh=True)
    prefix = described.get("Domain") or ""

    def call():
        if not prefix:
            raise ChangeRefused("The pool has no Cognito domain to delete.", code="NoDomain")
        cognito_domains.domain_delete(pool_id, prefix)

    audited("domain.delete", call, pool_id=pool_id, target=prefix, reason=reason, params={"domain": prefix})
