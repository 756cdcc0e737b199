"""Risky sign-in (issue 13, item 3): the operator's verdict on one of a user's sign-in events.
Marking a blocked event Valid is what unblocks a genuine user flagged by threat protection;
Invalid tells it the sign-in was not them. One audit event, success or failure with the code.
The catalogue (console.users.actions) applies the permission, the pool scope and the reason rule."""

from console.audit.services import audited
from console.cognito import auth_events


def user_auth_event_feedback(*, pool_id: str, username: str, event_id: str, value: str, reason: str = "") -> None:
    if value not in auth_events.FEEDBACK_VALUES:
        raise ValueError(value)
    audited(
        "user.auth_event_feedback",
        lambda: auth_events.auth_event_feedback(pool_id, username, event_id, value),
        pool_id=pool_id,
        target=username,
        reason=reason,
        params={"event": event_id, "feedback": value},
    )


def feedback_done(params: dict) -> str:
    if params["value"] == "Valid":
        return "Sign-in event marked valid: threat protection learns it was the user."
    return "Sign-in event marked invalid: threat protection learns it was not the user."
