"""Reads about groups that need more than one Cognito call."""

import hashlib

from django.core.cache import cache

from console.cognito import groups as cognito_groups
from console.cognito.client import limited_calls

# Cognito has no member count: counting walks ListUsersInGroup, one call per 60 members,
# so a count is kept this long and the walk passes the shared rate limiter.
COUNT_CACHE_SECONDS = 30


def _count_key(pool_id: str, group: str) -> str:
    # Group names may hold characters a cache key should not (spaces, control characters).
    digest = hashlib.sha256(group.encode()).hexdigest()[:32]
    return f"console:group-count:{pool_id}:{digest}"


def group_member_count(pool_id: str, group: str, *, fresh: bool = False) -> int:
    key = _count_key(pool_id, group)
    count = None if fresh else cache.get(key)
    if count is None:
        with limited_calls():
            count = cognito_groups.group_member_count(pool_id, group)
        cache.set(key, count, COUNT_CACHE_SECONDS)
    return count


def group_member_count_forget(pool_id: str, group: str) -> None:
    """After the console changed the membership: the next count is counted again."""
    cache.delete(_count_key(pool_id, group))
