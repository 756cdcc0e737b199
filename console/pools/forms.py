"""Forms for pools, custom attributes, app clients and the domain.

Each form checks what it can before Cognito sees it and turns its cleaned data
into the Cognito request (or changes) the services send."""

import re
from urllib.parse import urlsplit

from django import forms
from django.conf import settings

from console.pools.services import CUSTOM_ATTRIBUTE_TYPES, custom_attribute_request

POOL_NAME = re.compile(r"^[\w\s+=,.@-]{1,128}$")
ARN_SES_IDENTITY = re.compile(r"^arn:aws[\w-]*:ses:[a-z0-9-]+:\d{12}:identity/\S+$")
ARN_IAM_ROLE = re.compile(r"^arn:aws[\w-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$")
CUSTOM_ATTRIBUTE_NAME = re.compile(r"^[A-Za-z0-9_-]{1,20}$")
DOMAIN_PREFIX = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
SCOPE = re.compile(r"^[\x21\x23-\x5B\x5D-\x7E]{1,256}$")
URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*$")

SIGN_IN_CHOICES = [
    ("username", "Username"),
    ("email", "Email address"),
    ("phone_number", "Phone number"),
]
STANDARD_ATTRIBUTES = [
    "email",
    "phone_number",
    "name",
    "given_name",
    "family_name",
    "middle_name",
    "nickname",
    "preferred_username",
    "birthdate",
    "gender",
    "locale",
    "zoneinfo",
    "address",
    "picture",
    "profile",
    "website",
]
MFA_CHOICES = [("OFF", "Off"), ("OPTIONAL", "Optional (users may turn it on)"), ("ON", "Required for everyone")]
EMAIL_CHOICES = [("COGNITO_DEFAULT", "Cognito's default sender (low daily quota)"), ("DEVELOPER", "An SES identity")]
AUTH_FLOWS = [
    ("ALLOW_USER_SRP_AUTH", "Secure Remote Password (SRP)"),
    ("ALLOW_REFRESH_TOKEN_AUTH", "Refresh tokens"),
    ("ALLOW_USER_PASSWORD_AUTH", "Plain username and password"),
    ("ALLOW_ADMIN_USER_PASSWORD_AUTH", "Admin (server-side) username and password"),
    ("ALLOW_CUSTOM_AUTH", "Custom (Lambda) challenges"),
    ("ALLOW_USER_AUTH", "Choice-based sign-in (passwordless)"),
]
OAUTH_FLOWS = [
    ("code", "Authorization code grant"),
    ("implicit", "Implicit grant"),
    ("client_credentials", "Client credentials (machine to machine)"),
]
STANDARD_SCOPES = {"openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"}

REASON_HELP = "Optional: ticket number or why, for the audit log."


class ReasonMixin(forms.Form):
    reason = forms.CharField(required=False, max_length=500, help_text=REASON_HELP)


def _checkboxes(choices, **kwargs):
    return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **kwargs)


# --- Pools -----------------------------------------------------------------------


