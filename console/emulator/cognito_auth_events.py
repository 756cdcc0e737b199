"""Sign-in events and threat protection's risk rating for the emulator (issue 13, item 3).

moto has neither AdminListUserAuthEvents nor AdminUpdateAuthEventFeedback and rates nothing. The
emulator records one SignIn event per password sign-in through AdminInitiateAuth (passed, failed on
the password, or blocked) and rates its risk from the caller's address, the one thing an admin
sign-in tells Cognito about the device (ContextData.IpAddress):
- an address in 203.0.113.0/24 (TEST-NET-3, reserved for documentation: no real user has it) is
  High risk and the sign-in is blocked, as an adaptive-authentication "block" would do;
- until an operator marks an event from that address Valid (AdminUpdateAuthEventFeedback): the
  rating learns, and later sign-ins from it pass as Low risk. Invalid keeps it blocked.
Event ids come from moto's seeded random generator, so a replayed state file gives the same ids.
Applied by console.emulator.cognito_fixes.apply(), in the emulator process only.
"""

import ipaddress
import json

from moto.cognitoidp.exceptions import NotAuthorizedError
from moto.core.exceptions import JsonRESTError
from moto.core.responses import ActionResult, EmptyResult
from moto.core.utils import utcnow
from moto.moto_api._internal import mock_random as random

RISKY_NETWORK = ipaddress.ip_network("203.0.113.0/24")
PASSWORD_FLOWS = ("ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH")
BLOCKED = "Unable to login because of security reasons."


class ResourceNotFoundException(JsonRESTError):
    def __init__(self, message: str):
        super().__init__(error_type="ResourceNotFoundException", message=message)


def _events(user) -> list[dict]:
    """The user's events, newest first."""
    return user.__dict__.setdefault("console_auth_events", [])


def _risky(user, ip: str) -> bool:
    try:
        in_network = ipaddress.ip_address(ip) in RISKY_NETWORK
    except ValueError:
        return False
    trusted = any(e["ip"] == ip and (e.get("feedback") or {}).get("FeedbackValue") == "Valid" for e in _events(user))
    return in_network and not trusted


def _record(user, *, ip: str, response: str, password_ok: bool, risky: bool) -> None:
    _events(user).insert(
        0,
        {
            "id": str(random.uuid4()),
            "created": utcnow(),
            "response": response,
            "password_ok": password_ok,
            "risky": risky,
            "ip": ip,
        },
    )


def _event_json(e: dict) -> dict:
    data = {
        "EventId": e["id"],
        "EventType": "SignIn",
        "CreationDate": e["created"],
        "EventResponse": e["response"],
        "EventRisk": {
            "RiskDecision": "Block" if e["risky"] else "NoRisk",
            "RiskLevel": "High" if e["risky"] else "Low",
            "CompromisedCredentialsDetected": False,
        },
        "ChallengeResponses": [
            {"ChallengeName": "Password", "ChallengeResponse": "Success" if e["password_ok"] else "Failure"}
        ],
        "EventContextData": {"IpAddress": e["ip"], "DeviceName": "Emulated browser", "Country": "Documentation"},
    }
    if e.get("feedback"):
        data["EventFeedback"] = e["feedback"]
    return data


def _admin_initiate_auth(original):
    def handler(self):
        params = json.loads(self.body)
        if params.get("AuthFlow") not in PASSWORD_FLOWS:
            return original(self)
        auth = params.get("AuthParameters") or {}
        try:
            user = self.backend.admin_get_user(params["UserPoolId"], auth.get("USERNAME", ""))
        except JsonRESTError:
            return original(self)
        ip = (params.get("ContextData") or {}).get("IpAddress") or "127.0.0.1"
        password_ok = user.enabled and user.password == auth.get("PASSWORD")
        risky = _risky(user, ip)
        if password_ok and risky:
            _record(user, ip=ip, response="Fail", password_ok=True, risky=True)
            raise NotAuthorizedError(BLOCKED)
        try:
            result = original(self)
        except NotAuthorizedError:
            _record(user, ip=ip, response="Fail", password_ok=False, risky=risky)
            raise
        _record(user, ip=ip, response="Pass", password_ok=True, risky=False)
        return result

    return handler


def admin_list_user_auth_events(self):
    params = json.loads(self.body)
    user = self.backend.admin_get_user(params["UserPoolId"], params["Username"])
    events = _events(user)
    start = int(params.get("NextToken") or 0)
    size = int(params.get("MaxResults") or 10)
    result = {"AuthEvents": [_event_json(e) for e in events[start : start + size]]}
    if start + size < len(events):
        result["NextToken"] = str(start + size)
    return ActionResult(result)


def admin_update_auth_event_feedback(self):
    params = json.loads(self.body)
    user = self.backend.admin_get_user(params["UserPoolId"], params["Username"])
    for event in _events(user):
        if event["id"] == params["EventId"]:
            event["feedback"] = {
                "FeedbackValue": params["FeedbackValue"],
                "Provider": "Admin",
                "FeedbackDate": utcnow(),
            }
            return EmptyResult()
    raise ResourceNotFoundException("Event does not exist.")


HANDLERS = (admin_list_user_auth_events, admin_update_auth_event_feedback)


def apply(response) -> None:
    for handler in HANDLERS:
        setattr(response, handler.__name__, handler)
    response.admin_initiate_auth = _admin_initiate_auth(response.admin_initiate_auth)
