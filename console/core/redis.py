"""The console's Redis connection (broker health, rate limiter)."""

import functools
from urllib.parse import urlsplit, urlunsplit

import redis
from django.conf import settings
from django.core.cache import cache


@functools.cache
def redis_client(url: str | None = None) -> redis.Redis:
    return redis.Redis.from_url(
        url or settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=1, health_check_interval=30
    )


def redis_reachable(*, use_cache: bool = True) -> bool:
    """Whether Redis answers a PING; cached briefly so every page can ask."""
    if use_cache:
        cached = cache.get("console:redis-ok")
        if cached is not None:
            return cached
    try:
        ok = bool(redis_client().ping())
    except (redis.RedisError, OSError):
        ok = False
    cache.set("console:redis-ok", ok, 5)
    return ok


def redis_url_for_display(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.hostname or ""
    netloc = f"{user}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))
