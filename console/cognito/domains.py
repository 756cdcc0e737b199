"""The domains of a pool: its Cognito prefix domain (<prefix>.auth.<region>.amazoncognito.com)
and its custom domain (a name of the operator's, served by CloudFront with an ACM certificate)."""

from console.cognito.client import cognito
from console.cognito.errors import translated
from console.cognito.pools import pool_changed, region_of


def domain_describe(pool_id: str, domain: str) -> dict:
    """DescribeUserPoolDomain's description ({} when there is no such domain)."""
    with translated("DescribeUserPoolDomain"):
        raw = cognito(region_of(pool_id)).describe_user_pool_domain(Domain=domain)
    return raw.get("DomainDescription") or {}


def domain_url(pool_id: str, domain: str) -> str:
    return f"https://{domain}.auth.{region_of(pool_id)}.amazoncognito.com"


def domain_request(pool_id: str, domain: str, *, certificate_arn: str = "", version: int | None = None) -> dict:
    """The Create/UpdateUserPoolDomain request: a certificate only for a custom domain."""
    request: dict = {"UserPoolId": pool_id, "Domain": domain}
    if certificate_arn:
        request["CustomDomainConfig"] = {"CertificateArn": certificate_arn}
    if version:
        request["ManagedLoginVersion"] = version
    return request


def domain_create(pool_id: str, domain: str, *, certificate_arn: str = "", version: int | None = None) -> None:
    # The pool's description names its domain.
    request = domain_request(pool_id, domain, certificate_arn=certificate_arn, version=version)
    with pool_changed(pool_id), translated("CreateUserPoolDomain"):
        cognito(region_of(pool_id)).create_user_pool_domain(**request)


def domain_update(pool_id: str, domain: str, *, certificate_arn: str = "", version: int) -> None:
    """UpdateUserPoolDomain: the managed-login version and, for a custom domain, the certificate."""
    request = domain_request(pool_id, domain, certificate_arn=certificate_arn, version=version)
    with pool_changed(pool_id), translated("UpdateUserPoolDomain"):
        cognito(region_of(pool_id)).update_user_pool_domain(**request)


def domain_delete(pool_id: str, domain: str) -> None:
    with pool_changed(pool_id), translated("DeleteUserPoolDomain"):
        cognito(region_of(pool_id)).delete_user_pool_domain(UserPoolId=pool_id, Domain=domain)
