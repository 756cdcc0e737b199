"""Sign-in pages and the operator's own security settings (two-factor)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from console.accounts import twofactor
from console.accounts.permissions import require


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = settings.CONSOLE_OIDC_ENABLED
        context["oidc_label"] = settings.CONSOLE_OIDC_LABEL
        return context


@require("view_console")
@never_cache
def security(request):
    operator = request.user
    context = {
        "enrolled": twofactor.has_confirmed_device(operator),
        "required": twofactor.required_for(operator),
    }
    return render(request, "accounts/security.html", context)


@require("view_console")
@require_POST
def two_factor_start(request):
    try:
        twofactor.two_factor_start(operator=request.user)
    except twofactor.TwoFactorError as exc:
        messages.error(request, str(exc))
        return redirect("accounts:security")
    return redirect("accounts:two_factor_enrol")


@require("view_console")
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_enrol(request):
    device = twofactor.pending_device(request.user)
    if device is None:
        return redirect("accounts:security")
    error = _submit_code(request, twofactor.two_factor_confirm)
    if error is None:
        messages.success(request, "Two-factor sign-in is on: sign-in will ask for a code from now on.")
        return redirect("accounts:security")
    context = {"error": error, **twofactor.enrolment_details(device)}
    return render(request, "accounts/two_factor_enrol.html", context, status=400 if error else 200)


@require("view_console")
@require_POST
def two_factor_disable(request):
    try:
        twofactor.two_factor_disable(request=request, code=request.POST.get("code", ""))
    except twofactor.TwoFactorError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Two-factor sign-in is off.")
    return redirect("accounts:security")


@require("view_console")
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        next_url = ""
    if request.user.is_verified() or not twofactor.has_confirmed_device(request.user):
        return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    error = _submit_code(request, twofactor.two_factor_verify)
    if error is None:
        return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    context = {"error": error, "next": next_url}
    return render(request, "accounts/two_factor_verify.html", context, status=400 if error else 200)


def _submit_code(request, step) -> str | None:
    """Runs a two-factor step with the posted code. None when the code was accepted; otherwise the
    message to show, empty on a GET (the page is shown for the first time)."""
    if request.method != "POST":
        return ""
    try:
        step(request=request, code=request.POST.get("code", ""))
    except twofactor.TwoFactorError as exc:
        return str(exc)
    return None
