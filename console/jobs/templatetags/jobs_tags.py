from django import template

from console.jobs.kinds import handler_for
from console.jobs.progress import JobProgress, job_counts

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


@register.simple_tag(name="job_counts")
def job_counts_tag(job) -> JobProgress:
    """Done of total in the kind's unit (an export: users written of the pool's estimate), for lists."""
    return job_counts(job, handler_for(job.kind))
