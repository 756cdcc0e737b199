from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from console.accounts.permissions import has_perm, require
from console.cognito.errors import CognitoError
from console.pools.changes import ChangeRefused
from console.pools.clients import services
from console.pools.clients.forms import ClientForm
from console.pools.one_time import secret_keep, secret_take
from console.pools.pages import form_saved
from console.pools.selectors import client_get


@require_GET
@require("view_console")
def client_detail(request, pool_id, client_id):
    client = client_get(pool_id, client_id)
    context = {"pool_id": pool_id, "client": client, "can_manage": has_perm(request.user, "manage_pools")}
    return render(request, "pools/client_detail.html", context)


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def client_new(request, pool_id):
    form = ClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            client, secret = services.client_create(
                pool_id=pool_id,
                request=services.client_create_request(form.cleaned_data),
                reason=form.cleaned_data["reason"],
            )
        except (CognitoError, ChangeRefused) as exc:
            form.add_error(None, exc.message)
        else:
            # Redirected, so refreshing the result cannot create a second client; the secret
            # waits (encrypted) in the session for the one page that shows it.
            secret_keep(request.session, name=client.id, secret=secret)
            return redirect("pools:client_created", pool_id=pool_id, client_id=client.id)
    context = {"form": form, "pool_id": pool_id, "title": "Create an app client", "submit": "Create app client"}
    return render(request, "pools/form.html", context)


@require_GET
@never_cache
@require("manage_pools")
def client_created(request, pool_id, client_id):
    """The new client, with its secret this once; afterwards the plain client page."""
    secret = secret_take(request.session, name=client_id)
    if secret is None:
        messages.info(request, "A client secret is shown only once, right after the client is created.")
        return redirect("pools:client", pool_id=pool_id, client_id=client_id)
    client = client_get(pool_id, client_id)
    context = {"pool_id": pool_id, "client": client, "secret": secret, "can_manage": True, "created": True}
    # never_cache sends Cache-Control: no-store: the secret must not sit in a browser or proxy cache.
    return render(request, "pools/client_detail.html", context)


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def client_edit(request, pool_id, client_id):
    client = client_get(pool_id, client_id)
    form = ClientForm(request.POST or None, client=client)

    def save():
        d = form.cleaned_data
        return services.client_save(
            pool_id=pool_id, client_id=client_id, cleaned=d, changed=set(form.changed_data), reason=d["reason"]
        )

    if request.method == "POST" and form.is_valid() and form_saved(request, form, save):
        return redirect("pools:client", pool_id=pool_id, client_id=client_id)
    context = {
        "form": form,
        "pool_id": pool_id,
        "title": f"Edit app client {client.name}",
        "submit": "Save app client",
    }
    return render(request, "pools/form.html", context)


@require_POST
@require("manage_pools")
def client_remove(request, pool_id, client_id):
    try:
        services.client_delete(pool_id=pool_id, client_id=client_id, reason=request.POST.get("reason", ""))
    except (CognitoError, ChangeRefused) as exc:
        messages.error(request, exc.message)
        return redirect("pools:client", pool_id=pool_id, client_id=client_id)
    messages.success(request, "App client deleted.")
    return redirect("pools:detail", pool_id=pool_id)
