"""The shape of one entry of the user-action catalogue (console/users/actions.py holds the entries).

Kept apart from the entries so that a family of actions (identities, factors) can keep its own
entries in its own module and the catalogue stays one table.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from console.cognito.types import CognitoUser
from console.users.forms import ReasonForm

# Where the user page shows an action.
HELPDESK, MEMBERSHIP, ADMIN, BULK_ONLY = "helpdesk", "membership", "admin", "bulk"
# Shown by the sign-in factors and devices card of the user page (templates/users/factors.html)
# and by the sign-in events card.
FACTORS, DEVICES, SESSIONS, EVENTS = "factors", "devices", "sessions", "events"
# Shown by the linked identities card (templates/users/identities.html).
IDENTITIES = "identities"


def _reason_form(data, **_):
    return ReasonForm(data)


def form_of(form_class) -> Callable:
    """An entry's form that needs only the posted data."""
    return lambda data, **_: form_class(data)


def fields(*names: str) -> Callable:
    """An entry's params: these cleaned fields of its form, by the same names."""
    return lambda form: {name: form.cleaned_data[name] for name in names}


def _always(_user: CognitoUser) -> bool:
    return True


@dataclass(frozen=True)
class UserAction:
    name: str
    label: str  # the button, the bulk menu and the job title ("Disable: 12 users")
    permission: str
    run: Callable  # the service: run(pool_id=, username=, reason=, [job_id=], **params)
    # Asked before acting; {user} and {pool} are filled in, plus any parameter ({group}).
    confirm: str
    done: str | Callable[[dict], str]  # what the page says after success; a callable gets the parameters
    section: str = HELPDESK
    asks_reason: bool = True  # the reason rule applies (CONSOLE_REASON_REQUIRED decides if it is required)
    form: Callable = _reason_form  # form(data, pool_id=, username=) validating reason and parameters
    params: Callable = lambda form: {}  # the service's extra arguments from a valid form
    shown: Callable[[CognitoUser], bool] = _always  # offered on the user page for this user?
    style: str = ""  # button class: primary, danger
    returns_secret: bool = False  # the service returns a password shown once
    reports: bool = False  # the service returns what it did, in words, shown instead of `done`
    # Bulk: None = single-user only. Otherwise the Cognito calls per user, for time estimates only.
    bulk_operations: tuple[str, ...] | None = None
    inverse: str = ""
    # Bulk skips a user already in this enabled state (and so does not reverse it later).
    skip_when_enabled: bool | None = None
    # Group actions: whether the user ends up a member; users already so are skipped in bulk.
    makes_member: bool | None = None
    needs: tuple[str, ...] = field(default=())  # bulk parameters: group, attribute, value
    # Bulk: skip(pool_id, username) says why this user is left alone ("" to act), read before acting.
    skip: Callable[[str, str], str] | None = None

    @property
    def bulk(self) -> bool:
        return self.bulk_operations is not None

    @property
    def reason_only(self) -> bool:
        """Asks nothing but the reason (so a command line or a plain button can run it)."""
        return self.form is _reason_form

    @property
    def operations(self) -> tuple[str, ...]:
        return self.bulk_operations or ()

    def done_message(self, params: dict, result=None) -> str:
        if self.reports and result:
            return result
        return self.done(params) if callable(self.done) else self.done.format(**params)

    def confirm_text(self, *, user: str, pool: str, **params) -> str:
        return self.confirm.format(user=user, pool=pool, **params)
