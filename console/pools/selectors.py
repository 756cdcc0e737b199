"""Reading pools and their resources as typed values (console/cognito/types.py), scoped to
what an operator may see. Descriptions come from the gateway's one shared cache."""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.conf import settings

from console.cognito import clients as cognito_clients
from console.cognito import domains as cognito_domains
from console.cognito import pools as cognito_pools
from console.cognito.errors import CognitoError
from console.cognito.types import AppClient, Domain, Pool, PoolSummary, client_from_cognito, pool_from_cognito


def pools_all(*, fresh: bool = False) -> list[PoolSummary]:
    """Every pool in the configured regions (from the shared cache unless fresh)."""
    return cognito_pools.pools_list(fresh=fresh)


def pools_visible(operator, *, quiet: bool = False, fresh: bool = False) -> list[PoolSummary]:
    try:
        pools = pools_all(fresh=fresh)
    except CognitoError:
        if quiet:
            return []
        raise
    return [p for p in pools if operator.can_see_pool(p.id)]


def pool_get(pool_id: str, *, fresh: bool = False) -> Pool:
    return pool_from_cognito(cognito_pools.pool_describe(pool_id, fresh=fresh))


def mfa_state(pool_id: str, described: dict | None = None) -> dict:
    """The pool's MFA mode and which factors are on (SetUserPoolMfaConfig's view of it)."""
    raw = cognito_pools.pool_mfa_get(pool_id)
    return {
        "mode": raw.get("MfaConfiguration") or (described or {}).get("MfaConfiguration") or "OFF",
        "totp": bool((raw.get("SoftwareTokenMfaConfiguration") or {}).get("Enabled")),
        "sms": bool((raw.get("SmsMfaConfiguration") or {}).get("SmsConfiguration")),
    }


def domain_get(pool: Pool) -> Domain | None:
    """The pool's Cognito prefix domain, or None."""
    if not pool.domain:
        return None
    return _domain(pool.id, pool.domain, cognito_domains.domain_url(pool.id, pool.domain), custom=False)


def custom_domain_get(pool: Pool) -> Domain | None:
    """The pool's custom domain with the CloudFront distribution its DNS must point at, or None."""
    if not pool.custom_domain:
        return None
    return _domain(pool.id, pool.custom_domain, f"https://{pool.custom_domain}", custom=True)


def _domain(pool_id: str, name: str, url: str, *, custom: bool) -> Domain:
    description = cognito_domains.domain_describe(pool_id, name)
    return Domain(
        prefix=name,
        url=url,
        status=description.get("Status", ""),
        custom=custom,
        version=description.get("ManagedLoginVersion") or 1,
        cloudfront=description.get("CloudFrontDistribution") or "",
        certificate_arn=(description.get("CustomDomainConfig") or {}).get("CertificateArn", ""),
    )


def client_get(pool_id: str, client_id: str) -> AppClient:
    return client_from_cognito(cognito_clients.client_describe(pool_id, client_id))


# --- The pools list -------------------------------------------------------------


@dataclass
class PoolRow(PoolSummary):
    """One line of the pools list: ListUserPools' summary plus DescribeUserPool's details."""

    estimated_users: int | None = None
    mfa: str = ""
    sign_in: list[str] = field(default_factory=list)
    deletion_protection: bool | None = None
    error: str = ""


def _row(summary: PoolSummary, fresh: bool) -> PoolRow:
    row = PoolRow(**vars(summary))
    try:
        pool = pool_get(summary.id, fresh=fresh)
    except CognitoError as exc:
        # One pool that cannot be described must not take the whole list down.
        row.error = exc.message
        return row
    row.estimated_users = pool.estimated_users
    row.mfa = pool.mfa
    row.sign_in = pool.sign_in
    row.deletion_protection = pool.deletion_protection
    return row


def pools_overview(operator, *, fresh: bool = False) -> list[PoolRow]:
    """The pools the operator may see, each described (concurrently: one
    DescribeUserPool per pool, from the shared cache)."""
    pools = pools_visible(operator, fresh=fresh)
    if not pools:
        return []
    workers = min(settings.CONSOLE_POOL_DESCRIBE_CONCURRENCY, len(pools))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="describe-pool") as executor:
        return list(executor.map(lambda p: _row(p, fresh), pools))
