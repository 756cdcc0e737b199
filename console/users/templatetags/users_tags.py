"""Small filters for the users pages, cheap enough for every row of a table."""

import html
from datetime import UTC
from urllib.parse import quote

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from console.core.converters import name_to_url

register = template.Library()

BADGES = {
    "CONFIRMED": ("badge-ok", "confirmed"),
    "FORCE_CHANGE_PASSWORD": ("badge-warn", "must change password"),
    "RESET_REQUIRED": ("badge-warn", "reset required"),
    "UNCONFIRMED": ("badge-info", "unconfirmed"),
    "EXTERNAL_PROVIDER": ("badge-info", "external provider"),
    "COMPROMISED": ("badge-err", "compromised"),
}
# The characters Django's reverse() leaves unquoted in a path (RFC 3986 sub-delims plus /~:@),
# so a link built from a prefix equals reverse("users:detail", ...).
PATH_SAFE = "!$&'()*+,;=/~:@"


@register.filter
def status_badge(status: str):
    css, label = BADGES.get(status, ("", (status or "unknown").lower()))
    return format_html('<span class="badge {}">{}</span>', css, label)


@register.filter
def path_quote(value: str) -> str:
    """A user name as reverse("users:detail") puts it in the path (core.converters.name_to_url)."""
    return quote(name_to_url(value), safe=PATH_SAFE)


@register.filter
def utc_minute(value) -> str:
    """A timestamp as 'YYYY-MM-DD HH:MM' in UTC: plain strftime, several times cheaper than
    the date filter, which matters on a 60-row table."""
    if not value:
        return ""
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M")


_ROW = (
    '<tr><td class="mono"><a href="{}{}">{}</a></td><td>{}</td><td class="hide-narrow">{}</td><td>{}</td>'
    '<td>{}</td><td>{}</td><td class="hide-narrow">{}</td><td class="hide-narrow">{}</td></tr>'
)
_ENABLED = '<span class="badge badge-ok">enabled</span>'
_DISABLED = '<span class="badge badge-err">disabled</span>'
_BADGE_HTML = {status: str(status_badge(status)) for status in BADGES}


def _e(value) -> str:
    # What django.utils.html.escape does, without its lazy-string wrapper (the hot loop).
    return html.escape(str(value), quote=True)


_TICK = '<td class="tick"><input type="checkbox" name="u" value="{}" form="bulk-form" aria-label="Select {}"></td>'


@register.simple_tag
def user_rows(users, detail_prefix: str, selectable: bool = False):
    """The rows of the users table. Built here rather than in a template loop because the
    loop cost more than the rest of the page (the table is the hot path: every keystroke
    of a search renders it). Every Cognito value goes through _e()."""
    prefix = _e(detail_prefix)
    rows = [
        _ROW.format(
            prefix,
            _e(path_quote(u.username)),
            _e(u.username),
            _e(u.email),
            _e(u.phone_number),
            _e(u.display_name),
            _BADGE_HTML.get(u.status) or str(status_badge(u.status)),
            _ENABLED if u.enabled else _DISABLED,
            utc_minute(u.created),
            utc_minute(u.modified),
        )
        for u in users
    ]
    if selectable:
        # A tick box first in each row, for bulk actions (the form is outside the table).
        ticks = (_TICK.format(_e(u.username), _e(u.username)) for u in users)
        rows = [r.replace("<tr>", "<tr>" + tick, 1) for r, tick in zip(rows, ticks, strict=True)]
    return mark_safe("\n".join(rows))  # noqa: S308 - every interpolated value is escaped above
