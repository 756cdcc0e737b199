"""Domains and branding where moto falls short, added to the emulator process (applied with the
other corrections, console.emulator.cognito_fixes.apply) so the console's domain pages round-trip,
as Cognito documents them:

- Create/UpdateUserPoolDomain keep ManagedLoginVersion (1, the classic hosted UI, when not given)
  and DescribeUserPoolDomain returns it with the CustomDomainConfig; an update without a
  CustomDomainConfig keeps the certificate (moto dropped both).
- GetUICustomization / SetUICustomization (the classic hosted UI's CSS and logo) for the pool
  (ClientId "ALL") and per app client; a client without its own is answered with the pool's.
  Setting one needs a domain (InvalidParameterException); a request without ImageFile keeps
  the logo.
- Managed login branding (Create / Describe / DescribeByClient / Update / Delete), one per app
  client, stored with its settings document and assets (bytes included); Cognito's provided
  values or a settings document, not both.
- DescribeUserPool names a prefix domain in Domain and a custom domain (a full name, with dots)
  in CustomDomain; a pool may have one of each (moto named its first domain in Domain only).
"""

import base64
import copy
import uuid

from moto.cognitoidp import models, responses
from moto.cognitoidp.exceptions import InvalidParameterException, ResourceNotFoundError
from moto.core.exceptions import JsonRESTError
from moto.core.responses import ActionResult, EmptyResult
from moto.core.utils import utcnow

CLASSIC = 1
POOL_WIDE = "ALL"


class ManagedLoginBrandingExistsException(JsonRESTError):
    def __init__(self):
        super().__init__("ManagedLoginBrandingExistsException", "The app client already has a managed login branding.")


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


def _ui(pool) -> dict:
    if not hasattr(pool, "console_ui"):
        pool.console_ui = {}
    return pool.console_ui


def _ui_answer(pool, client_id: str, stored: dict) -> dict:
    answer = {"UserPoolId": pool.id, "ClientId": client_id, **{k: v for k, v in stored.items() if k != "ImageFile"}}
    if stored.get("ImageFile"):
        answer["ImageUrl"] = f"https://{pool.id.lower()}.emulator.invalid/ui/{client_id}/logo.png"
    return answer


def get_ui_customization(self):
    pool = self.backend.describe_user_pool(self._get_param("UserPoolId"))
    client_id = self._get_param("ClientId") or POOL_WIDE
    if client_id != POOL_WIDE:
        self.backend.describe_user_pool_client(pool.id, client_id)  # ResourceNotFoundException when absent
    stored = _ui(pool)
    key = client_id if client_id in stored else POOL_WIDE
    return ActionResult({"UICustomization": _ui_answer(pool, key, stored.get(key, {}))})


def set_ui_customization(self):
    pool = self.backend.describe_user_pool(self._get_param("UserPoolId"))
    client_id = self._get_param("ClientId") or POOL_WIDE
    if client_id != POOL_WIDE:
        self.backend.describe_user_pool_client(pool.id, client_id)
    if pool.domain is None:
        raise InvalidParameterException("The user pool has no domain: the hosted UI cannot be customised.")
    previous = _ui(pool).get(client_id, {})
    now = utcnow().timestamp()
    stored = {"CSS": self._get_param("CSS") or "", "CSSVersion": str(int(now * 1000)),
              "CreationDate": previous.get("CreationDate", now), "LastModifiedDate": now}
    image = self._get_param("ImageFile")
    if image or previous.get("ImageFile"):
        stored["ImageFile"] = image or previous["ImageFile"]  # a request without a logo keeps the logo
    _ui(pool)[client_id] = stored
    return ActionResult({"UICustomization": _ui_answer(pool, client_id, stored)})


def _brandings(pool) -> dict:
    if not hasattr(pool, "console_branding"):
        pool.console_branding = {}
    return pool.console_branding


def _branding_values(self) -> dict:
    use_cognito = bool(self._get_param("UseCognitoProvidedValues"))
    settings = self._get_param("Settings")
    if use_cognito == (settings is not None):
        raise InvalidParameterException("Give either UseCognitoProvidedValues or Settings.")
    assets = copy.deepcopy(self._get_param("Assets") or [])
    for asset in assets:  # the JSON protocol carries a blob as base64
        if isinstance(asset.get("Bytes"), str):
            asset["Bytes"] = base64.b64decode(asset["Bytes"])
    return {"UseCognitoProvidedValues": use_cognito, "Settings": settings or {}, "Assets": assets,
            "LastModifiedDate": utcnow().timestamp()}


def _branding(self, pool):
    found = _brandings(pool).get(self._get_param("ManagedLoginBrandingId"))
    if found is None:
        raise ResourceNotFoundError("The managed login branding does not exist.")
    return found


def create_managed_login_branding(self):
    pool = self.backend.describe_user_pool(self._get_param("UserPoolId"))
    client_id = self._get_param("ClientId")
    self.backend.describe_user_pool_client(pool.id, client_id)
    if any(b["ClientId"] == client_id for b in _brandings(pool).values()):
        raise ManagedLoginBrandingExistsException()
    branding_id = str(uuid.uuid4())
    now = utcnow().timestamp()
    stored = {"ManagedLoginBrandingId": branding_id, "UserPoolId": pool.id, "ClientId": client_id,
              "CreationDate": now, **_branding_values(self)}
    _brandings(pool)[branding_id] = stored
    return ActionResult({"ManagedLoginBranding": _branding_answer(stored)})


def _branding_answer(stored: dict) -> dict:
    return {k: copy.deepcopy(v) for k, v in stored.items() if k != "ClientId"}


def describe_managed_login_branding(self):
    pool = self.backend.describe_user_pool(self._get_param("UserPoolId"))
    return ActionResult({"ManagedLoginBranding": _branding_answer(_branding(self, pool))})


def describe_managed_login_branding_by_client(self):
    pool = self.backend.describe_user_pool(self._get_param("UserPoolId"))
    client_id = self._get_param("ClientId")
    found = next((b for b in _brandings(pool).values() if b["ClientId"] == client_id), None)
    if found is None:
        raise ResourceNotFoundError("The app client has no managed login branding.")
    return ActionResult({"ManagedLoginBranding": _branding_answer(found)})


def update_managed_login_branding(self):
    pool = self.backend.describe_user_pool(self._get_param("UserPoolId"))
    stored = _branding(self, pool)
    stored.update(_branding_values(self))
    return ActionResult({"ManagedLoginBranding": _branding_answer(stored)})


def delete_managed_login_branding(self):
    pool = self.backend.describe_user_pool(self._get_param("UserPoolId"))
    del _brandings(pool)[_branding(self, pool)["ManagedLoginBrandingId"]]
    return EmptyResult()


HANDLERS = (get_ui_customization, set_ui_customization, create_managed_login_branding,
            describe_managed_login_branding, describe_managed_login_branding_by_client,
            update_managed_login_branding, delete_managed_login_branding)


def apply() -> None:
    models.CognitoIdpUserPool.to_json = _pool_to_json(models.CognitoIdpUserPool.to_json)
    models.CognitoIdpUserPoolDomain.to_json = _domain_to_json(models.CognitoIdpUserPoolDomain.to_json)
    response = responses.CognitoIdpResponse
    for handler in HANDLERS:
        setattr(response, handler.__name__, handler)
    response.create_user_pool_domain = _keeps_version(response.create_user_pool_domain, creating=True)
    response.update_user_pool_domain = _keeps_version(response.update_user_pool_domain, creating=False)
