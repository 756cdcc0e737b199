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


# --- Pools and their resources: Cognito's wire names stay in the builders below -----------


@dataclass(frozen=True)
class PasswordPolicy:
    min_length: int | None = None
    require_uppercase: bool = False
    require_lowercase: bool = False
    require_numbers: bool = False
    require_symbols: bool = False
    temporary_password_days: int | None = None

    @property
    def requires(self) -> list[str]:
        wanted = [
            (self.require_uppercase, "upper case"),
            (self.require_lowercase, "lower case"),
            (self.require_numbers, "digits"),
            (self.require_symbols, "symbols"),
        ]
        return [label for on, label in wanted if on]


@dataclass(frozen=True)
class EmailSending:
    account: str = "COGNITO_DEFAULT"  # or DEVELOPER: an SES identity
    source_arn: str = ""
    from_address: str = ""

    @property
    def uses_ses(self) -> bool:
        return self.account == "DEVELOPER"


@dataclass(frozen=True)
class PoolAttribute:
    name: str
    data_type: str = "String"
    required: bool = False
    mutable: bool = True
    min_length: str = ""
    max_length: str = ""
    min_value: str = ""
    max_value: str = ""

    @property
    def custom(self) -> bool:
        return self.name.startswith("custom:")


@dataclass
class Pool:
    id: str
    name: str
    arn: str = ""
    estimated_users: int = 0
    created: datetime | None = None
    modified: datetime | None = None
    deletion_protection: bool = False
    mfa: str = "OFF"
    username_attributes: list[str] = field(default_factory=list)
    alias_attributes: list[str] = field(default_factory=list)
    case_sensitive: bool | None = None
    self_signup: bool = False
    auto_verified: list[str] = field(default_factory=list)
    password_policy: PasswordPolicy = field(default_factory=PasswordPolicy)
    email: EmailSending = field(default_factory=EmailSending)
    sms_role_arn: str = ""
    domain: str = ""
    custom_domain: str = ""
    attributes: list[PoolAttribute] = field(default_factory=list)
    tier: str = "ESSENTIALS"  # the feature plan (Cognito's default for a pool created without one)
    threat_mode: str = "OFF"
    first_factors: list[str] = field(default_factory=lambda: ["PASSWORD"])

    @property
    def sign_in(self) -> list[str]:
        """How users name themselves at sign-in: 'username' unless the pool uses email/phone
        as the username, plus any aliases."""
        identifiers = list(self.username_attributes) or ["username"]
        return identifiers + [a for a in self.alias_attributes if a not in identifiers]

    @property
    def standard_attributes(self) -> list[PoolAttribute]:
        return [a for a in self.attributes if not a.custom]

    @property
    def custom_attributes(self) -> list[PoolAttribute]:
        return [a for a in self.attributes if a.custom]


def _attribute_from_cognito(raw: dict) -> PoolAttribute:
    strings = raw.get("StringAttributeConstraints") or {}
    numbers = raw.get("NumberAttributeConstraints") or {}
    return PoolAttribute(
        name=raw["Name"],
        data_type=raw.get("AttributeDataType") or "String",
        required=bool(raw.get("Required")),
        mutable=raw.get("Mutable", True) is not False,
        min_length=strings.get("MinLength", ""),
        max_length=strings.get("MaxLength", ""),
        min_value=numbers.get("MinValue", ""),
        max_value=numbers.get("MaxValue", ""),
    )


def pool_from_cognito(raw: dict) -> Pool:
    """Build a Pool from DescribeUserPool's UserPool."""
    policy = (raw.get("Policies") or {}).get("PasswordPolicy") or {}
    email = raw.get("EmailConfiguration") or {}
    return Pool(
        id=raw["Id"],
        name=raw.get("Name", ""),
        arn=raw.get("Arn", ""),
        estimated_users=raw.get("EstimatedNumberOfUsers") or 0,
        created=raw.get("CreationDate"),
        modified=raw.get("LastModifiedDate"),
        deletion_protection=raw.get("DeletionProtection") == "ACTIVE",
        mfa=raw.get("MfaConfiguration") or "OFF",
        username_attributes=list(raw.get("UsernameAttributes") or []),
        alias_attributes=list(raw.get("AliasAttributes") or []),
        case_sensitive=(raw.get("UsernameConfiguration") or {}).get("CaseSensitive"),
        self_signup=not (raw.get("AdminCreateUserConfig") or {}).get("AllowAdminCreateUserOnly", False),
        auto_verified=list(raw.get("AutoVerifiedAttributes") or []),
        password_policy=PasswordPolicy(
            min_length=policy.get("MinimumLength"),
            require_uppercase=bool(policy.get("RequireUppercase")),
            require_lowercase=bool(policy.get("RequireLowercase")),
            require_numbers=bool(policy.get("RequireNumbers")),
            require_symbols=bool(policy.get("RequireSymbols")),
            temporary_password_days=policy.get("TemporaryPasswordValidityDays"),
        ),
        email=EmailSending(
            account=email.get("EmailSendingAccount") or "COGNITO_DEFAULT",
            source_arn=email.get("SourceArn", ""),
            from_address=email.get("From", ""),
        ),
        sms_role_arn=(raw.get("SmsConfiguration") or {}).get("SnsCallerArn", ""),
        domain=raw.get("Domain") or "",
        custom_domain=raw.get("CustomDomain") or "",
        attributes=[_attribute_from_cognito(a) for a in raw.get("SchemaAttributes") or []],
        tier=raw.get("UserPoolTier") or "ESSENTIALS",
        threat_mode=(raw.get("UserPoolAddOns") or {}).get("AdvancedSecurityMode") or "OFF",
        first_factors=list((raw.get("Policies") or {}).get("SignInPolicy", {}).get("AllowedFirstAuthFactors")
                           or ["PASSWORD"]),
    )


