"""The shared rate limiter: a token bucket in Redis per account/endpoint, region
and Cognito quota category, so every worker process draws from the same budget.

Cognito's quotas are per account and region for a *category* of operations
(AdminCreateUser counts against UserCreation, AdminAddUserToGroup against
UserUpdate, ...). The console takes only a share of each (CONSOLE_RATE_BUDGET_SHARE)
so the production applications on the same account are never starved.
"""

import logging
import math
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

log = logging.getLogger(__name__)

# Requests per second per account and region (Cognito's default quotas).
QUOTAS = {
    "UserAuthentication": 120,
    "UserCreation": 50,
    "UserFederation": 25,
    "UserAccountRecovery": 30,
    "UserRead": 120,
    "UserUpdate": 25,
    "UserToken": 120,
    "UserList": 30,
    "UserResourceRead": 50,
    "UserResourceUpdate": 25,
    "UserPoolRead": 20,
    "UserPoolResourceUpdate": 15,
    "UserPoolCreate": 10,
    "UserPoolUpdate": 5,
}

# The operations the console calls, by category.
CATEGORIES = {
    "AdminCreateUser": "UserCreation",
    "AdminUpdateUserAttributes": "UserUpdate",
    "AdminAddUserToGroup": "UserUpdate",
    "AdminRemoveUserFromGroup": "UserUpdate",
    "AdminDisableUser": "UserUpdate",
    "AdminEnableUser": "UserUpdate",
    "AdminDeleteUser": "UserUpdate",
    "AdminUserGlobalSignOut": "UserUpdate",
    "AdminSetUserMFAPreference": "UserUpdate",
    "AdminConfirmSignUp": "UserUpdate",
    "AdminDeleteSoftwareToken": "UserUpdate",
    "AdminForgetDevice": "UserUpdate",
    "AdminUpdateDeviceStatus": "UserUpdate",
    "AdminRevokeUserSession": "UserUpdate",
    "AdminLinkProviderForUser": "UserUpdate",
    "AdminDisableProviderForUser": "UserUpdate",
    "AdminUpdateAuthEventFeedback": "UserUpdate",
    "AdminResetUserPassword": "UserAccountRecovery",
    "AdminSetUserPassword": "UserAccountRecovery",
    "AdminGetUser": "UserRead",
    "AdminListGroupsForUser": "UserRead",
    "AdminGetUserAuthFactors": "UserRead",
    "AdminGetDevice": "UserRead",
    "AdminListUserSessions": "UserRead",
    "AdminListUserAuthEvents": "UserRead",
    "ListUsers": "UserList",
    "ListUsersInGroup": "UserList",
    "ListGroups": "UserResourceRead",
    "GetGroup": "UserResourceRead",
    "GetCSVHeader": "UserResourceRead",
    "DescribeUserImportJob": "UserResourceRead",
    "ListUserImportJobs": "UserResourceRead",
    "CreateGroup": "UserResourceUpdate",
    "CreateUserImportJob": "UserResourceUpdate",
    "StartUserImportJob": "UserResourceUpdate",
    "StopUserImportJob": "UserResourceUpdate",
    "DescribeUserPool": "UserPoolRead",
    "UpdateUserPool": "UserPoolUpdate",
    "AddCustomAttributes": "UserPoolResourceUpdate",
    "ListIdentityProviders": "UserPoolRead",
    "DescribeIdentityProvider": "UserPoolRead",
    "CreateIdentityProvider": "UserPoolResourceUpdate",
    "UpdateIdentityProvider": "UserPoolResourceUpdate",
    "DeleteIdentityProvider": "UserPoolResourceUpdate",
    "ListResourceServers": "UserPoolRead",
    "DescribeResourceServer": "UserPoolRead",
    "CreateResourceServer": "UserPoolResourceUpdate",
    "UpdateResourceServer": "UserPoolResourceUpdate",
    "DeleteResourceServer": "UserPoolResourceUpdate",
    "GetIdentityProviderByIdentifier": "UserPoolRead",
    "GetSigningCertificate": "UserPoolRead",
    "ListUserPoolClientSecrets": "UserPoolRead",
    "AddUserPoolClientSecret": "UserPoolResourceUpdate",
    "DeleteUserPoolClientSecret": "UserPoolResourceUpdate",
    "GetUserPoolMfaConfig": "UserPoolRead",
    "SetUserPoolMfaConfig": "UserPoolUpdate",
    "TagResource": "UserPoolUpdate",
    "UntagResource": "UserPoolUpdate",
    "DescribeRiskConfiguration": "UserPoolRead",
    "SetRiskConfiguration": "UserPoolUpdate",
    "GetLogDeliveryConfiguration": "UserPoolRead",
    "SetLogDeliveryConfiguration": "UserPoolUpdate",
}

