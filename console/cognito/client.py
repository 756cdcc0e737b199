"""The boto3 client factory: the one place clients are built.

Credentials come only from the standard AWS chain (environment, shared
profile, container or instance role); the console never stores them.
"""

import functools
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.cache import cache

from console.cognito import faults, limiter, quotas

log = logging.getLogger(__name__)
ACCOUNT_CACHE_KEY = "console:aws-account"
QUOTAS_CACHE_SECONDS, QUOTAS_RETRY_SECONDS = 3600, 300
_lock = threading.Lock()
_clients: dict = {}
# Set while a job or a loop over users runs: every client handed out then is a limited one.
_limited: ContextVar[bool] = ContextVar("console_limited_calls", default=False)


@contextmanager
def limited_calls() -> Iterator[None]:
    """Inside this block (or a function decorated with @limited_calls()) every Cognito call,
    through any gateway function, passes the shared rate limiter: one token per HTTP attempt,
    retries included. Jobs and loops over users run inside it, so an operation added later is
    limited without anyone remembering. A context variable: threads started inside (a thread
    pool's) must enter it themselves."""
    reset = _limited.set(True)
    try:
        yield
    finally:
        _limited.reset(reset)


def calls_limited() -> bool:
    return _limited.get()


def _config() -> Config:
    return Config(
        # Retry mode set explicitly: "standard" retries throttling and transient
        # errors with jittered backoff, and its retry quota stops retry storms.
        retries={"mode": "standard", "max_attempts": settings.CONSOLE_AWS_MAX_ATTEMPTS},
        connect_timeout=settings.CONSOLE_AWS_TIMEOUT_SECONDS,
        read_timeout=settings.CONSOLE_AWS_TIMEOUT_SECONDS * 3,
        max_pool_connections=max(10, settings.CONSOLE_JOB_CONCURRENCY * 2),
        user_agent_extra="cognito-console",
    )


def endpoint_url() -> str | None:
    return settings.CONSOLE_COGNITO_ENDPOINT_URL


def using_emulator() -> bool:
    return bool(settings.CONSOLE_COGNITO_ENDPOINT_URL)


def default_region() -> str:
    return settings.CONSOLE_REGIONS[0]


@functools.cache
def _session() -> boto3.session.Session:
    return boto3.session.Session()


def cognito(region: str | None = None):
    """A cognito-idp client for the region; clients are thread-safe, sessions are not,
    so the session is shared per process and creation is guarded by a lock.

    Every client carries the limiter's and the fault injector's hooks; they act only on
    calls made inside limited_calls(), so interactive pages pay nothing."""
    region = region or default_region()
    key = (region, endpoint_url(), settings.CONSOLE_AWS_MAX_ATTEMPTS)
    client = _clients.get(key)
    if client is None:
        with _lock:
            client = _clients.get(key)
            if client is None:
                client = _session().client(
                    "cognito-idp", region_name=region, endpoint_url=endpoint_url(), config=_config()
                )
                limiter.install(client, region, when=calls_limited, scope=quota_scope,
                                account=lambda: quota_values(region))
                faults.install(client, when=calls_limited)
                _clients[key] = client
    return client


def sts(region: str | None = None):
    region = region or default_region()
    return _session().client("sts", region_name=region, endpoint_url=endpoint_url(), config=_config())


def service_quotas(region: str | None = None):
    """A Service Quotas client: the emulator's endpoint when configured (moto serves every service)."""
    region = region or default_region()
    return _session().client("service-quotas", region_name=region, endpoint_url=endpoint_url(), config=_config())


def account_quotas(region: str | None = None) -> dict[str, tuple[float, str]]:
    """Cognito's rate quotas as the account has them ({category: (value, source)}), cached for an
    hour in the shared cache; {} (the built-in defaults) when they cannot be read, retried later."""
    region = region or default_region()
    if not settings.CONSOLE_RATE_QUOTAS_FROM_ACCOUNT:
        return {}
    key = f"console:cognito-quotas:{quota_scope()}:{region}"
    found = cache.get(key)
    if found is None:
        try:
            found = quotas.read(service_quotas(region))
        except (BotoCoreError, ClientError) as exc:
            log.warning("Service Quotas unreadable for cognito-idp in %s (%s); using the configured rates", region, exc)
            found = {}
        cache.set(key, found, QUOTAS_CACHE_SECONDS if found else QUOTAS_RETRY_SECONDS)
    return found


def quota_values(region: str | None = None) -> dict[str, float]:
    return {name: value for name, (value, _) in account_quotas(region).items()}


def aws_account() -> str:
    """The AWS account id, looked up once and cached ("" while unknown: retried sooner)."""
    account = cache.get(ACCOUNT_CACHE_KEY)
    if account is None:
        try:
            account = sts().get_caller_identity()["Account"]
        except (BotoCoreError, ClientError) as exc:
            log.info("GetCallerIdentity failed: %s", exc)
            account = ""
        cache.set(ACCOUNT_CACHE_KEY, account, 300 if account else 30)
    return account


def quota_scope() -> str:
    """Cognito's quotas are per account and region: the emulator's endpoint stands for the account."""
    return (endpoint_url() or "") if using_emulator() else (aws_account() or "aws")


def reset_clients() -> None:
    """Forget cached clients (tests change endpoints and mocks between cases)."""
    with _lock:
        _clients.clear()
    _session.cache_clear()


def credentials_available() -> bool:
    """Whether the standard AWS chain yields credentials (no network call)."""
    return boto3.session.Session().get_credentials() is not None
