from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from console.accounts.permissions import has_perm, require
from console.pools.clients import services
from console.pools.clients.forms import ClientForm
from console.pools.one_time import secret_keep, secret_take
from console.pools.resource_pages import delete_page, edit_page, form_page
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
    def create(d):
        client, secret = services.client_create(
            pool_id=pool_id, request=services.client_create_request(d), reason=d["reason"]
        )
        # Redirected, so refreshing the result cannot create a second client; the secret
        # waits (encrypted) in the session for the one page that shows it.
        secret_keep(request.session, name=client.id, secret=secret)
        return client

    return form_page(
        request,
        ClientForm(request.POST or None),
        save=create,
        done=lambda client: reverse("pools:client_created", args=[pool_id, client.id]),
        title="Create an app client",
        submit="Create app client",
        pool_id=pool_id,
    )


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
    return edit_page(
        request,
        form,
        save=lambda d: services.client_save(
            pool_id=pool_id, client_id=client_id, cleaned=d, changed=set(form.changed_data), reason=d["reason"]
        ),
        kind="app client",
        name=client.name,
        done=reverse("pools:client", args=[pool_id, client_id]),
        pool_id=pool_id,
    )


@require_POST
@require("manage_pools")
def client_remove(request, pool_id, client_id):
    return delete_page(
        request,
        lambda reason: services.client_delete(pool_id=pool_id, client_id=client_id, reason=reason),
        done=reverse("pools:detail", args=[pool_id]),
        failed=reverse("pools:client", args=[pool_id, client_id]),
        message="App client deleted.",
    )
