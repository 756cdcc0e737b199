"""Refuse control characters in what a form or a URL carries (issue 11, item 4).

A NUL in a reason, a pasted list of users or a username in the path would reach PostgreSQL
(which refuses NUL in text: a 500) or Cognito. No field of the console takes control
characters other than tab and line breaks, so the request is refused as a whole with a
message naming the field. CSV uploads are checked row by row by the importer instead
(docs/CSV.md), so the import views are left to it."""

import re

from django.shortcuts import render
from django_htmx.http import reswap, retarget

from console.core.middleware import LARGE_BODY_VIEWS

# C0 controls and DEL, except tab, line feed and carriage return.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def first_control_character(request) -> tuple[str, str] | None:
    """(where, character) of the first control character in the path, query or form fields."""
    if CONTROL.search(request.path):
        return "the address", CONTROL.search(request.path).group()
    sources = [request.GET]
    if request.method == "POST":
        sources.append(request.POST)
    for data in sources:
        for key, values in data.lists():
            for text in (key, *values):
                found = CONTROL.search(text)
                if found:
                    return f"the field {CONTROL.sub('?', key)!r}", found.group()
    return None


class ControlCharactersMiddleware:
    """A 400 with a clear message instead of a database error or a call to Cognito."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.resolver_match and request.resolver_match.view_name in LARGE_BODY_VIEWS:
            return None
        found = first_control_character(request)
        if found is None:
            return None
        where, character = found
        message = (
            f"{where[0].upper()}{where[1:]} contains a control character (U+{ord(character):04X}), "
            "which the console does not accept. Remove it and try again."
        )
        context = {"error": {"message": message}}
        if getattr(request, "htmx", False):
            response = render(request, "core/partials/error_flash.html", context, status=400)
            return reswap(retarget(response, "#flash"), "innerHTML")
        return render(request, "400.html", context, status=400)
