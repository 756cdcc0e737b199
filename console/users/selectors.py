"""Reading users: the searchable table, one user's page, and the cross-pool finder."""

import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache

from console.audit.selectors import audit_for_user
from console.cognito import groups as cognito_groups
from console.cognito import users as cognito_users
from console.cognito.client import limited_calls, using_emulator
from console.cognito.errors import CognitoError
from console.cognito.pools import pool_describe
from console.cognito.types import CognitoUser, Group

SEARCH_ATTRIBUTES = [
    ("email", "Email"),
    ("username", "Username"),
    ("phone_number", "Phone"),
    ("name", "Name"),
    ("given_name", "Given name"),
    ("family_name", "Family name"),
    ("preferred_username", "Preferred username"),
    ("sub", "Sub (user id)"),
]
STATUS_LABELS = {
    "CONFIRMED": "confirmed",
    "UNCONFIRMED": "unconfirmed",
    "FORCE_CHANGE_PASSWORD": "must change password",
    "RESET_REQUIRED": "reset required",
    "EXTERNAL_PROVIDER": "external provider",
    "ARCHIVED": "archived",
    "COMPROMISED": "compromised",
    "UNKNOWN": "unknown",
}
MAX_VALUE_LENGTH = 256


class QueryError(ValueError):
    """A search Cognito cannot express; the message is for the operator."""


@dataclass
class UserQuery:
    text: str = ""
    attribute: str = "email"
    exact: bool = False
    status: str = ""
    enabled: str = ""  # "", "yes", "no"
    group: str = ""
    tokens: list[str] = field(default_factory=list)  # tokens of the pages before this one

    @property
    def token(self) -> str | None:
        return self.tokens[-1] if self.tokens else None

    @property
    def page_number(self) -> int:
        return len(self.tokens) + 1


@dataclass
class UserPage:
    users: list[CognitoUser]
    next_token: str | None
    notice: str = ""
    filtered_out: int = 0


def query_check(query: UserQuery) -> None:
    """Refuse what Cognito's filter language cannot say, in words."""
    if query.attribute not in dict(SEARCH_ATTRIBUTES):
        raise QueryError("Cognito can only search by " + ", ".join(label for _, label in SEARCH_ATTRIBUTES) + ".")
    if len(query.text) > MAX_VALUE_LENGTH:
        raise QueryError(f"Search for at most {MAX_VALUE_LENGTH} characters.")
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in query.text):
        raise QueryError("Cognito cannot search for line breaks, tabs or other control characters.")
    if query.status and query.status not in cognito_users.USER_STATUSES:
        raise QueryError("Unknown status.")
    if query.enabled not in ("", "yes", "no"):
        raise QueryError("Enabled must be yes or no.")


def _matches(user: CognitoUser, query: UserQuery, *, text: bool, status: bool, enabled: bool) -> bool:
    if text and query.text:
        value = user.username if query.attribute == "username" else user.attributes.get(query.attribute, "")
        if (value != query.text) if query.exact else not value.startswith(query.text):
            return False
    if status and query.status and user.status != query.status:
        return False
    if enabled and query.enabled and user.enabled != (query.enabled == "yes"):
        return False
    return True


def users_search(pool_id: str, query: UserQuery, *, limit: int | None = None) -> UserPage:
    """One page of users: exactly one Cognito call (ListUsers, or ListUsersInGroup for a group).

    ListUsers takes a single filter expression. The text search wins, then the status, then
    enabled; whatever is left is applied to the returned page in Python, and the notice says so.
    """
    query_check(query)
    limit = limit or settings.CONSOLE_USERS_PAGE_SIZE
    if query.group:
        users, next_token = cognito_groups.members_page(pool_id, query.group, limit=limit, token=query.token)
        in_python = {"text": True, "status": True, "enabled": True}
        server_filter = ""
    else:
        server_filter, in_python = _server_filter(query)
        users, next_token = cognito_users.users_page(
            pool_id, filter_expression=server_filter, limit=limit, token=query.token
        )
    kept = [u for u in users if _matches(u, query, **in_python)]
    notice = ""
    python_filters = [
        label
        for key, label, active in (
            ("text", "the search", query.text),
            ("status", "the status filter", query.status),
            ("enabled", "the enabled filter", query.enabled),
        )
        if in_python[key] and active
    ]
    if python_filters:
        where = f"group {query.group}" if query.group else "Cognito"
        notice = (
            f"{where} can apply only one filter per request, so {' and '.join(python_filters)} "
            f"{'was' if len(python_filters) == 1 else 'were'} applied to each page of {len(users)} users: "
            "a page may show fewer rows, and further pages may hold more matches."
        )
    return UserPage(users=kept, next_token=next_token, notice=notice, filtered_out=len(users) - len(kept))


def _server_filter(query: UserQuery) -> tuple[str, dict]:
    if query.text:
        expr = cognito_users.filter_expression(query.attribute, query.text, prefix=not query.exact)
        return expr, {"text": False, "status": True, "enabled": True}
    if query.status:
        return cognito_users.filter_expression("cognito:user_status", query.status), {
            "text": False,
            "status": False,
            "enabled": True,
        }
    if query.enabled:
        value = "Enabled" if query.enabled == "yes" else "Disabled"
        return cognito_users.filter_expression("status", value), {"text": False, "status": False, "enabled": False}
    return "", {"text": False, "status": False, "enabled": False}


# --- One user ------------------------------------------------------------------------


