"""The page a locked-out sign-in gets: HTTP 429 with the time to retry."""

from axes.models import AccessAttempt
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


def locked_until(*, username: str, ip_address: str | None):
    """When the lock on this username+address pair ends (None when not locked).

    axes forgets attempts older than the cool-off, so the lock ends one
    cool-off after the latest counted failure."""
    latest = (
        AccessAttempt.objects.filter(username=username, ip_address=ip_address)
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    if latest is None:
        return None
    return latest + settings.AXES_COOLOFF_TIME


def lockout_response(request, original_response=None, credentials=None):
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    until = locked_until(username=username, ip_address=getattr(request, "axes_ip_address", None))
    until = until or timezone.now() + settings.AXES_COOLOFF_TIME
    seconds = max(1, int((until - timezone.now()).total_seconds()))
    context = {"locked_until": until, "minutes": (seconds + 59) // 60}
    response = render(request, "accounts/locked.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response
