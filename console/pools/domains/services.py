"""The pool's domains (its Cognito prefix domain and its custom domain): created, changed and
deleted only through here, audited."""

from console.cognito import domains as cognito_domains
from console.cognito import pools as cognito_pools
from console.pools.changes import ChangeRefused, audited, change_allowed, changes_between


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


def domain_delete(*, operator, pool_id: str, kind: str = "prefix", reason: str = "") -> None:
    reason = change_allowed("domain.delete", operator=operator, pool_id=pool_id, reason=reason)
    prefix = pool_domain(pool_id, kind)

    def call():
        if not prefix:
            raise ChangeRefused(f"The pool has no {kind} domain to delete.", code="NoDomain")
        cognito_domains.domain_delete(pool_id, prefix)

    audited("domain.delete", call, pool_id=pool_id, target=prefix, reason=reason, params={"domain": prefix})


# The pool description's key for each kind of domain.
KINDS = {"prefix": "Domain", "custom": "CustomDomain"}


def pool_domain(pool_id: str, kind: str) -> str:
    """The pool's domain of that kind, as Cognito has it now ("" when none)."""
    return cognito_pools.pool_describe(pool_id, fresh=True).get(KINDS[kind]) or ""


def domain_settings(pool_id: str, domain: str) -> dict:
    """What UpdateUserPoolDomain changes, from DescribeUserPoolDomain (1 when Cognito names no version)."""
    described = cognito_domains.domain_describe(pool_id, domain)
    settings = {"ManagedLoginVersion": described.get("ManagedLoginVersion") or 1}
    certificate = (described.get("CustomDomainConfig") or {}).get("CertificateArn")
    if certificate:
        settings["CertificateArn"] = certificate
    return settings


def custom_domain_create(*, operator, pool_id: str, domain: str, certificate_arn: str, version: int,
                         reason: str = "") -> list[dict]:
    """Create the pool's custom domain (one per pool); audited with what it set."""
    reason = change_allowed("domain.create", operator=operator, pool_id=pool_id, reason=reason)
    existing = pool_domain(pool_id, "custom")

    def call():
        if existing:
            raise ChangeRefused(f"The pool already has the custom domain {existing}; delete it first.",
                                code="DomainExists")
        cognito_domains.domain_create(pool_id, domain, certificate_arn=certificate_arn, version=version)

    diff = changes_between({}, {"Domain": domain, "CertificateArn": certificate_arn, "ManagedLoginVersion": version})
    audited("domain.create", call, pool_id=pool_id, target=domain, reason=reason, params={"changes": diff})
    return diff


def domain_settings_save(*, operator, pool_id: str, kind: str, cleaned: dict, reason: str = "") -> list[dict]:
    """UpdateUserPoolDomain with the form's version (and certificate, for a custom domain), the
    rest as it is; audited with before and after, nothing sent when nothing changed."""
    reason = change_allowed("domain.update", operator=operator, pool_id=pool_id, reason=reason)
    domain = pool_domain(pool_id, kind)
    if not domain:
        raise ChangeRefused(f"The pool has no {kind} domain.", code="NoDomain")
    before = domain_settings(pool_id, domain)
    after = {**before, "ManagedLoginVersion": cleaned["version"]}
    if kind == "custom":
        after["CertificateArn"] = cleaned["certificate_arn"]
    diff = changes_between(before, after)
    if diff:
        audited("domain.update", lambda: cognito_domains.domain_update(
            pool_id, domain, certificate_arn=after.get("CertificateArn", ""), version=after["ManagedLoginVersion"]),
            pool_id=pool_id, target=domain, reason=reason, params={"changes": diff})
    return diff
