from django.conf import settings

from console.cognito.backend import backend_describe
from console.core.redis import redis_reachable


def console(request):
    """What the layout shows on every page: backend badge, Redis banner, pool switcher."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        # Nothing about the backend (AWS account id, emulator endpoint) before sign-in,
        # and no AWS call an anonymous visitor can trigger.
        return {"backend": None}
    from console.pools.selectors import pools_visible

    match = getattr(request, "resolver_match", None)
    current_pool = (match.kwargs.get("pool_id") if match else None) or request.session.get("pool_id")
    visible = pools_visible(request.user, quiet=True)
    if not current_pool and len(visible) == 1:
        current_pool = visible[0].id  # one pool to choose from: it is chosen
    return {
        "backend": backend_describe(),
        "jobs_available": redis_reachable(),
        "switcher_pools": visible,
        "current_pool_id": current_pool,
        "reason_required": settings.CONSOLE_REASON_REQUIRED,
    }
