"""Creating and updating users for jobs: every call passes the shared rate limiter, whoever
calls (each function runs inside limited_calls(): the check page reads the schema through it too)."""

from dataclasses import dataclass, field

from console.cognito.attributes import STANDARD_ATTRIBUTES
from console.cognito.client import cognito, limited_calls
from console.cognito.errors import CognitoError, translated
from console.cognito.pools import pool_describe, region_of


def _client(pool_id: str):
    return cognito(region_of(pool_id))


@dataclass
class SchemaAttribute:
    name: str
    data_type: str = "String"
    required: bool = False
    mutable: bool = True
    min_length: int | None = None
    max_length: int | None = None
    min_value: float | None = None
    max_value: float | None = None

    @property
    def custom(self) -> bool:
        return self.name.startswith("custom:") or self.name.startswith("dev:")


@dataclass
class PoolSchema:
    pool_id: str
    attributes: dict[str, SchemaAttribute] = field(default_factory=dict)
    username_attributes: list[str] = field(default_factory=list)
    alias_attributes: list[str] = field(default_factory=list)


def _num(value):
    if value in (None, ""):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None



@limited_calls()
def pool_schema(pool_id: str) -> PoolSchema:
    """The pool's attributes and sign-in settings, from the shared cache of pool descriptions
    (a miss is one DescribeUserPool, limited like every call of this module)."""
    raw = pool_describe(pool_id)
    schema = PoolSchema(
        pool_id=pool_id,
        username_attributes=list(raw.get("UsernameAttributes") or []),
        alias_attributes=list(raw.get("AliasAttributes") or []),
    )
    for a in raw.get("SchemaAttributes") or []:
        strings = a.get("StringAttributeConstraints") or {}
        numbers = a.get("NumberAttributeConstraints") or {}
        min_len, max_len = _num(strings.get("MinLength")), _num(strings.get("MaxLength"))
        schema.attributes[a["Name"]] = SchemaAttribute(
            name=a["Name"],
            data_type=a.get("AttributeDataType") or "String",
            required=bool(a.get("Required")),
            mutable=a.get("Mutable", True) is not False,
            min_length=int(min_len) if min_len is not None else None,
            max_length=int(max_len) if max_len is not None else None,
            min_value=_num(numbers.get("MinValue")),
            max_value=_num(numbers.get("MaxValue")),
        )
    for name, data_type in STANDARD_ATTRIBUTES.items():
        schema.attributes.setdefault(name, SchemaAttribute(name=name, data_type=data_type))
    return schema


@limited_calls()
def group_names(pool_id: str) -> set[str]:
    names = set()
    token = None
    while True:
        client = _client(pool_id)
        params = {"UserPoolId": pool_id, "Limit": 60}
        if token:
            params["NextToken"] = token
        with translated("ListGroups"):
            response = client.list_groups(**params)
        names.update(g["GroupName"] for g in response.get("Groups", []))
        token = response.get("NextToken")
        if not token:
            return names


@limited_calls()
def group_create(pool_id: str, name: str) -> None:
    client = _client(pool_id)
    with translated("CreateGroup"):
        client.create_group(UserPoolId=pool_id, GroupName=name)


def _attribute_list(attributes: dict[str, str]) -> list[dict]:
    return [{"Name": k, "Value": v} for k, v in attributes.items()]


@limited_calls()
def user_create(
    pool_id: str,
    *,
    username: str,
    attributes: dict[str, str],
    temporary_password: str = "",
    suppress_invitation: bool = False,
) -> str:
    """AdminCreateUser; returns the username Cognito gave the user (a uuid in
    pools that sign in by email or phone)."""
    params = {"UserPoolId": pool_id, "Username": username, "UserAttributes": _attribute_list(attributes)}
    if temporary_password:
        params["TemporaryPassword"] = temporary_password
    if suppress_invitation:
        params["MessageAction"] = "SUPPRESS"
    else:
        mediums = ["EMAIL"] if attributes.get("email") else []
        if attributes.get("phone_number"):
            mediums.append("SMS")
        if mediums:
            params["DesiredDeliveryMediums"] = mediums
    client = _client(pool_id)
    with translated("AdminCreateUser"):
        response = client.admin_create_user(**params)
    return response["User"]["Username"]


@limited_calls()
def user_update_attributes(pool_id: str, username: str, attributes: dict[str, str]) -> None:
    if not attributes:
        return
    client = _client(pool_id)
    with translated("AdminUpdateUserAttributes"):
        client.admin_update_user_attributes(
            UserPoolId=pool_id, Username=username, UserAttributes=_attribute_list(attributes)
        )


@limited_calls()
def user_lookup(pool_id: str, username: str):
    """(Cognito username, creation time, attributes) of a user known by username, email or phone."""
    client = _client(pool_id)
    with translated("AdminGetUser"):
        raw = client.admin_get_user(UserPoolId=pool_id, Username=username)
    attributes = {a["Name"]: a.get("Value", "") for a in raw.get("UserAttributes") or []}
    return raw["Username"], raw.get("UserCreateDate"), attributes


@limited_calls()
def user_find(pool_id: str, identifier: str) -> tuple[str, bool] | None:
    """(Cognito username, enabled) of a user given by username, or by email where the email is not
    a sign-in alias (ListUsers then finds it); None when no such user."""
    client = _client(pool_id)
    try:
        with translated("AdminGetUser"):
            raw = client.admin_get_user(UserPoolId=pool_id, Username=identifier)
        return raw["Username"], bool(raw.get("Enabled", True))
    except CognitoError as exc:
        if not exc.not_found:
            raise
        if "@" not in identifier:
            return None
    client = _client(pool_id)
    escaped = identifier.replace("\\", "\\\\").replace('"', '\\"')
    with translated("ListUsers"):
        users = client.list_users(UserPoolId=pool_id, Filter=f'email = "{escaped}"', Limit=2).get("Users") or []
    if len(users) != 1:
        return None
    return users[0]["Username"], bool(users[0].get("Enabled", True))
