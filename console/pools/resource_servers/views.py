from functools import partial

from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from console.accounts.permissions import require
from console.pools.resource_pages import action_page, edit_page, form_page
from console.pools.resource_servers import services
from console.pools.resource_servers.forms import ResourceServerForm
from console.pools.resource_servers.selectors import resource_server_get


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def resource_server_new(request, pool_id):
    return form_page(
        request,
        ResourceServerForm(request.POST or None),
        save=lambda d: services.resource_server_create(
            operator=request.user,
            pool_id=pool_id, request=services.resource_server_request(d), reason=d["reason"]
        ),
        message=lambda server: f"Resource server {server.name} created.",
        done=lambda server: reverse("pools:detail", args=[pool_id]),
        title="Add a resource server",
        submit="Add resource server",
        pool_id=pool_id,
    )


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def resource_server_edit(request, pool_id, identifier):
    server = resource_server_get(pool_id, identifier)
    return edit_page(
        request,
        ResourceServerForm(request.POST or None, server=server),
        save=lambda d: services.resource_server_update(
            operator=request.user,
            pool_id=pool_id, identifier=identifier, changes=services.resource_server_changes(d), reason=d["reason"]
        ),
        kind="resource server",
        name=server.name,
        done=reverse("pools:detail", args=[pool_id]),
        pool_id=pool_id,
    )


@require_POST
@require("manage_pools")
def resource_server_remove(request, pool_id, identifier):
    delete = partial(services.resource_server_delete, operator=request.user, pool_id=pool_id, identifier=identifier)
    done = reverse("pools:detail", args=[pool_id])
    return action_page(request, delete, done=done, message="Resource server deleted. App clients lose its scopes.")
