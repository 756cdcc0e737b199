"""Managed login branding per app client (Create/Update/DeleteManagedLoginBranding): permission,
pool scope and reason checked here; audited once with before and after, assets by category,
colour mode, type and size (never their bytes), the settings document by size and digest."""

import hashlib
import json

from console.cognito import branding
from console.pools.changes import ChangeRefused, audited, change_allowed, changes_between


def assets_summary(assets: list[dict]) -> list[str]:
    return sorted(f"{a['Category']} {a['ColorMode']}: {a['Extension']}, {len(a.get('Bytes') or b'')} bytes"
                  for a in assets)


def settings_summary(settings) -> str:
    if not settings:
        return "none"
    text = json.dumps(settings, sort_keys=True)
    return f"{len(text)} characters, sha256 {hashlib.sha256(text.encode()).hexdigest()[:12]}"


def branding_summary(current: dict) -> dict:
    if not current:
        return {"Branding": "none"}
    return {"Branding": "own", "UseCognitoProvidedValues": bool(current.get("UseCognitoProvidedValues")),
            "Settings": settings_summary(current.get("Settings")),
            "Assets": assets_summary(current.get("Assets") or [])}


def assets_with(current: list[dict], new: dict | None) -> list[dict]:
    """The current assets, the new one replacing the one of its category and colour mode."""
    fields = ("Category", "ColorMode", "Extension", "Bytes", "ResourceId")
    kept = [{k: a[k] for k in fields if a.get(k) is not None} for a in current]
    if new is None:
        return kept
    return [a for a in kept if (a["Category"], a["ColorMode"]) != (new["Category"], new["ColorMode"])] + [new]


def managed_login_save(*, operator, pool_id: str, client_id: str, use_cognito: bool, settings: dict | None,
                       asset: dict | None, reason: str = "") -> list[dict]:
    reason = change_allowed("client.managed_login", operator=operator, pool_id=pool_id, reason=reason)
    current = branding.managed_branding_get(pool_id, client_id)
    values = {"use_cognito": use_cognito, "settings": None if use_cognito else settings,
              "assets": assets_with(current.get("Assets") or [], asset)}
    after = {"Branding": "own", "UseCognitoProvidedValues": use_cognito,
             "Settings": settings_summary(values["settings"]), "Assets": assets_summary(values["assets"])}
    diff = changes_between(branding_summary(current), after)
    if not diff:
        return []
    if current:
        call = lambda: branding.managed_branding_update(pool_id, current["ManagedLoginBrandingId"], **values)  # noqa: E731
    else:
        call = lambda: branding.managed_branding_create(pool_id, client_id, **values)  # noqa: E731
    audited("client.managed_login", call, pool_id=pool_id, target=client_id, reason=reason, params={"changes": diff})
    return diff


def managed_login_delete(*, operator, pool_id: str, client_id: str, reason: str = "") -> None:
    reason = change_allowed("client.managed_login_delete", operator=operator, pool_id=pool_id, reason=reason)
    current = branding.managed_branding_get(pool_id, client_id)

    def call():
        if not current:
            raise ChangeRefused("The app client has no managed login branding.", code="NoBranding")
        branding.managed_branding_delete(pool_id, current["ManagedLoginBrandingId"])

    diff = changes_between(branding_summary(current), {"Branding": "none"})
    audited("client.managed_login_delete", call, pool_id=pool_id, target=client_id, reason=reason,
            params={"changes": diff})
