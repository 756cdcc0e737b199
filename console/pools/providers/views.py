from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from console.accounts.permissions import has_perm, require
from console.cognito.errors import CognitoError
from console.pools.changes import ChangeRefused
from console.pools.pages import form_saved
from console.pools.providers import services
from console.pools.providers.forms import FORMS
from console.pools.providers.selectors import provider_get
from console.pools.selectors import pool_get

KIND_OF_TYPE = {cognito_type: kind for kind, (cognito_type, _) in FORMS.items()}


@require_GET
@require("view_console")
def provider_detail(request, pool_id, name):
    pool = pool_get(pool_id)
    provider = provider_get(pool_id, name)
    context = {
        "pool_id": pool_id,
        "pool": pool,
        "provider": provider,
        "editable": provider.type in KIND_OF_TYPE,
        "entity_id": services.sp_entity_id(pool_id),
        "response_url": services.idp_response_url(pool_id, pool.domain, provider.type) if pool.domain else "",
        "can_manage": has_perm(request.user, "manage_pools"),
    }
    return render(request, "pools/provider_detail.html", context)


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def provider_new(request, pool_id, kind):
    if kind not in FORMS:
        raise Http404("No such kind of identity provider.")
    cognito_type, form_class = FORMS[kind]
    pool = pool_get(pool_id)
    form = form_class(request.POST or None, request.FILES or None, attributes=pool.attributes)
    if request.method == "POST" and form.is_valid():
        try:
            provider = services.provider_create(
                pool_id=pool_id,
                request=services.provider_create_request(cognito_type, form.cleaned_data),
                reason=form.cleaned_data["reason"],
            )
        except (CognitoError, ChangeRefused) as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Identity provider {provider.name} created.")
            return redirect("pools:provider", pool_id=pool_id, name=provider.name)
    context = {
        "form": form,
        "pool_id": pool_id,
        "pool": pool,
        "title": f"Add a {cognito_type} identity provider",
        "submit": "Add identity provider",
    }
    return render(request, "pools/form.html", context)


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def provider_edit(request, pool_id, name):
    pool = pool_get(pool_id)
    provider = provider_get(pool_id, name)
    if provider.type not in KIND_OF_TYPE:
        messages.error(request, f"The console does not edit {provider.type} providers yet.")
        return redirect("pools:provider", pool_id=pool_id, name=name)
    cognito_type, form_class = FORMS[KIND_OF_TYPE[provider.type]]
    form = form_class(request.POST or None, request.FILES or None, attributes=pool.attributes, provider=provider)

    def save():
        d = form.cleaned_data
        return services.provider_update(
            pool_id=pool_id,
            name=name,
            changes=lambda described: services.provider_changes(cognito_type, d, described),
            reason=d["reason"],
        )

    if request.method == "POST" and form.is_valid() and form_saved(request, form, save):
        return redirect("pools:provider", pool_id=pool_id, name=name)
    context = {
        "form": form,
        "pool_id": pool_id,
        "pool": pool,
        "title": f"Edit identity provider {name}",
        "submit": "Save identity provider",
    }
    return render(request, "pools/form.html", context)


@require_POST
@require("manage_pools")
def provider_remove(request, pool_id, name):
    try:
        services.provider_delete(pool_id=pool_id, name=name, reason=request.POST.get("reason", ""))
    except (CognitoError, ChangeRefused) as exc:
        messages.error(request, exc.message)
        return redirect("pools:detail", pool_id=pool_id)
    messages.success(request, f"Identity provider {name} deleted. App clients no longer offer it.")
    return redirect("pools:detail", pool_id=pool_id)