# KEYS[1] bucket; ARGV rate/s, capacity, tokens wanted (default 1). Returns 0 when they were taken, else
# the milliseconds to wait. Redis' own clock keeps all workers consistent.
_BUCKET_LUA = """
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local want = tonumber(ARGV[3] or '1')
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil then tokens = capacity; ts = now end
tokens = math.min(capacity, tokens + (now - ts) * rate)
local wait = 0
if tokens >= want then
  tokens = tokens - want
else
  wait = math.ceil((want - tokens) / rate * 1000)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate * 1000) + 60000)
return wait
"""


@dataclass(frozen=True)
class Limit:
    category: str
    rate: float  # tokens per second
    capacity: float  # burst


def overrides() -> dict[str, float]:
    parsed = {}
    for item in settings.CONSOLE_RATE_QUOTAS:
        name, sep, value = item.partition("=")
        try:
            parsed[name.strip()] = float(value)
        except ValueError:
            sep = ""
        if not sep or parsed.get(name.strip(), 0) <= 0:
            raise ImproperlyConfigured(f"CONSOLE_RATE_QUOTAS: {item!r} is not Category=requests-per-second.")
    return parsed


def limit_for(operation: str, account: dict[str, float] | None = None) -> Limit:
    return category_limit(CATEGORIES.get(operation, "UserResourceRead"), account)


def category_limit(category: str, account: dict[str, float] | None = None) -> Limit:
    """The budget from the operator's override, else the account's quota (console.cognito.quotas),
    else Cognito's default."""
    quota = overrides().get(category) or (account or {}).get(category) or QUOTAS.get(category, 10)
    rate = max(0.1, quota * settings.CONSOLE_RATE_BUDGET_SHARE)
    capacity = max(1.0, math.floor(rate * settings.CONSOLE_RATE_BURST_SECONDS))
    return Limit(category, rate, capacity)


class _LocalBucket:
    """Used only while Redis is unreachable: per process, so still no bursts from here."""

    def __init__(self, limit: Limit):
        self.limit = limit
        self.tokens = limit.capacity
        self.ts = time.monotonic()
        self.lock = threading.Lock()

    def take(self, want: float = 1) -> float:
        with self.lock:
            now = time.monotonic()
            self.tokens = min(self.limit.capacity, self.tokens + (now - self.ts) * self.limit.rate)
            self.ts = now
            if self.tokens >= want:
                self.tokens -= want
                return 0.0
            return (want - self.tokens) / self.limit.rate


_local: dict[str, _LocalBucket] = {}
_local_lock = threading.Lock()
_script = None
_redis_down_until = 0.0
REDIS_RETRY_SECONDS = 5.0


def _redis_take(key: str, limit: Limit, want: int = 1) -> float:
    global _script
    from console.core.redis import redis_client

    if _script is None:
        _script = redis_client().register_script(_BUCKET_LUA)
    waited_ms = _script(keys=[key], args=[limit.rate, limit.capacity, want])
    return int(waited_ms) / 1000.0


def _local_take(key: str, limit: Limit, want: int = 1) -> float:
    with _local_lock:
        bucket = _local.get(key)
        if bucket is None or bucket.limit != limit:
            bucket = _local[key] = _LocalBucket(limit)
    return bucket.take(want)


def acquire(operation: str, region: str, *, scope: str, calls: int = 1,
            account: dict[str, float] | None = None) -> float:
    """Block until the operation may be sent (`calls` times: one round trip for several calls of
    the same category); returns the seconds waited. Quotas are per account (or emulator
    endpoint): that is the scope."""
    if not settings.CONSOLE_RATE_LIMITS_ENABLED:
        return 0.0
    import redis

    limit = limit_for(operation, account)
    # A bucket never holds more than its capacity: asking for more would wait for ever.
    calls = max(1, min(calls, int(limit.capacity)))
    key = f"console:rl:{scope}:{region}:{limit.category}"
    waited = 0.0
    while True:
        global _redis_down_until
        if time.monotonic() < _redis_down_until:
            wait = _local_take(key, limit, calls)
        else:
            try:
                wait = _redis_take(key, limit, calls)
            except (redis.RedisError, OSError) as exc:
                # Do not ask a dead Redis on every call: try it again in a few seconds.
                _redis_down_until = time.monotonic() + REDIS_RETRY_SECONDS
                log.warning("rate limiter: Redis unreachable (%s); limiting in this process only for now", exc)
                wait = _local_take(key, limit, calls)
        if wait <= 0:
            return waited
        time.sleep(wait)
        waited += wait


# botocore emits this before each HTTP attempt (retries included) of a cognito-idp call;
# the operation name is the event's last part.
SEND_EVENT = "before-send.cognito-identity-provider"


def install(client, region: str, *, when, scope, account=lambda: None) -> None:
    """Make every HTTP attempt of the client take one token in its operation's category
    while when() is true (the caller runs a job or a loop over users); scope() names the account,
    account() gives its quotas ({category: requests per second}, or None: the defaults)."""

    def charge(event_name: str, **kwargs) -> None:
        if when():
            acquire(event_name.rsplit(".", 1)[-1], region, scope=scope(), account=account())

    client.meta.events.register(SEND_EVENT, charge, unique_id="console-limiter")
