"""Active sessions for the emulator: each live refresh token moto issued for the user is one
TOKEN session (its id is the token's origin jti), so signing in through the emulator creates a
session, AdminRevokeUserSession revokes its refresh token and global sign-out ends them all, as
in Cognito (moto's global sign-out missed the tokens of a user who signed in by email or another
alias when it was named by username: it compared the two names). Applied by
console.emulator.cognito_fixes.apply(), in the emulator process only."""

import json

from moto.cognitoidp import models
from moto.core.exceptions import JsonRESTError
from moto.core.responses import ActionResult, EmptyResult
from moto.core.utils import utcnow


class ResourceNotFoundException(JsonRESTError):
    def __init__(self, message: str):
        super().__init__(error_type="ResourceNotFoundException", message=message)


def _sessions(response):
    """(pool, {session id: refresh token, client id}) of the user the request names."""
    params = json.loads(response.body)
    pool = response.backend.describe_user_pool(params["UserPoolId"])
    user = response.backend.admin_get_user(params["UserPoolId"], params["Username"])
    found = {}
    for token, value in pool.refresh_tokens.items():
        # moto keeps the name the user signed in with (an email in an email pool): compare users.
        if value is not None and _same_user(response, params["UserPoolId"], value[1], user.username):
            found[value[2]] = (token, value[0])
    return pool, found, params


def _same_user(response, pool_id: str, name: str, username: str) -> bool:
    if name == username:
        return True
    try:
        return response.backend.admin_get_user(pool_id, name).username == username
    except JsonRESTError:
        return False


def admin_list_user_sessions(self):
    pool, found, _ = _sessions(self)
    first_seen = pool.__dict__.setdefault("console_session_dates", {})
    sessions = []
    for session_id, (_, client_id) in found.items():
        created = first_seen.setdefault(session_id, utcnow())
        sessions.append(
            {
                "SessionId": session_id,
                "SessionType": "TOKEN",
                "ClientId": client_id,
                "CreateDate": created,
                "LastActiveDate": created,
                "LastIPAddress": "127.0.0.1",
            }
        )
    return ActionResult({"Sessions": sessions})


def admin_revoke_user_session(self):
    pool, found, params = _sessions(self)
    if params["SessionId"] not in found:
        raise ResourceNotFoundException("Session does not exist.")
    pool.refresh_tokens[found[params["SessionId"]][0]] = None
    return EmptyResult()


HANDLERS = (admin_list_user_sessions, admin_revoke_user_session)


def _global_sign_out(original):
    def admin_user_global_sign_out(self, user_pool_id, username):
        original(self, user_pool_id, username)
        user, pool = self.admin_get_user(user_pool_id, username), self.describe_user_pool(user_pool_id)
        aliases = (user.attribute_lookup.get(a) for a in ("email", "phone_number", "preferred_username"))
        for name in {user.username, *aliases} - {None, username}:
            pool.sign_out(name)  # every name the user may have signed in with

    return admin_user_global_sign_out


def apply() -> None:
    backend = models.CognitoIdpBackend
    backend.admin_user_global_sign_out = _global_sign_out(backend.admin_user_global_sign_out)
