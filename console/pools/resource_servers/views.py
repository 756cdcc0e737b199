from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from console.accounts.permissions import require
from console.cognito.errors import CognitoError
from console.pools.changes import ChangeRefused
from console.pools.pages import form_saved
from console.pools.resource_servers import services
from console.pools.resource_servers.forms import ResourceServerForm
from console.pools.resource_servers.selectors import resource_server_get


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def resource_server_new(request, pool_id):
    form = ResourceServerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            server = services.resource_server_create(
                pool_id=pool_id,
                request=services.resource_server_request(form.cleaned_data),
                reason=form.cleaned_data["reason"],
            )
        except (CognitoError, ChangeRefused) as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Resource server {server.name} created.")
            return redirect("pools:detail", pool_id=pool_id)
    context = {"form": form, "pool_id": pool_id, "title": "Add a resource server", "submit": "Add resource server"}
    return render(request, "pools/form.html", context)


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def resource_server_edit(request, pool_id, identifier):
    server = resource_server_get(pool_id, identifier)
    form = ResourceServerForm(request.POST or None, server=server)

    def save():
        d = form.cleaned_data
        return services.resource_server_update(
            pool_id=pool_id, identifier=identifier, changes=services.resource_server_changes(d), reason=d["reason"]
        )

    if request.method == "POST" and form.is_valid() and form_saved(request, form, save):
        return redirect("pools:detail", pool_id=pool_id)
    context = {
        "form": form,
        "pool_id": pool_id,
        "title": f"Edit resource server {server.name}",
        "submit": "Save resource server",
    }
    return render(request, "pools/form.html", context)


@require_POST
@require("manage_pools")
def resource_server_remove(request, pool_id, identifier):
    try:
        services.resource_server_delete(pool_id=pool_id, identifier=identifier, reason=request.POST.get("reason", ""))
    except (CognitoError, ChangeRefused) as exc:
        messages.error(request, exc.message)
        return redirect("pools:detail", pool_id=pool_id)
    messages.success(request, "Resource server deleted. App clients lose its scopes.")
    return redirect("pools:detail", pool_id=pool_id)
