"""A pool's Lambda triggers as one typed value, read fresh from Cognito, and the catalogue of
the triggers the console offers (the form, the service and the template loop over it)."""

from dataclasses import dataclass, field

from console.cognito import pools as cognito_pools


@dataclass(frozen=True)
class Trigger:
    key: str  # LambdaConfig's name for it
    name: str  # the form field
    label: str
    help: str
    group: str
    version: str = ""  # sent as a {LambdaArn, LambdaVersion} block with this version...
    version_field: str = ""  # ...or with the one the operator chose in this form field

    @property
    def versioned(self) -> bool:
        return bool(self.version or self.version_field)


SIGN_UP, AUTHENTICATION, CHALLENGE, MESSAGES, MIGRATION = (
    "Sign-up", "Authentication and tokens", "Custom authentication challenge", "Messages", "User migration")
TRIGGERS = [
    Trigger("PreSignUp", "pre_sign_up", "Pre sign-up", "Accepts, refuses or auto-confirms a sign-up.", SIGN_UP),
    Trigger("PostConfirmation", "post_confirmation", "Post confirmation", "Runs once a user is confirmed.", SIGN_UP),
    Trigger("PreAuthentication", "pre_authentication", "Pre authentication", "May refuse a sign-in.",
            AUTHENTICATION),
    Trigger("PostAuthentication", "post_authentication", "Post authentication", "Runs after a sign-in.",
            AUTHENTICATION),
    Trigger("PreTokenGenerationConfig", "pre_token_generation", "Pre token generation",
            "Changes the claims of the tokens Cognito issues.", AUTHENTICATION, version_field="pre_token_version"),
    Trigger("DefineAuthChallenge", "define_auth_challenge", "Define auth challenge",
            "Decides the next challenge of a custom sign-in.", CHALLENGE),
    Trigger("CreateAuthChallenge", "create_auth_challenge", "Create auth challenge", "Builds the challenge.",
            CHALLENGE),
    Trigger("VerifyAuthChallengeResponse", "verify_auth_challenge", "Verify auth challenge response",
            "Checks the user's answer.", CHALLENGE),
    Trigger("CustomMessage", "custom_message", "Custom message",
            "Rewrites Cognito's email and SMS messages before they are sent.", MESSAGES),
    Trigger("CustomEmailSender", "custom_email_sender", "Custom email sender",
            "Sends email itself, through your provider (codes arrive encrypted with the KMS key).", MESSAGES,
            version="V1_0"),
    Trigger("CustomSMSSender", "custom_sms_sender", "Custom SMS sender",
            "Sends SMS itself, through your provider (codes arrive encrypted with the KMS key).", MESSAGES,
            version="V1_0"),
    Trigger("UserMigration", "user_migration", "User migration",
            "Signs in users from your old system and moves them, with their passwords.", MIGRATION),
]
PRE_TOKEN_VERSIONS = ["V1_0", "V2_0", "V3_0"]


@dataclass(frozen=True)
class TriggerSettings:
    arns: dict[str, str] = field(default_factory=dict)  # form field name -> Lambda ARN
    pre_token_version: str = "V1_0"
    kms_key: str = ""
    region: str = ""  # the pool's: Cognito calls only functions in its own region
    tier: str = ""  # UserPoolTier, when Cognito says (V2_0/V3_0 tokens need Essentials or Plus)


def triggers_from_cognito(described: dict) -> TriggerSettings:
    config = described.get("LambdaConfig") or {}
    arns = {}
    for trigger in TRIGGERS:
        value = config.get(trigger.key)
        arns[trigger.name] = (value or {}).get("LambdaArn", "") if trigger.versioned else (value or "")
    if not arns["pre_token_generation"]:
        arns["pre_token_generation"] = config.get("PreTokenGeneration", "")  # the legacy, unversioned key
    return TriggerSettings(
        arns=arns,
        pre_token_version=(config.get("PreTokenGenerationConfig") or {}).get("LambdaVersion") or "V1_0",
        kms_key=config.get("KMSKeyID", ""),
        region=cognito_pools.region_of(described["Id"]),
        tier=described.get("UserPoolTier", ""),
    )


def triggers_get(pool_id: str) -> TriggerSettings:
    return triggers_from_cognito(cognito_pools.pool_describe(pool_id, fresh=True))
