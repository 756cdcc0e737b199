from django.urls import reverse
from django.views.decorators.http import require_http_methods

from console.accounts.permissions import require
from console.cognito import branding
from console.cognito.errors import CognitoError
from console.pools.branding import services
from console.pools.branding.forms import UICustomizationForm
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
