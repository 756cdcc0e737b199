"""Older (or the newest) sign-in events of one user, a page at a time (issue 13, item 3): htmx swaps
the events card of the user page; without htmx the page stands alone, read-only."""

from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from console.accounts.permissions import has_perm, require
from console.core.htmx import wants_partial
from console.users.event_forms import VERDICTS
from console.users.event_selectors import user_with_events


@require_GET
@vary_on_headers("HX-Request")
@require("view_console")
def user_events(request, pool_id, username):
    # Cognito's NextToken is opaque but short; a longer one is not Cognito's.
    user, events = user_with_events(pool_id, username, request.GET.get("t", "")[:2048])
    standalone = not wants_partial(request)
    can = {"helpdesk": has_perm(request.user, "helpdesk_users")}
    context = {"pool_id": pool_id, "u": user, "events": events, "verdicts": VERDICTS, "can": can}
    template = "users/events.html" if standalone else "users/auth_events.html"
    return render(request, template, {**context, "standalone": standalone})
