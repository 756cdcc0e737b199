"""Saving the classic hosted UI's customisation (SetUICustomization), for the pool (ClientId
"ALL") or one app client: permission, pool scope and reason checked here, audited once with
before and after; the CSS and logo are audited by size, type and digest, never their content."""

import hashlib

from console.cognito import branding
from console.pools.changes import audited, change_allowed, changes_between


def css_summary(css: str) -> str:
    if not css:
        return "none"
    return f"{len(css)} characters, sha256 {hashlib.sha256(css.encode()).hexdigest()[:12]}"


def ui_customization_save(*, operator, pool_id: str, client_id: str, css: str, logo: dict | None,
                          reason: str = "") -> list[dict]:
    """Send the CSS and a new logo (None keeps the current one); nothing when nothing changed."""
    reason = change_allowed("pool.hosted_ui", operator=operator, pool_id=pool_id, reason=reason)
    client_id = client_id or branding.POOL_WIDE
    current = branding.ui_customization_get(pool_id, client_id)
    own = current.get("ClientId") == client_id
    before = {"CSS": css_summary(current.get("CSS") or "") if own else "none",
              "Logo": "set" if own and current.get("ImageUrl") else "none"}
    after = {"CSS": css_summary(css),
             "Logo": f"{logo['type']}, {len(logo['bytes'])} bytes" if logo else before["Logo"]}
    diff = changes_between(before, after)
    if diff:
        audited("pool.hosted_ui", lambda: branding.ui_customization_set(
            pool_id, client_id, css=css, image=logo["bytes"] if logo else None),
            pool_id=pool_id, target=client_id, reason=reason, params={"changes": diff})
    return diff
