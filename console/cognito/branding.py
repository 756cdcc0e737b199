"""The look of a pool's hosted sign-in pages: the classic hosted UI's customisation (CSS and a
logo, for the whole pool with ClientId "ALL" or for one app client)."""

from console.cognito.client import cognito
from console.cognito.errors import CognitoError, translated
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


def managed_branding_get(pool_id: str, client_id: str) -> dict:
    """DescribeManagedLoginBrandingByClient's branding, assets with their bytes ({} when the
    client has none)."""
    try:
        with translated("DescribeManagedLoginBrandingByClient"):
            raw = cognito(region_of(pool_id)).describe_managed_login_branding_by_client(
                UserPoolId=pool_id, ClientId=client_id)
    except CognitoError as exc:
        if exc.code == "ResourceNotFoundException":
            return {}
        raise
    return raw.get("ManagedLoginBranding") or {}


def managed_branding_request(*, use_cognito: bool, settings: dict | None, assets: list[dict]) -> dict:
    """Cognito's provided values, or the settings document; the assets either way."""
    request: dict = {"Assets": assets}
    if use_cognito:
        request["UseCognitoProvidedValues"] = True
    else:
        request["Settings"] = settings or {}
    return request


def managed_branding_create(pool_id: str, client_id: str, **values) -> None:
    with translated("CreateManagedLoginBranding"):
        cognito(region_of(pool_id)).create_managed_login_branding(
            UserPoolId=pool_id, ClientId=client_id, **managed_branding_request(**values))


def managed_branding_update(pool_id: str, branding_id: str, **values) -> None:
    with translated("UpdateManagedLoginBranding"):
        cognito(region_of(pool_id)).update_managed_login_branding(
            UserPoolId=pool_id, ManagedLoginBrandingId=branding_id, **managed_branding_request(**values))


def managed_branding_delete(pool_id: str, branding_id: str) -> None:
    with translated("DeleteManagedLoginBranding"):
        cognito(region_of(pool_id)).delete_managed_login_branding(
            UserPoolId=pool_id, ManagedLoginBrandingId=branding_id)
