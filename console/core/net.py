"""The client's address, as far as the console can trust it."""

import ipaddress

from django.conf import settings


def client_address(request) -> str | None:
    """The address throttling counts by. Behind CONSOLE_TRUSTED_PROXY_COUNT reverse
    proxies it is the entry the outermost trusted proxy added to X-Forwarded-For
    (entries further left are whatever the client sent, so never trusted)."""
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.CONSOLE_TRUSTED_PROXY_COUNT
    if not count:
        return remote
    entries = [e.strip() for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if e.strip()]
    if len(entries) < count:
        return remote
    candidate = entries[-count]
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return remote
    return candidate