class PasswordPolicyFields(forms.Form):
    password_min_length = forms.IntegerField(
        label="Minimum password length",
        min_value=6,
        max_value=99,
        initial=12,
        help_text="Fewest characters a password may have (6 to 99).",
    )
    require_uppercase = forms.BooleanField(required=False, initial=True, help_text="At least one capital letter.")
    require_lowercase = forms.BooleanField(required=False, initial=True, help_text="At least one small letter.")
    require_numbers = forms.BooleanField(required=False, initial=True, help_text="At least one digit.")
    require_symbols = forms.BooleanField(required=False, initial=True, help_text="At least one symbol such as ! or $.")
    temporary_password_days = forms.IntegerField(
        label="Temporary password validity (days)",
        min_value=0,
        max_value=365,
        initial=7,
        help_text="Days an admin-set temporary password stays valid before the user must sign in.",
    )
    mfa_mode = forms.ChoiceField(
        label="MFA",
        choices=MFA_CHOICES,
        initial="OPTIONAL",
        help_text="Whether users must prove a second factor at sign-in.",
    )
    mfa_totp = forms.BooleanField(
        required=False,
        initial=True,
        label="Authenticator apps (TOTP)",
        help_text="Codes from an app such as 1Password.",
    )
    mfa_sms = forms.BooleanField(
        required=False, label="SMS text messages", help_text="Codes by SMS; needs the SMS role below and costs money."
    )
    sms_role_arn = forms.CharField(
        required=False,
        label="SMS role ARN",
        help_text="IAM role Cognito uses to send SMS through SNS (only for SMS).",
    )
    self_signup = forms.BooleanField(
        required=False,
        label="Self sign-up",
        help_text="Let people create their own account; off means only admins create users.",
    )
    email_sending = forms.ChoiceField(
        choices=EMAIL_CHOICES, initial="COGNITO_DEFAULT", help_text="Who sends verification and invitation emails."
    )
    ses_identity_arn = forms.CharField(
        required=False, label="SES identity ARN", help_text="Verified SES identity to send from (only for SES)."
    )
    email_from = forms.CharField(
        required=False,
        max_length=256,
        label="From address",
        help_text="Optional sender shown to users, e.g. no-reply@example.com (only for SES).",
    )
    deletion_protection = forms.BooleanField(
        required=False, initial=True, help_text="While on, nobody can delete the pool (turn off first)."
    )

    def clean_sms_role_arn(self):
        value = self.cleaned_data["sms_role_arn"].strip()
        if value and not ARN_IAM_ROLE.match(value):
            raise forms.ValidationError("Enter an IAM role ARN such as arn:aws:iam::123456789012:role/CognitoSMS.")
        return value

    def clean_ses_identity_arn(self):
        value = self.cleaned_data["ses_identity_arn"].strip()
        if value and not ARN_SES_IDENTITY.match(value):
            raise forms.ValidationError(
                "Enter an SES identity ARN such as arn:aws:ses:us-east-1:123456789012:identity/example.com."
            )
        return value

    def clean(self):
        data = super().clean()
        mode = data.get("mfa_mode")
        if mode and mode != "OFF" and not (data.get("mfa_totp") or data.get("mfa_sms")):
            self.add_error("mfa_totp", "With MFA on or optional, choose at least one factor (TOTP or SMS).")
        if data.get("mfa_sms") and not data.get("sms_role_arn"):
            self.add_error("sms_role_arn", "SMS needs the IAM role Cognito sends messages through.")
        if data.get("email_sending") == "DEVELOPER" and not data.get("ses_identity_arn"):
            self.add_error("ses_identity_arn", "Sending through SES needs the SES identity ARN.")
        return data

    def password_policy(self) -> dict:
        d = self.cleaned_data
        return {
            "MinimumLength": d["password_min_length"],
            "RequireUppercase": d["require_uppercase"],
            "RequireLowercase": d["require_lowercase"],
            "RequireNumbers": d["require_numbers"],
            "RequireSymbols": d["require_symbols"],
            "TemporaryPasswordValidityDays": d["temporary_password_days"],
        }

    def email_configuration(self, current: dict | None = None) -> dict:
        """Keeps the parts of the current configuration the form does not show
        (reply-to, configuration set) when staying with SES."""
        d = self.cleaned_data
        if d["email_sending"] == "COGNITO_DEFAULT":
            config = {"EmailSendingAccount": "COGNITO_DEFAULT"}
            if current and current.get("ReplyToEmailAddress"):
                config["ReplyToEmailAddress"] = current["ReplyToEmailAddress"]
            return config
        config = dict(current or {})
        config.update({"EmailSendingAccount": "DEVELOPER", "SourceArn": d["ses_identity_arn"]})
        if d["email_from"]:
            config["From"] = d["email_from"]
        else:
            config.pop("From", None)
        return config

    def sms_configuration(self, current: dict | None = None) -> dict | None:
        arn = self.cleaned_data["sms_role_arn"]
        if not arn:
            return None
        if current and current.get("SnsCallerArn") == arn:
            return current
        # Cognito puts the external id into the role's trust policy condition.
        return {"SnsCallerArn": arn, "ExternalId": "cognito-console"}

    def mfa(self) -> dict:
        d = self.cleaned_data
        on = d["mfa_mode"] != "OFF"
        return {"mode": d["mfa_mode"], "totp": on and d["mfa_totp"], "sms": on and d["mfa_sms"]}


