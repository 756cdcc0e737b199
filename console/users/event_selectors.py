"""A user's sign-in events for the user page, a page at a time (issue 13, item 3)."""

from dataclasses import dataclass

from console.cognito import auth_events
from console.cognito import users as cognito_users
from console.cognito.errors import CognitoError
from console.cognito.types import CognitoUser
from console.users.selectors import UNAVAILABLE, BackendData


@dataclass
class EventsPage(BackendData):
    token: str = ""  # the token that asked for this page ("" for the newest)
    next_token: str = ""  # the token of the older events ("" at the end)


def user_events_page(pool_id: str, username: str, token: str = "") -> EventsPage:
    """One AdminListUserAuthEvents call; a pool without threat protection says so instead."""
    try:
        items, next_token = auth_events.auth_events_page(pool_id, username, token=token or None)
    except CognitoError as exc:
        if exc.code in cognito_users.UNAVAILABLE_CODES:
            return EventsPage(unavailable=UNAVAILABLE, token=token)
        return EventsPage(error=exc.message, token=token)
    return EventsPage(items=items, token=token, next_token=next_token or "")


def user_with_events(pool_id: str, username: str, token: str = "") -> tuple[CognitoUser, EventsPage]:
    """The user (named in the verdict's confirmation) and one page of their events: two calls."""
    return cognito_users.user_get(pool_id, username), user_events_page(pool_id, username, token)
