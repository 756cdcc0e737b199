"""Plain values the gateway hands to the rest of the console."""

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class PoolSummary:
    id: str
    name: str
    region: str
    created: datetime | None = None
    modified: datetime | None = None


@dataclass
class CognitoUser:
    username: str
    status: str
    enabled: bool
    created: datetime | None
    modified: datetime | None
    attributes: dict[str, str] = field(default_factory=dict)
    mfa_options: list[dict] = field(default_factory=list)
    preferred_mfa: str = ""
    mfa_methods: list[str] = field(default_factory=list)

    @property
    def sub(self) -> str:
        return self.attributes.get("sub", "")

    @property
    def email(self) -> str:
        return self.attributes.get("email", "")

    @property
    def phone_number(self) -> str:
        return self.attributes.get("phone_number", "")

    @property
    def display_name(self) -> str:
        a = self.attributes
        full = " ".join(p for p in (a.get("given_name", ""), a.get("family_name", "")) if p)
        return a.get("name") or full or a.get("preferred_username", "")


@dataclass
class Group:
    name: str
    description: str = ""
    precedence: int | None = None
    role_arn: str = ""
    created: datetime | None = None
    modified: datetime | None = None


def user_from_cognito(raw: dict) -> CognitoUser:
    """Build a CognitoUser from ListUsers' "Users" items or AdminGetUser's response."""
    attrs = raw.get("Attributes") or raw.get("UserAttributes") or []
    return CognitoUser(
        username=raw["Username"],
        status=raw.get("UserStatus", ""),
        enabled=bool(raw.get("Enabled", True)),
        created=raw.get("UserCreateDate"),
        modified=raw.get("UserLastModifiedDate"),
        attributes={a["Name"]: a.get("Value", "") for a in attrs},
        mfa_options=raw.get("MFAOptions", []) or [],
        preferred_mfa=raw.get("PreferredMfaSetting", "") or "",
        mfa_methods=raw.get("UserMFASettingList", []) or [],
    )


def group_from_cognito(raw: dict) -> Group:
    return Group(
        name=raw["GroupName"],
        description=raw.get("Description", "") or "",
        precedence=raw.get("Precedence"),
        role_arn=raw.get("RoleArn", "") or "",
        created=raw.get("CreationDate"),
        modified=raw.get("LastModifiedDate"),
    )
