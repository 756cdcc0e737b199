"""Users of a pool: listing, reading and every per-user admin operation.

Each function is one Cognito call (unless it says otherwise) and returns plain
values; failures leave as CognitoError.
"""

from dataclasses import dataclass, field
from datetime import datetime

from console.cognito.client import cognito
from console.cognito.errors import CognitoError, translated
from console.cognito.pagination import page
from console.cognito.pools import region_of
from console.cognito.types import CognitoUser, user_from_cognito

# Attributes ListUsers can filter on (Cognito's documented list); custom attributes are not searchable.
FILTER_ATTRIBUTES = (
    "username",
    "email",
    "phone_number",
    "name",
    "given_name",
    "family_name",
    "preferred_username",
    "sub",
    "cognito:user_status",
    "status",
)
USER_STATUSES = (
    "CONFIRMED",
    "UNCONFIRMED",
    "FORCE_CHANGE_PASSWORD",
    "RESET_REQUIRED",
    "EXTERNAL_PROVIDER",
)
# Codes meaning "this backend or pool does not offer the operation" (moto, no advanced security).
UNAVAILABLE_CODES = {
    "NotImplemented",
    "NotImplementedError",
    "UserPoolAddOnNotEnabledException",
    "InvalidUserPoolConfigurationException",
}


def filter_escape(value: str) -> str:
    """Escape a value for a double-quoted string in a ListUsers filter."""
    return value.replace("\\", "\\\\").replace('"', '\\"')


def filter_expression(attribute: str, value: str, *, prefix: bool = False) -> str:
    if attribute not in FILTER_ATTRIBUTES:
        raise CognitoError(f"Cognito cannot search on {attribute!r}.", code="InvalidParameterException")
    operator = "^=" if prefix else "="
    return f'{attribute} {operator} "{filter_escape(value)}"'


def _pool_call(pool_id: str, operation: str, method: str, **params):
    with translated(operation):
        return getattr(cognito(region_of(pool_id)), method)(UserPoolId=pool_id, **params)


def users_page(
    pool_id: str, *, filter_expression: str = "", limit: int = 60, token: str | None = None
) -> tuple[list[CognitoUser], str | None]:
    """One page of ListUsers: exactly one Cognito call."""
    params = {"UserPoolId": pool_id, "Limit": limit}
    if filter_expression:
        params["Filter"] = filter_expression
    raw, next_token = page(
        "list_users", "Users", "PaginationToken", "PaginationToken", token=token, region=region_of(pool_id), **params
    )
    return [user_from_cognito(u) for u in raw], next_token


def user_get(pool_id: str, username: str) -> CognitoUser:
    raw = _pool_call(pool_id, "AdminGetUser", "admin_get_user", Username=username)
    return user_from_cognito(raw)


@dataclass
class Device:
    key: str
    name: str = ""
    created: datetime | None = None
    last_authenticated: datetime | None = None
    remembered: str = ""
    attributes: dict[str, str] = field(default_factory=dict)


def _optional(operation: str, call):
    """Operations a backend may lack; translated() turns moto's NotImplementedError and the
    emulator's bare 500 into CognitoError(code="NotImplemented")."""
    with translated(operation):
        return call()


def devices_list(pool_id: str, username: str, *, limit: int = 20) -> list[Device]:
    def call():
        return cognito(region_of(pool_id)).admin_list_devices(UserPoolId=pool_id, Username=username, Limit=limit)

    return [device_from_cognito(raw) for raw in _optional("AdminListDevices", call).get("Devices", [])]


def device_from_cognito(raw: dict) -> Device:
    attrs = {a["Name"]: a.get("Value", "") for a in raw.get("DeviceAttributes", [])}
    return Device(
        key=raw.get("DeviceKey", ""),
        name=attrs.get("device_name", ""),
        created=raw.get("DeviceCreateDate"),
        last_authenticated=raw.get("DeviceLastAuthenticatedDate"),
        remembered=attrs.get("dev:device_remembered_status", ""),
        attributes=attrs,
    )


# --- Admin operations on one user ------------------------------------------------


def user_reset_password(pool_id: str, username: str) -> None:
    _pool_call(pool_id, "AdminResetUserPassword", "admin_reset_user_password", Username=username)


def user_resend_invitation(pool_id: str, username: str) -> None:
    _pool_call(pool_id, "AdminCreateUser", "admin_create_user", Username=username, MessageAction="RESEND")


def user_set_password(pool_id: str, username: str, password: str, *, permanent: bool) -> None:
    _pool_call(
        pool_id,
        "AdminSetUserPassword",
        "admin_set_user_password",
        Username=username,
        Password=password,
        Permanent=permanent,
    )


def user_enable(pool_id: str, username: str) -> None:
    _pool_call(pool_id, "AdminEnableUser", "admin_enable_user", Username=username)


def user_disable(pool_id: str, username: str) -> None:
    _pool_call(pool_id, "AdminDisableUser", "admin_disable_user", Username=username)


def user_global_sign_out(pool_id: str, username: str) -> None:
    _pool_call(pool_id, "AdminUserGlobalSignOut", "admin_user_global_sign_out", Username=username)


def user_confirm_sign_up(pool_id: str, username: str) -> None:
    _pool_call(pool_id, "AdminConfirmSignUp", "admin_confirm_sign_up", Username=username)


def user_update_attributes(pool_id: str, username: str, attributes: dict[str, str]) -> None:
    _pool_call(
        pool_id,
        "AdminUpdateUserAttributes",
        "admin_update_user_attributes",
        Username=username,
        UserAttributes=[{"Name": k, "Value": v} for k, v in attributes.items()],
    )


def user_delete_attributes(pool_id: str, username: str, names: list[str]) -> None:
    _pool_call(
        pool_id,
        "AdminDeleteUserAttributes",
        "admin_delete_user_attributes",
        Username=username,
        UserAttributeNames=names,
    )


def user_delete(pool_id: str, username: str) -> None:
    _pool_call(pool_id, "AdminDeleteUser", "admin_delete_user", Username=username)


def user_create(
    pool_id: str,
    username: str,
    *,
    attributes: dict[str, str],
    delivery: list[str],
    suppress: bool = False,
    temporary_password: str = "",
) -> CognitoUser:
    params = {"Username": username, "UserAttributes": [{"Name": k, "Value": v} for k, v in attributes.items()]}
    if suppress:
        params["MessageAction"] = "SUPPRESS"
    elif delivery:
        params["DesiredDeliveryMediums"] = delivery
    if temporary_password:
        params["TemporaryPassword"] = temporary_password
    raw = _pool_call(pool_id, "AdminCreateUser", "admin_create_user", **params)
    return user_from_cognito(raw["User"])