@dataclass(frozen=True)
class AppClientSummary:
    id: str
    name: str


@dataclass
class AppClient:
    pool_id: str
    id: str
    name: str
    has_secret: bool = False
    auth_flows: list[str] = field(default_factory=list)
    access_token_validity: int | None = None
    access_token_unit: str = "hours"
    id_token_validity: int | None = None
    id_token_unit: str = "hours"
    refresh_token_validity: int | None = None
    refresh_token_unit: str = "days"
    oauth_flows: list[str] = field(default_factory=list)
    oauth_scopes: list[str] = field(default_factory=list)
    callback_urls: list[str] = field(default_factory=list)
    logout_urls: list[str] = field(default_factory=list)
    identity_providers: list[str] = field(default_factory=list)
    read_attributes: list[str] = field(default_factory=list)  # empty: every attribute
    write_attributes: list[str] = field(default_factory=list)
    prevent_user_existence_errors: bool = False
    token_revocation: bool = False
    auth_session_minutes: int | None = None
    refresh_rotation: bool = False
    rotation_grace_seconds: int | None = None


def client_from_cognito(raw: dict) -> AppClient:
    """Build an AppClient from DescribeUserPoolClient's UserPoolClient (the gateway has
    already replaced the secret with HasSecret)."""
    units = raw.get("TokenValidityUnits") or {}
    return AppClient(
        pool_id=raw["UserPoolId"],
        id=raw["ClientId"],
        name=raw.get("ClientName", ""),
        has_secret=bool(raw.get("HasSecret")),
        auth_flows=list(raw.get("ExplicitAuthFlows") or []),
        access_token_validity=raw.get("AccessTokenValidity"),
        access_token_unit=units.get("AccessToken") or "hours",
        id_token_validity=raw.get("IdTokenValidity"),
        id_token_unit=units.get("IdToken") or "hours",
        refresh_token_validity=raw.get("RefreshTokenValidity"),
        refresh_token_unit=units.get("RefreshToken") or "days",
        oauth_flows=list(raw.get("AllowedOAuthFlows") or []),
        oauth_scopes=list(raw.get("AllowedOAuthScopes") or []),
        callback_urls=list(raw.get("CallbackURLs") or []),
        logout_urls=list(raw.get("LogoutURLs") or []),
        identity_providers=list(raw.get("SupportedIdentityProviders") or []),
        read_attributes=list(raw.get("ReadAttributes") or []),
        write_attributes=list(raw.get("WriteAttributes") or []),
        prevent_user_existence_errors=raw.get("PreventUserExistenceErrors") == "ENABLED",
        token_revocation=bool(raw.get("EnableTokenRevocation")),
        auth_session_minutes=raw.get("AuthSessionValidity"),
        refresh_rotation=(raw.get("RefreshTokenRotation") or {}).get("Feature") == "ENABLED",
        rotation_grace_seconds=(raw.get("RefreshTokenRotation") or {}).get("RetryGracePeriodSeconds"),
    )


@dataclass(frozen=True)
class Domain:
    prefix: str
    url: str
    status: str = ""
    custom: bool = False
    version: int = 1  # ManagedLoginVersion: 1 the classic hosted UI, 2 managed login
    cloudfront: str = ""  # the CloudFront distribution a custom domain's DNS points at
    certificate_arn: str = ""


@dataclass(frozen=True)
class IdentityProviderSummary:
    name: str
    type: str


def identity_provider_from_cognito(raw: dict) -> IdentityProviderSummary:
    return IdentityProviderSummary(name=raw.get("ProviderName", ""), type=raw.get("ProviderType", ""))
