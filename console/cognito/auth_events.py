"""A user's sign-in events as threat protection saw them (AdminListUserAuthEvents, a page at a
time) and the operator's verdict on one (AdminUpdateAuthEventFeedback): issue 13, item 3.

Each function is one Cognito call; failures leave as CognitoError.
"""

from dataclasses import dataclass, field
from datetime import datetime

from console.cognito.client import cognito
from console.cognito.errors import translated
from console.cognito.pools import region_of

FEEDBACK_VALUES = ("Valid", "Invalid")
PAGE_SIZE = 10  # Cognito allows up to 60; a helpdesk agent reads the last few


@dataclass
class AuthEvent:
    id: str
    type: str  # SignIn, SignUp, ForgotPassword, PasswordChange, ResendCode
    created: datetime | None = None
    response: str = ""  # Pass, Fail, InProgress
    risk: str = ""  # Low, Medium, High ("" when threat protection did not rate it)
    decision: str = ""  # NoRisk, AccountTakeover, Block
    compromised: bool = False  # the password was found in a breach list
    challenges: list[tuple[str, str]] = field(default_factory=list)  # (Password|Mfa, Success|Failure)
    ip: str = ""
    place: str = ""
    device: str = ""
    feedback: str = ""  # Valid, Invalid: an operator's (or the user's) verdict

    @property
    def risky(self) -> bool:
        return self.risk in ("Medium", "High") or self.decision in ("AccountTakeover", "Block") or self.compromised

    @property
    def failed(self) -> bool:
        return self.response == "Fail"


def event_from_cognito(raw: dict) -> AuthEvent:
    risk = raw.get("EventRisk") or {}
    where = raw.get("EventContextData") or {}
    return AuthEvent(
        id=raw.get("EventId", ""),
        type=raw.get("EventType", ""),
        created=raw.get("CreationDate"),
        response=raw.get("EventResponse", ""),
        risk=risk.get("RiskLevel", ""),
        decision=risk.get("RiskDecision", ""),
        compromised=bool(risk.get("CompromisedCredentialsDetected")),
        challenges=[
            (c.get("ChallengeName", ""), c.get("ChallengeResponse", "")) for c in raw.get("ChallengeResponses") or []
        ],
        ip=where.get("IpAddress", ""),
        place=", ".join(v for v in (where.get("City"), where.get("Country")) if v),
        device=where.get("DeviceName", ""),
        feedback=(raw.get("EventFeedback") or {}).get("FeedbackValue", ""),
    )


def auth_events_page(
    pool_id: str, username: str, *, limit: int = PAGE_SIZE, token: str | None = None
) -> tuple[list[AuthEvent], str | None]:
    """One page of the user's events, newest first, and the token of the next page (None at the end)."""
    params = {"UserPoolId": pool_id, "Username": username, "MaxResults": limit}
    if token:
        params["NextToken"] = token
    with translated("AdminListUserAuthEvents"):
        raw = cognito(region_of(pool_id)).admin_list_user_auth_events(**params)
    return [event_from_cognito(e) for e in raw.get("AuthEvents", [])], raw.get("NextToken") or None


def auth_event_feedback(pool_id: str, username: str, event_id: str, value: str) -> None:
    """Tell threat protection an event was the user (Valid) or not (Invalid)."""
    if value not in FEEDBACK_VALUES:
        raise ValueError(value)
    with translated("AdminUpdateAuthEventFeedback"):
        cognito(region_of(pool_id)).admin_update_auth_event_feedback(
            UserPoolId=pool_id, Username=username, EventId=event_id, FeedbackValue=value
        )
