from functools import partial

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from console.accounts.permissions import has_perm, require
from console.pools.clients import services
from console.pools.clients.forms import ClientForm
from console.pools.clients.selectors import client_choices, client_secrets, hosted_links
from console.pools.one_time import secret_keep, secret_take
from console.pools.resource_pages import action_page, edit_page, form_page
from console.pools.selectors import client_get, pool_get


def _detail(request, pool_id, client_id, **extra):
    pool, client = pool_get(pool_id), client_get(pool_id, client_id)
    secrets, secrets_error = client_secrets(client)
    context = {
        "pool_id": pool_id,
        "pool": pool,
        "client": client,
        "links": hosted_links(pool, client),
        "secrets": secrets,
        "secrets_error": secrets_error,
        "can_manage": has_perm(request.user, "manage_pools"),
        **extra,
    }
    return render(request, "pools/client_detail.html", context)


@require_GET
@require("view_console")
def client_detail(request, pool_id, client_id):
    return _detail(request, pool_id, client_id)


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def client_new(request, pool_id):
    def create(d):
        client, secret = services.client_create(
            operator=request.user,
            pool_id=pool_id, request=services.client_create_request(d), reason=d["reason"]
        )
        # Redirected, so refreshing the result cannot create a second client; the secret
        # waits (encrypted) in the session for the one page that shows it.
        secret_keep(request.session, name=client.id, secret=secret)
        return client

    return form_page(
        request,
        ClientForm(request.POST or None, choices=client_choices(pool_id)),
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
    """A secret just made (with the client, or added to rotate), shown this once; afterwards the
    plain client page. never_cache sends Cache-Control: no-store, so no browser or proxy keeps it."""
    secret = secret_take(request.session, name=client_id)
    if secret is None:
        messages.info(request, "A client secret is shown only once, right after it is made.")
        return redirect("pools:client", pool_id=pool_id, client_id=client_id)
    return _detail(request, pool_id, client_id, secret=secret, created=not request.GET.get("rotated"))


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def client_edit(request, pool_id, client_id):
    client = client_get(pool_id, client_id)
    form = ClientForm(request.POST or None, client=client, choices=client_choices(pool_id))
    return edit_page(
        request,
        form,
        save=lambda d: services.client_save(
            operator=request.user,
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
    return action_page(
        request,
        partial(services.client_delete, operator=request.user, pool_id=pool_id, client_id=client_id),
        done=reverse("pools:detail", args=[pool_id]),
        failed=reverse("pools:client", args=[pool_id, client_id]),
        message="App client deleted.",
    )


@require_POST
@require("manage_pools")
def client_secret_new(request, pool_id, client_id):
    """Rotation, step one: a second secret, shown once on the page this redirects to."""
    back = reverse("pools:client", args=[pool_id, client_id])

    def add(reason):
        secret = services.client_secret_add(operator=request.user, pool_id=pool_id, client_id=client_id, reason=reason)
        secret_keep(request.session, name=client_id, secret=secret)

    return action_page(
        request,
        add,
        done=f"{reverse('pools:client_created', args=[pool_id, client_id])}?rotated=1",
        failed=back,
        message="New client secret added. Move the app to it, then delete the old one.",
    )


@require_POST
@require("manage_pools")
def client_secret_remove(request, pool_id, client_id, secret_id):
    """Rotation, step two: delete the old secret once nothing uses it."""
    delete = partial(
        services.client_secret_delete, operator=request.user, pool_id=pool_id, client_id=client_id, secret_id=secret_id
    )
    back = reverse("pools:client", args=[pool_id, client_id])
    return action_page(request, delete, done=back, message="Client secret deleted.")
