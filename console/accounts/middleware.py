"""Session timeouts and the two-factor gate."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_htmx.http import HttpResponseClientRedirect

from console.accounts import twofactor

SIGNED_IN_AT = "console_signed_in_at"
LAST_SEEN = "console_last_seen"
# Touching the session on every request would write it every time; a minute of
# slack in the idle timeout is not worth a database write per request.
SEEN_RESOLUTION_SECONDS = 60
SIGNOUT_REASON_ATTR = "console_signout_reason"


def mark_signed_in(request) -> None:
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now


class SessionTimeoutMiddleware:
    """Ends a session on the server after CONSOLE_SESSION_IDLE_SECONDS without a
    request, or SESSION_COOKIE_AGE after sign-in, whichever comes first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            expired = self._expired(request)
            if expired:
                setattr(request, SIGNOUT_REASON_ATTR, expired)
                logout(request)
                messages.info(request, expired)
                if getattr(request, "htmx", False):
                    return HttpResponseClientRedirect(reverse(settings.LOGIN_URL))
        return self.get_response(request)

    def _expired(self, request) -> str:
        session = request.session
        now = int(time.time())
        started = session.get(SIGNED_IN_AT)
        last = session.get(LAST_SEEN)
        if started is None:  # a session from before this middleware: start counting now
            mark_signed_in(request)
            return ""
        if now - started >= settings.SESSION_COOKIE_AGE:
            return f"Your sign-in expired after {_duration(settings.SESSION_COOKIE_AGE)}: please sign in again."
        if last is not None and now - last >= settings.CONSOLE_SESSION_IDLE_SECONDS:
            return (
                f"You were signed out after {_duration(settings.CONSOLE_SESSION_IDLE_SECONDS)} "
                "without activity: please sign in again."
            )
        if last is None or now - last >= SEEN_RESOLUTION_SECONDS:
            session[LAST_SEEN] = now
        return ""


def _duration(seconds: int) -> str:
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return f"{hours} hour{'s' if hours != 1 else ''}"
    minutes = max(1, seconds // 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


# Pages an operator may reach while the second factor is still owed.
_VERIFY_OPEN = {"accounts:login", "accounts:logout", "accounts:two_factor_verify"}
_ENROL_OPEN = _VERIFY_OPEN | {
    "accounts:security",
    "accounts:two_factor_start",
    "accounts:two_factor_enrol",
}


class TwoFactorMiddleware:
    """After the password, an operator with a confirmed authenticator must give a
    code before any other page; an admin must enrol first when
    CONSOLE_REQUIRE_2FA_FOR_ADMINS is on. Runs after django-otp's OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not getattr(view_func, "login_required", True):
            return None
        name = request.resolver_match.view_name if request.resolver_match else ""
        # Loaded with the operator at the start of this request (RoleBackend.get_user), else asked.
        has_device = getattr(user, "device_confirmed_at_load", None)
        if has_device is None:
            has_device = twofactor.has_confirmed_device(user)
        if has_device:
            if user.is_verified() or name in _VERIFY_OPEN:
                return None
            return self._send(request, "accounts:two_factor_verify", with_next=True)
        if twofactor.required_for(user) and name not in _ENROL_OPEN:
            messages.warning(request, "Admins must set up two-factor sign-in before using the console.")
            return self._send(request, "accounts:security")
        return None

    @staticmethod
    def _send(request, url_name, with_next=False):
        url = reverse(url_name)
        if with_next and request.method == "GET" and not getattr(request, "htmx", False):
            url += "?" + urlencode({"next": request.get_full_path()})
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(url)
        return redirect(url)
