import json

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from console.accounts.permissions import require
from console.accounts.policy import ReasonMissing
from console.cognito import branding
from console.cognito.errors import CognitoError
from console.pools.branding import managed, services
from console.pools.branding.forms import UICustomizationForm
from console.pools.branding.managed_forms import ManagedLoginForm
from console.pools.changes import ChangeRefused
from console.pools.pages import edit_page
from console.pools.selectors import client_get, pool_get


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def hosted_ui_edit(request, pool_id, client_id=""):
    client = client_get(pool_id, client_id) if client_id else None
    current, warning = {}, ""
    try:
        current = branding.ui_customization_get(pool_id, client_id or branding.POOL_WIDE)
    except CognitoError as exc:  # shown, and saving fails the same way with Cognito's message
        warning = f"The current look could not be read: {exc.message}"
    own = not client_id or current.get("ClientId") == client_id
    form = UICustomizationForm(request.POST or None, request.FILES or None,
                               initial={"css": current.get("CSS") or ""})

    def save():
        d = form.cleaned_data
        return services.ui_customization_save(operator=request.user, pool_id=pool_id, client_id=client_id,
                                              css=d["css"], logo=d["logo"], reason=d["reason"])

    done = reverse("pools:client", args=[pool_id, client_id]) if client else ""
    title = f"Hosted UI look: {client.name}" if client else "Hosted UI look (all app clients)"
    return edit_page(request, form, save, pool=pool_get(pool_id), title=title, done=done,
                     template="pools/branding/hosted_ui.html", current=current, own=own, client=client,
                     warning=warning)


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def managed_login_edit(request, pool_id, client_id):
    client = client_get(pool_id, client_id)
    current, warning = {}, ""
    try:
        current = branding.managed_branding_get(pool_id, client_id)
    except CognitoError as exc:
        warning = f"The current branding could not be read: {exc.message}"
    settings = current.get("Settings")
    initial = {"use_cognito": bool(current.get("UseCognitoProvidedValues")),
               "settings": json.dumps(settings, indent=2) if settings else ""}
    form = ManagedLoginForm(request.POST or None, request.FILES or None, initial=initial)

    def save():
        d = form.cleaned_data
        asset = d["asset"] and {**d["asset"], "Category": d["asset_category"], "ColorMode": d["asset_color_mode"]}
        return managed.managed_login_save(operator=request.user, pool_id=pool_id, client_id=client_id,
                                          use_cognito=d["use_cognito"], settings=d["settings"], asset=asset,
                                          reason=d["reason"])

    return edit_page(request, form, save, pool=pool_get(pool_id), title=f"Managed login branding: {client.name}",
                     done=request.path, template="pools/branding/managed_login.html", client=client,
                     current=current, assets=managed.assets_summary(current.get("Assets") or []), warning=warning)


@require_POST
@require("manage_pools")
def managed_login_remove(request, pool_id, client_id):
    try:
        managed.managed_login_delete(operator=request.user, pool_id=pool_id, client_id=client_id,
                                     reason=request.POST.get("reason", ""))
    except (CognitoError, ChangeRefused) as exc:
        messages.error(request, exc.message)
    except ReasonMissing as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Branding deleted: the app client shows Cognito's default look.")
    return redirect("pools:managed_login", pool_id=pool_id, client_id=client_id)
