"""The look of a pool's hosted sign-in pages: the classic hosted UI's customisation (CSS and a
logo, for the whole pool with ClientId "ALL" or for one app client)."""

from console.cognito.client import cognito
from console.cognito.errors import translated
from console.cognito.pools import region_of

POOL_WIDE = "ALL"


def ui_customization_get(pool_id: str, client_id: str = POOL_WIDE) -> dict:
    """GetUICustomization's UICustomization ({"CSS", "ImageUrl", ...}; a client without its own
    is answered with the pool's, ClientId "ALL")."""
    with translated("GetUICustomization"):
        raw = cognito(region_of(pool_id)).get_ui_customization(UserPoolId=pool_id, ClientId=client_id)
    return raw.get("UICustomization") or {}


def ui_customization_set(pool_id: str, client_id: str, *, css: str, image: bytes | None = None) -> None:
    """SetUICustomization: the CSS and, when given, a new logo (PNG or JPEG bytes)."""
    request = {"UserPoolId": pool_id, "ClientId": client_id, "CSS": css}
    if image is not None:
        request["ImageFile"] = image
    with translated("SetUICustomization"):
        cognito(region_of(pool_id)).set_ui_customization(**request)
