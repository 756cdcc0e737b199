"""A user's active sessions (AdminListUserSessions) and revoking one (AdminRevokeUserSession):
the stolen-laptop case where signing the user out everywhere is more than needed (issue 13, item 2)."""

from dataclasses import dataclass
from datetime import datetime

from console.cognito.client import cognito
from console.cognito.errors import translated
from console.cognito.pools import region_of


@dataclass
class UserSession:
    id: str
    type: str = ""  # TOKEN (an app's refresh token) or SSO (the managed login's session)
    client_id: str = ""
    device: str = ""
    created: datetime | None = None
    last_active: datetime | None = None
    ip: str = ""
    place: str = ""
    origin: str = ""  # the session this one was linked from


def sessions_list(pool_id: str, username: str) -> list[UserSession]:
    """Every page of AdminListUserSessions (a user has few sessions: one call, rarely two)."""
    client, params, result = cognito(region_of(pool_id)), {"UserPoolId": pool_id, "Username": username}, []
    while True:
        with translated("AdminListUserSessions"):
            raw = client.admin_list_user_sessions(**params)
        for s in raw.get("Sessions", []):
            where = s.get("LastLocation") or {}
            result.append(
                UserSession(
                    id=s.get("SessionId", ""),
                    type=s.get("SessionType", ""),
                    client_id=s.get("ClientId", ""),
                    device=s.get("DeviceType", ""),
                    created=s.get("CreateDate"),
                    last_active=s.get("LastActiveDate"),
                    ip=s.get("LastIPAddress", ""),
                    place=", ".join(v for v in (where.get("City"), where.get("Country")) if v),
                    origin=s.get("OriginSessionId", ""),
                )
            )
        if not raw.get("NextToken"):
            return result
        params["NextToken"] = raw["NextToken"]


def session_revoke(pool_id: str, username: str, session_id: str, *, linked: bool) -> None:
    with translated("AdminRevokeUserSession"):
        cognito(region_of(pool_id)).admin_revoke_user_session(
            UserPoolId=pool_id,
            Username=username,
            SessionId=session_id,
            RevokeAssociatedSessions="LINKED" if linked else "NONE",
        )
