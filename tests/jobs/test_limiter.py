"""The shared Redis token bucket."""

import threading
import time
import uuid

import pytest
from django.core.exceptions import ImproperlyConfigured

from console.cognito import limiter


@pytest.fixture
def redis_limiter(redis_url, settings, monkeypatch):
    settings.REDIS_URL = redis_url
    settings.CONSOLE_RATE_LIMITS_ENABLED = True
    from console.core import redis as core_redis

    core_redis.redis_client.cache_clear()
    monkeypatch.setattr(limiter, "_script", None)
    monkeypatch.setattr(limiter, "_redis_down_until", 0.0)
    yield
    core_redis.redis_client.cache_clear()


def hammer(seconds: float, threads: int, scope: str) -> list[float]:
    stamps, lock = [], threading.Lock()
    end = time.monotonic() + seconds

    def run():
        while time.monotonic() < end:
            limiter.acquire("AdminCreateUser", "us-east-1", scope=scope)
            with lock:
                stamps.append(time.monotonic())

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return sorted(stamps)


def max_in_window(stamps: list[float], window: float = 1.0) -> int:
    best, start = 0, 0
    for end, t in enumerate(stamps):
        while t - stamps[start] >= window:
            start += 1
        best = max(best, end - start + 1)
    return best


def test_it_holds_the_rate_across_threads(redis_limiter, settings):
    settings.CONSOLE_RATE_QUOTAS = ["UserCreation=40"]
    settings.CONSOLE_RATE_BUDGET_SHARE = 0.5  # 20/s
    settings.CONSOLE_RATE_BURST_SECONDS = 0.1  # capacity 2
    stamps = hammer(2.0, 6, scope=uuid.uuid4().hex)
    limit = limiter.limit_for("AdminCreateUser")
    assert (limit.rate, limit.capacity, limit.category) == (20, 2, "UserCreation")
    assert max_in_window(stamps) <= 20 + 2
    assert len(stamps) >= 2 * 20 * 0.9


def test_categories_follow_cognitos_quotas(settings):
    settings.CONSOLE_RATE_QUOTAS = []
    settings.CONSOLE_RATE_BUDGET_SHARE = 1.0
    assert limiter.limit_for("AdminCreateUser").rate == 50
    assert limiter.limit_for("AdminAddUserToGroup").category == "UserUpdate"
    assert limiter.limit_for("AdminUpdateUserAttributes").rate == 25
    assert limiter.limit_for("ListUsers").rate == 30


def test_a_bad_override_is_refused(settings):
    settings.CONSOLE_RATE_QUOTAS = ["UserCreation=lots"]
    with pytest.raises(ImproperlyConfigured):
        limiter.limit_for("AdminCreateUser")


def test_it_limits_in_process_when_redis_is_down(settings, monkeypatch):
    settings.CONSOLE_RATE_LIMITS_ENABLED = True
    settings.CONSOLE_RATE_QUOTAS = ["UserCreation=20"]
    settings.CONSOLE_RATE_BUDGET_SHARE = 1.0
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    from console.core import redis as core_redis

    core_redis.redis_client.cache_clear()
    monkeypatch.setattr(limiter, "_script", None)
    monkeypatch.setattr(limiter, "_redis_down_until", 0.0)
    try:
        stamps = hammer(1.0, 3, scope=uuid.uuid4().hex)
    finally:
        core_redis.redis_client.cache_clear()
    assert 15 <= len(stamps) <= 20 + 2 + 3  # rate + burst + one last call per thread


def test_one_round_trip_can_take_several_calls(redis_limiter, settings):
    settings.CONSOLE_RATE_BUDGET_SHARE = 1.0
    settings.CONSOLE_RATE_QUOTAS = ["UserUpdate=20"]
    settings.CONSOLE_RATE_BURST_SECONDS = 0.2  # capacity 4
    scope = uuid.uuid4().hex
    assert limiter.acquire("AdminDisableUser", "us-east-1", scope=scope, calls=2) == 0
    assert limiter.acquire("AdminUserGlobalSignOut", "us-east-1", scope=scope, calls=2) == 0
    # The bucket is empty: two more calls wait for two tokens (0.1 s at 20/s).
    assert limiter.acquire("AdminDisableUser", "us-east-1", scope=scope, calls=2) >= 0.08
    # More than the capacity at once is clamped rather than waiting for ever.
    assert limiter.acquire("AdminDisableUser", "us-east-1", scope=scope, calls=50) < 1
