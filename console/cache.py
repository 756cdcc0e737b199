"""The console's cache: Django's Redis cache, shared by every web and worker process, that
degrades to a per-process cache while Redis is down.

Shared, because what is cached must be the same for every process: the per-operator "find in
all pools" limit counts across workers, and forgetting a pool's description after an edit must
reach every process. Degrading, because a cache is an optimisation: a page must still work
(uncached, limits per process) rather than answer 500 when Redis is unreachable. After a
failure Redis is left alone for a few seconds, so requests do not each wait for a timeout.
What a process forgets while Redis is down stays in Redis until it expires (the pool
descriptions' timeout bounds that).
"""

import logging
import time

import redis
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

log = logging.getLogger(__name__)

REDIS_FAILURES = (redis.RedisError, OSError)
# Keys live under this prefix, so clearing the cache never touches Celery's or the limiter's keys.
KEY_PREFIX = "console-cache"
# Short timeouts: an unreachable Redis must cost a request little before the fallback takes over.
REDIS_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}
RETRY_AFTER_SECONDS = 5.0
CLEAR_BATCH = 500


def _resilient(name: str):
    """RedisCache's method `name`, falling back to the per-process cache while Redis is down."""
    on_redis = getattr(RedisCache, name)

    def method(self, *args, **kwargs):
        if time.monotonic() >= self._redis_down_until:
            try:
                result = on_redis(self, *args, **kwargs)
            except REDIS_FAILURES as exc:
                self._redis_failed(exc)
            else:
                self._redis_back()
                return result
        return getattr(self._local, name)(*args, **kwargs)

    method.__name__ = name
    method.__doc__ = on_redis.__doc__
    return method


class SharedClientRedisCacheClient(RedisCacheClient):
    """Django's client makes a new redis.Redis (and its table of ~170 response callbacks) for
    every cache operation; a page reads the cache several times, so one client per connection
    pool is kept instead. redis.Redis is thread-safe: each command takes a pooled connection."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        params = {
            **params,
            "KEY_PREFIX": params.get("KEY_PREFIX") or KEY_PREFIX,
            "OPTIONS": {**REDIS_OPTIONS, **params.get("OPTIONS", {})},
        }
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
        self._local = LocMemCache(
            f"console-fallback-{id(self)}",
            {"TIMEOUT": params.get("TIMEOUT", 300), "KEY_PREFIX": self.key_prefix, "OPTIONS": {"MAX_ENTRIES": 2000}},
        )
        self._redis_down_until = 0.0

    def _redis_failed(self, exc: Exception) -> None:
        if self._redis_down_until == 0.0:
            # The exception's class and text name host and port, never the URL's password.
            log.warning("Cache: Redis unreachable (%s: %s); using a per-process cache.", type(exc).__name__, exc)
        self._redis_down_until = time.monotonic() + RETRY_AFTER_SECONDS

    def _redis_back(self) -> None:
        if self._redis_down_until:
            log.info("Cache: Redis reachable again.")
            self._redis_down_until = 0.0

    add = _resilient("add")
    get = _resilient("get")
    set = _resilient("set")
    touch = _resilient("touch")
    delete = _resilient("delete")
    get_many = _resilient("get_many")
    has_key = _resilient("has_key")
    incr = _resilient("incr")
    set_many = _resilient("set_many")
    delete_many = _resilient("delete_many")

    def clear(self) -> None:
        """Delete the console's cache keys, and only those: FLUSHDB would also empty the Celery
        queues and rate-limit buckets when they share the database."""
        self._local.clear()
        try:
            client = self._cache.get_client(write=True)
            batch = []
            for key in client.scan_iter(match=f"{self.key_prefix}:*", count=CLEAR_BATCH):
                batch.append(key)
                if len(batch) >= CLEAR_BATCH:
                    client.delete(*batch)
                    batch = []
            if batch:
                client.delete(*batch)
        except REDIS_FAILURES as exc:
            self._redis_failed(exc)
        else:
            self._redis_back()
