"""Reading pools, scoped to what an operator may see."""

from django.core.cache import cache

from console.cognito import pools as cognito_pools
from console.cognito.errors import CognitoError
from console.cognito.types import PoolSummary

POOLS_CACHE_KEY = "console:pools"
POOLS_CACHE_SECONDS = 30


def pools_all(*, fresh: bool = False) -> list[PoolSummary]:
    """Every pool in the configured regions; cached briefly because the layout's
    pool switcher needs the list on every page."""
    pools = None if fresh else cache.get(POOLS_CACHE_KEY)
    if pools is None:
        pools = cognito_pools.pools_list()
        cache.set(POOLS_CACHE_KEY, pools, POOLS_CACHE_SECONDS)
    return pools


def pools_forget() -> None:
    """Call after creating or deleting a pool."""
    cache.delete(POOLS_CACHE_KEY)


def pools_visible(operator, *, quiet: bool = False, fresh: bool = False) -> list[PoolSummary]:
    try:
        pools = pools_all(fresh=fresh)
    except CognitoError:
        if quiet:
            return []
        raise
    return [p for p in pools if operator.can_see_pool(p.id)]
