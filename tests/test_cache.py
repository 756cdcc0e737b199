"""The shared cache (console/cache.py): one Redis for every process, and pages that keep
working, uncached, while Redis is down."""

import time

import pytest
import redis
from django.core.cache import cache, caches
from django.urls import reverse

DEAD_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def shared_cache(settings, redis_url):
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": redis_url}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": DEAD_REDIS}}


def test_it_is_djangos_redis_cache(shared_cache):
    from django.core.cache.backends.redis import RedisCache

    assert isinstance(caches["default"], RedisCache)


def test_two_processes_see_the_same_entries(shared_cache):
    web, worker = caches.create_connection("default"), caches.create_connection("default")
    web.set("k", {"v": 1})
    assert worker.get("k") == {"v": 1}
    worker.delete("k")
    assert web.get("k") is None


def test_it_keeps_one_redis_client_instead_of_one_per_operation(shared_cache):
    """Django's client builds a redis.Redis for every get; a page reads the cache several times."""
    web = caches.create_connection("default")
    web.set("k", 1)
    assert web.get("k") == 1 and web.get("missing") is None
    assert web._cache.get_client() is web._cache.get_client()
    assert web._cache.get_client(write=True) is web._cache.get_client("k", write=True)


def test_a_limit_counted_in_two_processes_adds_up(shared_cache):
    web, worker = caches.create_connection("default"), caches.create_connection("default")
    web.add("count", 0, 60)
    web.incr("count")
    assert worker.incr("count") == 2


def test_clearing_the_cache_leaves_other_redis_keys_alone(shared_cache, redis_url):
    raw = redis.Redis.from_url(redis_url)
    raw.set("celery-queue-lookalike", "keep", ex=60)
    cache.set("mine", 1)
    cache.clear()
    assert cache.get("mine") is None
    assert raw.get("celery-queue-lookalike") == b"keep"
    raw.delete("celery-queue-lookalike")


def test_it_works_per_process_while_redis_is_down(redis_down, caplog):
    cache.set("k", "v")
    assert cache.get("k") == "v"
    assert cache.add("n", 0) is True
    assert cache.incr("n") == 1
    cache.delete("k")
    assert cache.get("k") is None
    started = time.monotonic()
    for _ in range(50):
        cache.get("k")
    assert time.monotonic() - started < 1  # Redis is left alone for a while, not retried on every call
    assert "Redis unreachable" in caplog.text
    assert caplog.text.count("Redis unreachable") == 1


def test_pages_still_work_while_redis_is_down(redis_down, pool, viewer_client):
    for url in (
        reverse("pools:list"),
        reverse("pools:detail", args=[pool.id]),
        reverse("users:list", args=[pool.id]),
        reverse("finder:find") + "?q=user0@example.com",
    ):
        response = viewer_client.get(url)
        assert response.status_code == 200, url
