"""A pool's (or one app client's) threat protection as one typed value, read fresh from Cognito."""

from dataclasses import dataclass, field

from console.cognito import pools as cognito_pools
from console.cognito import security
from console.cognito.errors import CognitoError
from console.pools.tiers import DEFAULT_TIER, pool_tier, threat_mode

LEVELS = ("low", "medium", "high")
TEMPLATES = ("block", "mfa", "no_action")  # the notification emails, by what happened
TEMPLATE_KEYS = {"block": "BlockEmail", "mfa": "MfaEmail", "no_action": "NoActionEmail"}
NOT_AVAILABLE = ("UserPoolAddOnNotEnabledException", "FeatureUnavailableInTierException")


@dataclass(frozen=True)
class ThreatSettings:
    tier: str = DEFAULT_TIER
    mode: str = "OFF"
    client_id: str = ""  # empty: the pool-wide configuration
    own: bool = True  # False: a client without its own configuration shows the pool's
    compromised_action: str = "NO_ACTION"
    compromised_events: list[str] = field(default_factory=lambda: ["SIGN_IN", "PASSWORD_CHANGE", "SIGN_UP"])
    actions: dict[str, tuple[str, bool]] = field(default_factory=dict)  # level: (event action, notify)
    notify: dict[str, str] = field(default_factory=dict)  # SourceArn, From, ReplyTo
    emails: dict[str, dict[str, str]] = field(default_factory=dict)  # template: Subject, TextBody, HtmlBody
    skipped_ips: list[str] = field(default_factory=list)
    blocked_ips: list[str] = field(default_factory=list)
    error: str = ""  # why the risk configuration could not be read (the form shows defaults)

    @property
    def on(self) -> bool:
        return self.mode != "OFF"


def threats_from_cognito(described: dict, risk: dict, *, client_id: str = "", own: bool = True,
                         error: str = "") -> ThreatSettings:
    compromised = risk.get("CompromisedCredentialsRiskConfiguration") or {}
    takeover = risk.get("AccountTakeoverRiskConfiguration") or {}
    actions = takeover.get("Actions") or {}
    notify = takeover.get("NotifyConfiguration") or {}
    exceptions = risk.get("RiskExceptionConfiguration") or {}
    defaults = ThreatSettings()
    return ThreatSettings(
        tier=pool_tier(described),
        mode=threat_mode(described),
        client_id=client_id,
        own=own,
        compromised_action=(compromised.get("Actions") or {}).get("EventAction") or defaults.compromised_action,
        compromised_events=list(compromised.get("EventFilter") or defaults.compromised_events),
        actions={
            level: (
                (actions.get(f"{level.title()}Action") or {}).get("EventAction") or "NO_ACTION",
                bool((actions.get(f"{level.title()}Action") or {}).get("Notify")),
            )
            for level in LEVELS
        },
        notify={key: notify.get(key) or "" for key in ("SourceArn", "From", "ReplyTo")},
        emails={
            name: {part: (notify.get(key) or {}).get(part) or "" for part in ("Subject", "TextBody", "HtmlBody")}
            for name, key in TEMPLATE_KEYS.items()
        },
        skipped_ips=list(exceptions.get("SkippedIPRangeList") or []),
        blocked_ips=list(exceptions.get("BlockedIPRangeList") or []),
        error=error,
    )


def threats_get(pool_id: str, client_id: str = "") -> ThreatSettings:
    """The configuration the form edits; a pool whose plan has no threat protection shows the
    defaults (Cognito may refuse to describe a risk configuration there), and so does a pool
    whose configuration cannot be read, saying why (saving reads it again, and fails the same way)."""
    described = cognito_pools.pool_describe(pool_id, fresh=True)
    risk, own, error = {}, not client_id, ""
    try:
        risk, own = security.risk_get(pool_id, client_id or None)
    except CognitoError as exc:
        if exc.code not in NOT_AVAILABLE:
            error = f"The risk configuration could not be read: {exc.message}"
    return threats_from_cognito(described, risk, client_id=client_id, own=own, error=error)
