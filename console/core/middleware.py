import re
import uuid
from dataclasses import asdict

from csp.constants import HEADER as CSP_HEADER
from csp.middleware import CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django_htmx.http import reswap, retarget

from console.cognito.errors import CognitoError
from console.core.request_context import reset_current_request, set_current_request

_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Give each request an id (or keep a proxy's X-Request-ID), for the audit log
    and the response header, and make the request reachable from services."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = set_current_request(request)
        try:
            response = self.get_response(request)
        finally:
            reset_current_request(token)
        response["X-Request-ID"] = request.request_id
        return response


class CognitoErrorMiddleware:
    """A view whose Cognito call fails shows the plain-language message inside
    the layout (or in the flash area for an htmx request), never a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, CognitoError):
            return None
        context = {"error": exception}
        if getattr(request, "htmx", False):
            response = render(request, "core/partials/error_flash.html", context)
            return reswap(retarget(response, "#flash"), "innerHTML")
        status = 503 if exception.code in ("Unreachable", "NoCredentials", "NoRegion") else 502
        if exception.throttled:
            status = 429
        elif exception.not_found:
            status = 404
        return render(request, "core/cognito_error.html", context, status=status)


class ErrorPagesCSPMiddleware(CSPMiddleware):
    """django-csp leaves 404 and 500 responses without a policy when DEBUG is on (so Django's
    technical pages keep their inline styles). Every page gets the same policy here, in every
    mode: a technical page shows unstyled rather than opening a hole in development."""

    def process_response(self, request, response):
        exempt = getattr(response, "_csp_exempt", False)
        if settings.DEBUG and response.status_code in (404, 500) and CSP_HEADER not in response and not exempt:
            parts = self.get_policy_parts(request=request, response=response)
            response[CSP_HEADER] = build_policy(**asdict(parts))
        return super().process_response(request, response)


# The only views that accept a large body (CSV files); they also stop a file that streams past
# CONSOLE_IMPORT_MAX_BYTES (jobs.uploads.SizeLimitHandler).
LARGE_BODY_VIEWS = frozenset({"jobs:import_upload", "jobs:native_list"})
# Room for the other form fields and the multipart framing around an import file.
_IMPORT_FORM_MARGIN = 1024 * 1024


def too_large_message() -> str:
    """What an import refused for its size is told (by this middleware or by the upload itself)."""
    limit = settings.CONSOLE_IMPORT_MAX_BYTES
    size = f"{limit / 1024 / 1024:.0f} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
    return f"The file is larger than {size}, the most one import may have. Split it into smaller files."


class RequestBodyLimitMiddleware:
    """Refuse a request whose declared body is over the limit with a 413 page before anything
    (the CSRF check, a form) reads it, so an oversized upload is never buffered to disk.

    Ordinary forms get CONSOLE_FORM_MAX_BYTES; the import views CONSOLE_IMPORT_MAX_BYTES. Django
    reads no more than Content-Length, and nothing without it, so the header is what counts.
    Runs in process_view, which is called before CsrfViewMiddleware's (listed earlier)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        limit = settings.CONSOLE_FORM_MAX_BYTES
        large = bool(request.resolver_match and request.resolver_match.view_name in LARGE_BODY_VIEWS)
        if large:
            limit = settings.CONSOLE_IMPORT_MAX_BYTES + _IMPORT_FORM_MARGIN
        if declared <= limit:
            return None
        message = too_large_message() if large else (
            f"This request is too large: the console accepts at most {filesizeformat(limit)} here."
        )
        context = {"error": {"message": message}}
        if getattr(request, "htmx", False):
            response = render(request, "core/partials/error_flash.html", context, status=413)
            return reswap(retarget(response, "#flash"), "innerHTML")
        response = render(request, "413.html", context, status=413)
        response["Connection"] = "close"  # the unread body must not be taken for the next request
        return response
