from functools import partial

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from console.accounts.permissions import has_perm, require
from console.cognito.errors import CognitoError
from console.pools.providers import services
from console.pools.providers.forms import FORMS
from console.pools.providers.selectors import provider_find, provider_get
from console.pools.resource_pages import action_page, edit_page, form_page
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
        "response_url": services.idp_response_url(pool_id, pool.domain, provider.type, custom_domain=pool.custom_domain)
        if pool.domain or pool.custom_domain
        else "",
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
    return form_page(
        request,
        form_class(request.POST or None, request.FILES or None, attributes=pool.attributes),
        save=lambda d: services.provider_create(
            operator=request.user,
            pool_id=pool_id, request=services.provider_create_request(cognito_type, d), reason=d["reason"]
        ),
        message=lambda provider: f"Identity provider {provider.name} created.",
        done=lambda provider: reverse("pools:provider", args=[pool_id, provider.name]),
        title=f"Add a {cognito_type} identity provider",
        submit="Add identity provider",
        pool_id=pool_id,
        pool=pool,
    )


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def provider_edit(request, pool_id, name):
    pool = pool_get(pool_id)
    provider = provider_get(pool_id, name)
    if provider.type not in KIND_OF_TYPE:
        messages.error(request, f"The console does not edit {provider.type} providers yet.")
        return redirect("pools:provider", pool_id=pool_id, name=name)
    cognito_type, form_class = FORMS[KIND_OF_TYPE[provider.type]]
    return edit_page(
        request,
        form_class(request.POST or None, request.FILES or None, attributes=pool.attributes, provider=provider),
        save=lambda d: services.provider_update(
            operator=request.user,
            pool_id=pool_id,
            name=name,
            changes=lambda described: services.provider_changes(cognito_type, d, described),
            reason=d["reason"],
        ),
        kind="identity provider",
        name=name,
        done=reverse("pools:provider", args=[pool_id, name]),
        pool_id=pool_id,
        pool=pool,
    )


@require_POST
@require("manage_pools")
def provider_remove(request, pool_id, name):
    message = f"Identity provider {name} deleted. App clients no longer offer it."
    delete = partial(services.provider_delete, operator=request.user, pool_id=pool_id, name=name)
    return action_page(request, delete, done=reverse("pools:detail", args=[pool_id]), message=message)


def _back_to_providers(request, pool_id: str, message: str):
    messages.error(request, message)
    return redirect(reverse("pools:detail", args=[pool_id]) + "#providers")


@require_GET
@require("view_console")
def provider_lookup(request, pool_id):
    """Find a provider by identifier (GetIdentityProviderByIdentifier): its page, or why not."""
    identifier = request.GET.get("identifier", "").strip()
    if not identifier:
        return _back_to_providers(request, pool_id, "Enter an identifier to look for, e.g. example.com.")
    try:
        provider = provider_find(pool_id, identifier)
    except CognitoError as exc:
        return _back_to_providers(request, pool_id, f"No identity provider for {identifier}: {exc.message}")
    return redirect("pools:provider", pool_id=pool_id, name=provider.name)


@require_GET
@require("view_console")
def provider_certificate(request, pool_id):
    """The pool's SAML signing certificate (GetSigningCertificate), as a .pem download."""
    try:
        response = HttpResponse(services.signing_certificate_pem(pool_id), content_type="application/x-pem-file")
    except CognitoError as exc:
        return _back_to_providers(request, pool_id, exc.message)
    response["Content-Disposition"] = f'attachment; filename="{pool_id}-signing.pem"'
    return response