PASSWORD_FIELDS = [
    "password_min_length",
    "require_uppercase",
    "require_lowercase",
    "require_numbers",
    "require_symbols",
    "temporary_password_days",
]
MFA_FIELDS = ["mfa_mode", "mfa_totp", "mfa_sms", "sms_role_arn"]
EMAIL_FIELDS = ["email_sending", "ses_identity_arn", "email_from"]


class FieldsetsMixin:
    """Forms that group their fields under headings (see templates/pools/form.html)."""

    fieldset_names: list[tuple[str, list[str]]] = []

    @property
    def fieldsets(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.fieldset_names]


class PoolCreateForm(FieldsetsMixin, PasswordPolicyFields, ReasonMixin):
    fieldset_names = [
        ("The pool", ["region", "name", "deletion_protection"]),
        ("Sign-in", ["sign_in", "case_sensitive", "self_signup"]),
        ("Password policy", PASSWORD_FIELDS),
        ("Multi-factor authentication", MFA_FIELDS),
        ("Attributes", ["required_attributes", "custom_attributes"]),
        ("Email", EMAIL_FIELDS),
        ("Audit", ["reason"]),
    ]

    region = forms.ChoiceField(choices=(), help_text="AWS region the pool lives in (cannot change later).")
    name = forms.CharField(max_length=128, help_text="A name for people; the pool id is generated.")
    sign_in = _checkboxes(
        SIGN_IN_CHOICES,
        initial=["email"],
        label="Users sign in with",
        help_text="Without 'Username', the email or phone IS the username. Cannot change later.",
    )
    case_sensitive = forms.BooleanField(
        required=False, help_text="Off (recommended): 'Alice' and 'alice' are the same user. Cannot change later."
    )
    required_attributes = _checkboxes(
        [(a, a) for a in STANDARD_ATTRIBUTES],
        required=False,
        initial=["email"],
        help_text="Attributes every user must have. Cannot change later.",
    )
    custom_attributes = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line as name:Type (String, Number, DateTime, Boolean), e.g. department:String.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [(r, r) for r in settings.CONSOLE_REGIONS]
        self.fields["region"].initial = settings.CONSOLE_REGIONS[0]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not POOL_NAME.match(name):
            raise forms.ValidationError("Use letters, digits, spaces and + = , . @ - only (up to 128).")
        return name

    def clean_custom_attributes(self):
        attributes, seen = [], set()
        for number, line in enumerate(self.cleaned_data["custom_attributes"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            name, _, data_type = line.partition(":")
            name, data_type = name.strip().removeprefix("custom:"), (data_type.strip() or "String")
            if not CUSTOM_ATTRIBUTE_NAME.match(name):
                raise forms.ValidationError(f"Line {number}: names are 1-20 letters, digits, _ or -.")
            if data_type not in CUSTOM_ATTRIBUTE_TYPES:
                raise forms.ValidationError(f"Line {number}: type must be one of {', '.join(CUSTOM_ATTRIBUTE_TYPES)}.")
            if name in seen:
                raise forms.ValidationError(f"Line {number}: {name} is listed twice.")
            seen.add(name)
            attributes.append(custom_attribute_request(name=name, data_type=data_type))
        return attributes

    def to_request(self) -> tuple[str, dict, dict]:
        """(region, CreateUserPool request, MFA settings)."""
        d = self.cleaned_data
        sign_in = d["sign_in"]
        request = {
            "PoolName": d["name"],
            "Policies": {"PasswordPolicy": self.password_policy()},
            "DeletionProtection": "ACTIVE" if d["deletion_protection"] else "INACTIVE",
            "UsernameConfiguration": {"CaseSensitive": d["case_sensitive"]},
            "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": not d["self_signup"]},
            "EmailConfiguration": self.email_configuration(),
            "MfaConfiguration": "OFF",
        }
        aliases = [a for a in sign_in if a != "username"]
        if "username" in sign_in:
            if aliases:
                request["AliasAttributes"] = aliases
        else:
            request["UsernameAttributes"] = aliases
        required = set(d["required_attributes"])
        verified = [a for a in ("email", "phone_number") if a in aliases or a in required]
        sms = self.sms_configuration()
        if sms:
            request["SmsConfiguration"] = sms
        else:
            verified = [a for a in verified if a != "phone_number"]  # verifying a phone needs SMS
        if verified:
            request["AutoVerifiedAttributes"] = verified
        recovery = [{"Priority": 1, "Name": "verified_email"}] if "email" in verified else []
        if "phone_number" in verified:
            recovery.append({"Priority": len(recovery) + 1, "Name": "verified_phone_number"})
        if recovery:
            request["AccountRecoverySetting"] = {"RecoveryMechanisms": recovery}
        schema = [
            {"Name": a, "AttributeDataType": "String", "Required": True, "Mutable": True}
            for a in STANDARD_ATTRIBUTES
            if a in required
        ]
        schema += d["custom_attributes"]
        if schema:
            request["Schema"] = schema
        return d["region"], request, self.mfa()


class PoolSettingsForm(FieldsetsMixin, PasswordPolicyFields, ReasonMixin):
    """The settings an admin may change after creation."""

    fieldset_names = [
        ("The pool", ["name", "deletion_protection", "self_signup"]),
        ("Password policy", PASSWORD_FIELDS),
        ("Multi-factor authentication", MFA_FIELDS),
        ("Email", EMAIL_FIELDS),
        ("Audit", ["reason"]),
    ]

    name = forms.CharField(max_length=128, help_text="The pool's display name.")

    def __init__(self, *args, described: dict, mfa: dict, **kwargs):
        self.described = described
        policy = (described.get("Policies") or {}).get("PasswordPolicy") or {}
        email = described.get("EmailConfiguration") or {}
        initial = {
            "name": described.get("Name", ""),
            "password_min_length": policy.get("MinimumLength", 8),
            "require_uppercase": bool(policy.get("RequireUppercase")),
            "require_lowercase": bool(policy.get("RequireLowercase")),
            "require_numbers": bool(policy.get("RequireNumbers")),
            "require_symbols": bool(policy.get("RequireSymbols")),
            "temporary_password_days": policy.get("TemporaryPasswordValidityDays", 7),
            "mfa_mode": mfa["mode"],
            "mfa_totp": mfa["totp"],
            "mfa_sms": mfa["sms"],
            "sms_role_arn": (described.get("SmsConfiguration") or {}).get("SnsCallerArn", ""),
            "self_signup": not (described.get("AdminCreateUserConfig") or {}).get("AllowAdminCreateUserOnly", False),
            "email_sending": email.get("EmailSendingAccount") or "COGNITO_DEFAULT",
            "ses_identity_arn": email.get("SourceArn", ""),
            "email_from": email.get("From", ""),
            "deletion_protection": described.get("DeletionProtection") == "ACTIVE",
        }
        super().__init__(*args, initial=initial, **kwargs)

    clean_name = PoolCreateForm.clean_name

    def to_changes(self) -> tuple[dict, dict | None]:
        """(changes for UpdateUserPool, MFA settings or None): only what the operator changed."""
        changed = set(self.changed_data)
        d, described = self.cleaned_data, self.described
        changes: dict = {}
        if "name" in changed:
            changes["PoolName"] = d["name"]
        policy_fields = {
            "password_min_length",
            "require_uppercase",
            "require_lowercase",
            "require_numbers",
            "require_symbols",
            "temporary_password_days",
        }
        if changed & policy_fields:
            changes["Policies"] = {"PasswordPolicy": self.password_policy()}
        if "self_signup" in changed:
            changes["AdminCreateUserConfig"] = {"AllowAdminCreateUserOnly": not d["self_signup"]}
        if "deletion_protection" in changed:
            changes["DeletionProtection"] = "ACTIVE" if d["deletion_protection"] else "INACTIVE"
        if changed & {"email_sending", "ses_identity_arn", "email_from"}:
            changes["EmailConfiguration"] = self.email_configuration(described.get("EmailConfiguration"))
        if "sms_role_arn" in changed:
            sms = self.sms_configuration(described.get("SmsConfiguration"))
            if sms:
                changes["SmsConfiguration"] = sms
        mfa = self.mfa() if changed & {"mfa_mode", "mfa_totp", "mfa_sms"} else None
        return changes, mfa


class CustomAttributeForm(ReasonMixin):
    name = forms.CharField(max_length=20, help_text="1-20 letters, digits, _ or -; stored as custom:NAME.")
    data_type = forms.ChoiceField(
        choices=[(t, t) for t in CUSTOM_ATTRIBUTE_TYPES], initial="String", help_text="Cannot change later."
    )
    mutable = forms.BooleanField(
        required=False, initial=True, help_text="Off: the value can be set when the user is created, never changed."
    )
    min_value = forms.IntegerField(
        required=False, min_value=0, help_text="Optional: shortest length (String) or smallest value (Number)."
    )
    max_value = forms.IntegerField(
        required=False, min_value=0, help_text="Optional: longest length (String) or largest value (Number)."
    )
    understood = forms.BooleanField(
        label="I understand Cognito can never remove a custom attribute once added.",
        help_text="The pool keeps it for good.",
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip().removeprefix("custom:")
        if not CUSTOM_ATTRIBUTE_NAME.match(name):
            raise forms.ValidationError("Use 1-20 letters, digits, _ or -.")
        return name

    def clean(self):
        data = super().clean()
        low, high = data.get("min_value"), data.get("max_value")
        if low is not None and high is not None and low > high:
            self.add_error("max_value", "The maximum must not be below the minimum.")
        if data.get("data_type") in ("DateTime", "Boolean") and (low is not None or high is not None):
            self.add_error("min_value", "Only String and Number attributes take limits.")
        return data

    def to_attribute(self) -> dict:
        d = self.cleaned_data
        return custom_attribute_request(
            name=d["name"],
            data_type=d["data_type"],
            mutable=d["mutable"],
            min_value=d["min_value"],
            max_value=d["max_value"],
        )


class PoolDeleteForm(ReasonMixin):
    confirm_name = forms.CharField(label="Type the pool's name to confirm", max_length=128)


# --- App clients -----------------------------------------------------------------------


def _urls(text: str, label: str) -> list[str]:
    urls = []
    for line in text.splitlines():
        url = line.strip()
        if not url:
            continue
        if len(url) > 1024:
            raise forms.ValidationError(f"{label}: a URL may have at most 1024 characters.")
        parts = urlsplit(url)
        if not URL_SCHEME.match(parts.scheme or "") or "://" not in url:
            raise forms.ValidationError(f"{label}: {url} is not an absolute URL.")
        if parts.fragment or "#" in url:
            raise forms.ValidationError(f"{label}: {url} must not contain a #fragment.")
        local = parts.hostname in ("localhost", "127.0.0.1", "[::1]", "::1")
        if parts.scheme == "http" and not local:
            raise forms.ValidationError(f"{label}: {url} must use https (http is allowed only for localhost).")
        if parts.scheme in ("http", "https") and not parts.hostname:
            raise forms.ValidationError(f"{label}: {url} has no host.")
        if url not in urls:
            urls.append(url)
    if len(urls) > 100:
        raise forms.ValidationError(f"{label}: at most 100 URLs.")
    return urls


def _minutes(value, unit: str | None, default_unit: str) -> int | None:
    """A token validity in minutes, whatever unit Cognito stores it in."""
    if value is None:
        return None
    factor = {"seconds": 1 / 60, "minutes": 1, "hours": 60, "days": 1440}[unit or default_unit]
    return int(value * factor)


class ClientForm(FieldsetsMixin, ReasonMixin):
    fieldset_names = [
        ("The app client", ["name", "confidential"]),
        ("Direct sign-in", ["auth_flows"]),
        ("Token lifetimes", ["access_token_minutes", "id_token_minutes", "refresh_token_days"]),
        ("Hosted sign-in (OAuth)", ["oauth_flows", "scopes", "callback_urls", "logout_urls"]),
        ("Audit", ["reason"]),
    ]

    name = forms.CharField(max_length=128, help_text="A name for people, e.g. web-app.")
    confidential = forms.BooleanField(
        required=False,
        label="Confidential client (with a secret)",
        help_text="For server-side apps that can keep a secret; browser and mobile apps are public. Cannot change.",
    )
    auth_flows = _checkboxes(
        AUTH_FLOWS,
        required=False,
        initial=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        help_text="How the app may sign users in directly (SRP and refresh tokens suit most apps).",
    )
    access_token_minutes = forms.IntegerField(
        min_value=5, max_value=1440, initial=60, help_text="Minutes an access token is valid (5 to 1440)."
    )
    id_token_minutes = forms.IntegerField(
        min_value=5, max_value=1440, initial=60, help_text="Minutes an ID token is valid (5 to 1440)."
    )
    refresh_token_days = forms.IntegerField(
        min_value=1, max_value=3650, initial=30, help_text="Days a refresh token is valid (1 to 3650)."
    )
    oauth_flows = _checkboxes(
        OAUTH_FLOWS,
        required=False,
        label="OAuth flows",
        help_text="For the hosted sign-in pages; leave empty for an app that signs users in itself.",
    )
    scopes = forms.CharField(
        required=False,
        initial="openid email profile",
        label="OAuth scopes",
        help_text="Space-separated: openid email phone profile aws.cognito.signin.user.admin or resource/scope.",
    )
    callback_urls = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Callback URLs",
        help_text="One per line; where Cognito returns users after sign-in (https, or http://localhost).",
    )
    logout_urls = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Sign-out URLs",
        help_text="One per line; where Cognito sends users after signing out.",
    )

    def __init__(self, *args, described: dict | None = None, **kwargs):
        self.described = described
        if described is not None:
            units = described.get("TokenValidityUnits") or {}
            refresh_minutes = _minutes(described.get("RefreshTokenValidity"), units.get("RefreshToken"), "days")
            kwargs["initial"] = {
                "name": described.get("ClientName", ""),
                "confidential": described.get("HasSecret", False),
                "auth_flows": described.get("ExplicitAuthFlows") or [],
                "access_token_minutes": _minutes(
                    described.get("AccessTokenValidity"), units.get("AccessToken"), "hours"
                )
                or 60,
                "id_token_minutes": _minutes(described.get("IdTokenValidity"), units.get("IdToken"), "hours") or 60,
                "refresh_token_days": max(1, (refresh_minutes or 30 * 1440) // 1440),
                "oauth_flows": described.get("AllowedOAuthFlows") or [],
                "scopes": " ".join(described.get("AllowedOAuthScopes") or []),
                "callback_urls": "\n".join(described.get("CallbackURLs") or []),
                "logout_urls": "\n".join(described.get("LogoutURLs") or []),
            }
        super().__init__(*args, **kwargs)
        if described is not None:
            self.fields["confidential"].disabled = True

    def clean_scopes(self):
        scopes = []
        for scope in self.cleaned_data["scopes"].split():
            if not SCOPE.match(scope) or (scope not in STANDARD_SCOPES and "/" not in scope):
                raise forms.ValidationError(f"{scope} is not a standard scope or a resource-server scope (id/name).")
            if scope not in scopes:
                scopes.append(scope)
        return scopes

    def clean_callback_urls(self):
        return _urls(self.cleaned_data["callback_urls"], "Callback URLs")

    def clean_logout_urls(self):
        return _urls(self.cleaned_data["logout_urls"], "Sign-out URLs")

    def clean(self):
        data = super().clean()
        flows = data.get("oauth_flows") or []
        scopes = data.get("scopes")
        if flows:
            if scopes is not None and not scopes:
                self.add_error("scopes", "OAuth flows need at least one scope.")
            if ({"code", "implicit"} & set(flows)) and "callback_urls" in data and not data["callback_urls"]:
                self.add_error("callback_urls", "The code and implicit flows need at least one callback URL.")
            if "client_credentials" in flows:
                if len(flows) > 1:
                    self.add_error("oauth_flows", "Client credentials cannot be combined with other flows.")
                if not data.get("confidential"):
                    self.add_error("oauth_flows", "Client credentials need a confidential client (with a secret).")
                if scopes and any(s in STANDARD_SCOPES for s in scopes):
                    self.add_error("scopes", "Client credentials take only resource-server scopes (id/name).")
        return data

    def _settings(self) -> dict:
        d = self.cleaned_data
        oauth = bool(d["oauth_flows"])
        return {
            "ClientName": d["name"],
            "ExplicitAuthFlows": d["auth_flows"],
            "AccessTokenValidity": d["access_token_minutes"],
            "IdTokenValidity": d["id_token_minutes"],
            "RefreshTokenValidity": d["refresh_token_days"],
            "TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
            "AllowedOAuthFlowsUserPoolClient": oauth,
            "AllowedOAuthFlows": d["oauth_flows"],
            "AllowedOAuthScopes": d["scopes"] if oauth else [],
            "SupportedIdentityProviders": ["COGNITO"] if oauth else [],
            "CallbackURLs": d["callback_urls"],
            "LogoutURLs": d["logout_urls"],
        }

    def to_request(self) -> dict:
        request = {k: v for k, v in self._settings().items() if v != []}
        request["GenerateSecret"] = self.cleaned_data["confidential"]
        request["PreventUserExistenceErrors"] = "ENABLED"
        request["EnableTokenRevocation"] = True
        return request

    def to_changes(self) -> dict:
        """Only the settings the operator changed (units travel with any validity)."""
        changed = set(self.changed_data)
        s = self._settings()
        key_of = {
            "name": ["ClientName"],
            "auth_flows": ["ExplicitAuthFlows"],
            "access_token_minutes": ["AccessTokenValidity", "TokenValidityUnits"],
            "id_token_minutes": ["IdTokenValidity", "TokenValidityUnits"],
            "refresh_token_days": ["RefreshTokenValidity", "TokenValidityUnits"],
            # Not SupportedIdentityProviders: the form does not edit them, and sending
            # [COGNITO] would silently switch single sign-on off.
            "oauth_flows": ["AllowedOAuthFlows", "AllowedOAuthFlowsUserPoolClient"],
            "scopes": ["AllowedOAuthScopes"],
            "callback_urls": ["CallbackURLs"],
            "logout_urls": ["LogoutURLs"],
        }
        changes = {}
        for field_name in changed:
            for key in key_of.get(field_name, []):
                changes[key] = s[key]
        if changes.get("AllowedOAuthFlowsUserPoolClient") and not (self.described or {}).get(
            "SupportedIdentityProviders"
        ):
            # Hosted sign-in just turned on for a client with no provider: Cognito's own directory.
            changes["SupportedIdentityProviders"] = ["COGNITO"]
        if "TokenValidityUnits" in changes:
            # Units apply to all three validities: send all three in those units.
            for key in ("AccessTokenValidity", "IdTokenValidity", "RefreshTokenValidity"):
                changes[key] = s[key]
        return changes


class DomainForm(ReasonMixin):
    prefix = forms.CharField(
        max_length=63,
        label="Domain prefix",
        help_text="Lower-case letters, digits and hyphens; pages live at PREFIX.auth.REGION.amazoncognito.com.",
    )

    def clean_prefix(self):
        prefix = self.cleaned_data["prefix"].strip()
        if not DOMAIN_PREFIX.match(prefix):
            raise forms.ValidationError("Use 1-63 lower-case letters, digits and hyphens (not first or last).")
        if any(word in prefix for word in ("aws", "amazon", "cognito")):
            raise forms.ValidationError("Cognito reserves prefixes containing aws, amazon or cognito.")
        return prefix
