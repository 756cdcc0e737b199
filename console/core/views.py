from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_htmx.http import reswap, retarget

from console.accounts.permissions import has_perm
from console.audit.models import AuditEvent
from console.audit.selectors import audit_last_pool
from console.audit.services import audit_record
from console.cognito.backend import cognito_reachable
from console.core.redis import redis_reachable


@require_GET
def home(request):
    """Each role lands where its work starts: admins on the pools, everyone else on the
    users of the pool they were working in (or the only pool they may see), else Find user."""
    if has_perm(request.user, "manage_pools"):
        return redirect("pools:list")
    pool_id = _working_pool(request)
    if pool_id:
        return redirect("users:list", pool_id=pool_id)
    return redirect("finder:find")


def _working_pool(request) -> str:
    from console.pools.selectors import pools_visible

    visible = [p.id for p in pools_visible(request.user, quiet=True)]
    for candidate in (request.session.get("pool_id"), audit_last_pool(request.user)):
        if candidate and candidate in visible:
            return candidate
    return visible[0] if len(visible) == 1 else ""


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """State of each dependency; 503 when the database or Cognito is down.
    Redis down is reported but still 200: the console works without jobs."""
    checks = {"database": _database_ok(), "redis": redis_reachable(use_cache=False)}
    cognito_ok, cognito_message = cognito_reachable()
    checks["cognito"] = cognito_ok
    healthy = checks["database"] and checks["cognito"]
    body = {"status": "ok" if healthy and checks["redis"] else ("degraded" if healthy else "down"), "checks": checks}
    if cognito_message:
        body["cognito_message"] = cognito_message
    return JsonResponse(body, status=200 if healthy else 503)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:  # noqa: BLE001 - any failure means "not reachable"
        return False


def permission_denied(request, exception=None):
    """403 inside the layout; every refusal of a signed-in operator is audited."""
    message = str(exception) if exception and str(exception) else "You do not have permission to do this."
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        match = getattr(request, "resolver_match", None)
        audit_record(
            action="access.denied",
            outcome=AuditEvent.OUTCOME_DENIED,
            pool_id=(match.kwargs.get("pool_id", "") if match else ""),
            message=message,
            params={"path": request.path[:300], "method": request.method},
        )
    if getattr(request, "htmx", False):
        # Refusals of htmx requests land in the flash area (htmx-config swaps 403s).
        response = render(request, "core/partials/error_flash.html", {"error": {"message": message}}, status=403)
        return reswap(retarget(response, "#flash"), "innerHTML")
    return render(request, "403.html", {"error": {"message": message}}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
