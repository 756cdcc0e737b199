from django import template

register = template.Library()

BADGES = {
    "queued": "badge-info",
    "running": "badge-info",
    "cancelling": "badge-warn",
    "finished": "badge-ok",
    "failed": "badge-err",
    "cancelled": "badge-warn",
}


@register.filter
def status_badge(status: str) -> str:
    return BADGES.get(status, "")


@register.filter
def duration(seconds) -> str:
    """12s, 3m 04s, 1h 02m."""
    if seconds is None:
        return "–"
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m {seconds % 60:02d}s"
    return f"{seconds // 3600}h {seconds % 3600 // 60:02d}m"
