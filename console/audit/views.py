import csv

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from console.accounts.permissions import require
from console.audit.display import action_choices, audit_rows
from console.audit.forms import AuditFilterForm
from console.audit.selectors import audit_actions, audit_events
from console.core.csvsafe import safe_cell
from console.pools.selectors import pools_visible

CSV_COLUMNS = [
    "time_utc",
    "operator",
    "role",
    "action",
    "pool_id",
    "target",
    "outcome",
    "error_code",
    "message",
    "reason",
    "request_id",
    "remote_addr",
    "job_id",
    "params",
]


def _filtered(request, pools=()):
    allowed = request.user.allowed_pools or None
    form = AuditFilterForm(
        request.GET or None,
        actions=action_choices(audit_actions(allowed_pools=allowed)),
        pools=[(p.id, f"{p.name} ({p.id})") for p in pools],
    )
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_events(**{k: v for k, v in filters.items() if v}, allowed_pools=allowed)
    return form, events


@require_GET
@require("view_audit")
def audit_list(request):
    pools = pools_visible(request.user, quiet=True)
    form, events = _filtered(request, pools)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    rows = audit_rows(page.object_list, pool_names={p.id: p.name for p in pools})
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/list.html", {"form": form, "page": page, "rows": rows, "query": query.urlencode()})


class _Echo:
    def write(self, value):
        return value


@never_cache
@require_GET
@require("view_audit")
def audit_export(request):
    _, events = _filtered(request)
    writer = csv.writer(_Echo())

    def rows():
        yield writer.writerow(CSV_COLUMNS)
        for e in events.iterator(chunk_size=2000):
            values = [
                e.created_at.isoformat(),
                e.operator_name,
                e.role,
                e.action,
                e.pool_id,
                e.target,
                e.outcome,
                e.error_code,
                e.message,
                e.reason,
                e.request_id,
                e.remote_addr or "",
                e.job_id or "",
                e.params,
            ]
            yield writer.writerow([safe_cell(v) for v in values])

    filename = f"audit-{timezone.now():%Y%m%d-%H%M%S}.csv"
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
