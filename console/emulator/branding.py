"""Domains and branding where moto falls short, added to the emulator process (applied with the
other corrections, console.emulator.cognito_fixes.apply) so the console's domain pages round-trip,
as Cognito documents them:

- Create/UpdateUserPoolDomain keep ManagedLoginVersion (1, the classic hosted UI, when not given)
  and DescribeUserPoolDomain returns it with the CustomDomainConfig; an update without a
  CustomDomainConfig keeps the certificate (moto dropped both).
- DescribeUserPool names a prefix domain in Domain and a custom domain (a full name, with dots)
  in CustomDomain; a pool may have one of each (moto named its first domain in Domain only).
"""

from moto.cognitoidp import models, responses

CLASSIC = 1


def _is_custom(domain: str) -> bool:
    return "." in domain


def _pool_to_json(original):
    def to_json(self, extended=False):
        described = original(self, extended)
        described.pop("Domain", None)
        for upd in self.backend.user_pool_domains.values():
            if upd.user_pool_id == self.id:
                described.setdefault("CustomDomain" if _is_custom(upd.domain) else "Domain", upd.domain)
        return described

    return to_json


def _domain_to_json(original):
    def to_json(self, extended=True):
        described = original(self, extended)
        if extended:
            described["ManagedLoginVersion"] = getattr(self, "managed_login_version", CLASSIC)
            if self.custom_domain_config:
                described["CustomDomainConfig"] = dict(self.custom_domain_config)
        return described

    return to_json


def _keeps_version(original, *, creating: bool):
    def handler(self):
        domain = self._get_param("Domain")
        kept = None
        if not creating and domain in self.backend.user_pool_domains:
            kept = self.backend.user_pool_domains[domain].custom_domain_config
        result = original(self)
        upd = self.backend.user_pool_domains.get(domain)
        if upd is not None:
            version = self._get_param("ManagedLoginVersion")
            if version or creating:
                upd.managed_login_version = int(version or CLASSIC)
            if not upd.custom_domain_config and kept:
                upd.custom_domain_config = kept
        return result

    return handler


def apply() -> None:
    models.CognitoIdpUserPool.to_json = _pool_to_json(models.CognitoIdpUserPool.to_json)
    models.CognitoIdpUserPoolDomain.to_json = _domain_to_json(models.CognitoIdpUserPoolDomain.to_json)
    response = responses.CognitoIdpResponse
    response.create_user_pool_domain = _keeps_version(response.create_user_pool_domain, creating=True)
    response.update_user_pool_domain = _keeps_version(response.update_user_pool_domain, creating=False)
