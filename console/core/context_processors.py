from django.conf import settings
from django.utils.functional import SimpleLazyObject

from console.cognito.backend import backend_describe
from console.core.redis import redis_reachable


def console(request):
    """What the layout shows on every page: backend badge, Redis banner, pool switcher.

    Lazy: each value is looked up when a template first uses it, so an htmx partial (a table
    page, a card) that shows none of the layout costs no cache reads for it."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        # Nothing about the backend (AWS account id, emulator endpoint) before sign-in,
        # and no AWS call an anonymous visitor can trigger.
        return {"backend": None}
    from console.pools.selectors import pools_visible

    visible = SimpleLazyObject(lambda: pools_visible(request.user, quiet=True))
    match = getattr(request, "resolver_match", None)
    current_pool = (match.kwargs.get("pool_id") if match else None) or request.session.get("pool_id")
    return {
        "backend": SimpleLazyObject(backend_describe),
        "jobs_available": SimpleLazyObject(redis_reachable),
        "switcher_pools": visible,
        "current_pool_id": current_pool or SimpleLazyObject(lambda: _only_pool(visible)),
        "reason_required": settings.CONSOLE_REASON_REQUIRED,
    }


def _only_pool(visible) -> str:
    """With one pool to choose from, it is chosen."""
    return visible[0].id if len(visible) == 1 else ""