@dataclass
class BackendData:
    """Data a backend may not offer: either items, or why not."""

    items: list = field(default_factory=list)
    unavailable: str = ""
    error: str = ""


UNAVAILABLE = "Not available on this backend (or not enabled for this pool)."


def backend_optional(fetch, *, ask_emulator: bool = False) -> BackendData:
    """fetch() as items, or why the backend does not offer them. The local emulator (moto server)
    lacks some operations and answers with a bare 500 after retries: it is not asked unless the
    emulator start-up supplies the operation (ask_emulator)."""
    if not ask_emulator and using_emulator():
        return BackendData(unavailable=UNAVAILABLE)
    try:
        return BackendData(items=fetch())
    except CognitoError as exc:
        if exc.code in cognito_users.UNAVAILABLE_CODES:
            return BackendData(unavailable=UNAVAILABLE)
        return BackendData(error=exc.message)


def user_devices(pool_id: str, username: str) -> BackendData:
    return backend_optional(lambda: cognito_users.devices_list(pool_id, username))


@dataclass
class UserDetail:
    user: CognitoUser
    groups: list[Group]
    audit: list
    standard: list[tuple[str, str]]
    custom: list[tuple[str, str]]


def pool_settings(pool_id: str) -> dict:
    """DescribeUserPool from the shared cache of pool descriptions: the schema drives the
    attribute forms on every user page."""
    return pool_describe(pool_id)


def user_attributes(pool_id: str, username: str) -> dict[str, str]:
    return cognito_users.user_get(pool_id, username).attributes


def user_detail(pool_id: str, username: str) -> UserDetail:
    user = cognito_users.user_get(pool_id, username)
    groups = cognito_groups.groups_of_user(pool_id, user.username)
    attrs = sorted(user.attributes.items())
    return UserDetail(
        user=user,
        groups=groups,
        audit=audit_for_user(pool_id, user.username),
        standard=[(k, v) for k, v in attrs if not k.startswith("custom:")],
        custom=[(k, v) for k, v in attrs if k.startswith("custom:")],
    )


# --- Find in all pools -----------------------------------------------------------------


@dataclass
class FindResult:
    hits: list[tuple] = field(default_factory=list)  # (PoolSummary, CognitoUser)
    pools_searched: int = 0
    pools_skipped: int = 0
    truncated: bool = False
    errors: list[str] = field(default_factory=list)
    attribute: str = ""


class RateLimited(Exception):
    pass


def find_attribute(term: str) -> str:
    if "@" in term:
        return "email"
    if term.startswith("+") and term[1:].isdigit():
        return "phone_number"
    return "username"


def find_rate_check(operator_id) -> None:
    """At most CONSOLE_FIND_PER_MINUTE searches in a minute that starts with the operator's first search.
    The window opens at that search rather than on the clock's minute, so the count never resets
    between two quick searches (incr keeps the key's expiry)."""
    key = f"console:find:{operator_id}"
    cache.add(key, 0, 60)
    try:
        count = cache.incr(key)
    except ValueError:  # the window expired between add() and incr()
        cache.add(key, 1, 60)
        count = 1
    if count > settings.CONSOLE_FIND_PER_MINUTE:
        raise RateLimited(
            f"You can search all pools {settings.CONSOLE_FIND_PER_MINUTE} times a minute. Wait a moment and try again."
        )


FIND_ATTRIBUTES = ("email", "phone_number", "username")


def users_find_everywhere(*, pools: list, term: str, attribute: str = "") -> FindResult:
    """One ListUsers call per pool (starts-with on email, phone or username), a few pools at a time.
    Without an attribute the term decides: with @ an email, +digits a phone, else a username."""
    term = term.strip()
    if attribute and attribute not in FIND_ATTRIBUTES:
        raise QueryError("Search all pools by email, phone or username.")
    query = UserQuery(text=term, attribute=attribute or find_attribute(term))
    query_check(query)
    result = FindResult(attribute=query.attribute)
    limit = settings.CONSOLE_FIND_MAX_RESULTS
    chosen = pools[: settings.CONSOLE_FIND_MAX_POOLS]
    result.pools_skipped = len(pools) - len(chosen)
    expr = cognito_users.filter_expression(query.attribute, term, prefix=True)

    def one(pool):
        try:
            # A search across many pools shares the account's ListUsers quota with jobs.
            with limited_calls():
                users, token = cognito_users.users_page(pool.id, filter_expression=expr, limit=min(limit, 60))
            return pool, users, bool(token), ""
        except CognitoError as exc:
            return pool, [], False, f"{pool.name}: {exc.message}"

    with ThreadPoolExecutor(max_workers=min(8, max(1, len(chosen)))) as executor:
        for pool, users, more, error in executor.map(one, chosen):
            result.pools_searched += 1
            if error:
                result.errors.append(error)
            result.truncated = result.truncated or more
            result.hits.extend((pool, u) for u in users)
    if len(result.hits) > limit:
        result.hits = result.hits[:limit]
        result.truncated = True
    return result


def users_named(pool_id: str, usernames: list[str]) -> dict[str, CognitoUser]:
    """The users behind some usernames, to name them by name and email (a bulk confirmation, a
    membership notice). One AdminGetUser each, through the shared limiter; a user that cannot be
    read is left out and shown by its username."""
    found = {}
    with limited_calls():
        for username in usernames:
            try:
                found[username] = cognito_users.user_get(pool_id, username)
            except CognitoError:
                continue
    return found
