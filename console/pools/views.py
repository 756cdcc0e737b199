import re

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from console.accounts.permissions import check_pool, has_perm, require
from console.cognito import clients as cognito_clients
from console.cognito import pools as cognito_pools
from console.cognito.errors import CognitoError
from console.cognito.groups import groups_list
from console.core.converters import PoolIdConverter
from console.pools import client_services
from console.pools.forms import (
    ClientForm,
    CustomAttributeForm,
    DomainForm,
    PoolCreateForm,
    PoolDeleteForm,
    PoolSettingsForm,
)
from console.pools.one_time import secret_keep, secret_take
from console.pools.services import (
    ChangeRefused,
    mfa_state,
    pool_attribute_add,
    pool_create,
    pool_delete,
    pool_update,
    pools_overview,
    sign_in_identifiers,
)


@require_GET
@require("view_console")
def pool_list(request):
    pools = pools_overview(request.user, fresh="refresh" in request.GET)
    return render(request, "pools/list.html", {"pools": pools, "can_manage": has_perm(request.user, "manage_pools")})


@require_GET
@require("view_console")
def pool_switch(request):
    pool_id = request.GET.get("pool_id", "")
    if not pool_id:
        return redirect("pools:list")
    if not re.fullmatch(PoolIdConverter.regex, pool_id):
        messages.error(request, "That is not a user pool id (they look like eu-west-1_AbC123xyz). Choose a pool below.")
        return redirect("pools:list")
    check_pool(request.user, pool_id)
    request.session["pool_id"] = pool_id
    return redirect("users:list", pool_id=pool_id)


def _optional(read):
    """Run a read the backend may not offer: (value, None) or (None, why not)."""
    try:
        return read(), None
    except CognitoError as exc:
        if exc.unsupported:
            return None, "Not available on this backend."
        return None, exc.message


@require_GET
@require("view_console")
def pool_detail(request, pool_id):
    request.session["pool_id"] = pool_id
    pool = cognito_pools.pool_describe(pool_id)
    mfa, mfa_error = _optional(lambda: mfa_state(pool_id, pool))
    domain, domain_error = _optional(lambda: client_services.domain_of(pool_id, pool))
    providers, providers_error = _optional(lambda: cognito_pools.identity_providers_list(pool_id))
    tags, tags_error = _optional(lambda: cognito_pools.pool_tags(pool_id, pool.get("Arn", "")))
    schema = pool.get("SchemaAttributes") or []
    context = {
        "pool_id": pool_id,
        "pool": pool,
        "sign_in": sign_in_identifiers(pool),
        "case_sensitive": (pool.get("UsernameConfiguration") or {}).get("CaseSensitive"),
        "password_policy": (pool.get("Policies") or {}).get("PasswordPolicy") or {},
        "self_signup": not (pool.get("AdminCreateUserConfig") or {}).get("AllowAdminCreateUserOnly", False),
        "email": pool.get("EmailConfiguration") or {},
        "mfa": mfa,
        "mfa_error": mfa_error,
        "standard_attributes": [a for a in schema if not a["Name"].startswith("custom:")],
        "custom_attributes": [a for a in schema if a["Name"].startswith("custom:")],
        "clients": cognito_clients.clients_list(pool_id),
        "domain": domain,
        "domain_error": domain_error,
        "domain_form": DomainForm(),
        "groups": groups_list(pool_id),
        "providers": providers,
        "providers_error": providers_error,
        "tags": tags,
        "tags_error": tags_error,
        "can_manage": has_perm(request.user, "manage_pools"),
    }
    return render(request, "pools/detail.html", context)


def _refused(request, exc) -> None:
    messages.error(request, exc.message)


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def pool_new(request):
    form = PoolCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        region, create_request, mfa = form.to_request()
        try:
            pool_id, warning = pool_create(
                region=region, request=create_request, mfa=mfa, reason=form.cleaned_data["reason"]
            )
        except (CognitoError, ChangeRefused) as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Pool {create_request['PoolName']} created.")
            if warning:
                messages.warning(request, warning)
            return redirect("pools:detail", pool_id=pool_id)
    return render(request, "pools/form.html", {"form": form, "title": "Create a user pool", "submit": "Create pool"})


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def pool_edit(request, pool_id):
    described = cognito_pools.pool_describe(pool_id)
    form = PoolSettingsForm(request.POST or None, described=described, mfa=mfa_state(pool_id, described))
    if request.method == "POST" and form.is_valid():
        changes, mfa = form.to_changes()
        try:
            diff = pool_update(pool_id=pool_id, changes=changes, mfa=mfa, reason=form.cleaned_data["reason"])
        except (CognitoError, ChangeRefused) as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Saved {len(diff)} change(s)." if diff else "Nothing changed.")
            return redirect("pools:detail", pool_id=pool_id)
    context = {"form": form, "pool_id": pool_id, "pool": described, "title": "Edit settings", "submit": "Save settings"}
    return render(request, "pools/form.html", context)


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def pool_attribute_new(request, pool_id):
    described = cognito_pools.pool_describe(pool_id)
    form = CustomAttributeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            pool_attribute_add(pool_id=pool_id, attribute=form.to_attribute(), reason=form.cleaned_data["reason"])
        except (CognitoError, ChangeRefused) as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Custom attribute custom:{form.cleaned_data['name']} added.")
            return redirect("pools:detail", pool_id=pool_id)
    context = {
        "form": form,
        "pool_id": pool_id,
        "pool": described,
        "title": "Add a custom attribute",
        "submit": "Add attribute",
        "warning": "Cognito cannot remove or rename a custom attribute once it is added. Check the name and type.",
    }
    return render(request, "pools/form.html", context)


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def pool_remove(request, pool_id):
    described = cognito_pools.pool_describe(pool_id)
    form = PoolDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            pool_delete(
                pool_id=pool_id, confirm_name=form.cleaned_data["confirm_name"], reason=form.cleaned_data["reason"]
            )
        except (CognitoError, ChangeRefused) as exc:
            form.add_error(None, exc.message)
        else:
            if request.session.get("pool_id") == pool_id:
                del request.session["pool_id"]
            messages.success(request, f"Pool {described.get('Name', pool_id)} deleted.")
            return redirect("pools:list")
    protected = described.get("DeletionProtection") == "ACTIVE"
    return render(
        request, "pools/delete.html", {"form": form, "pool_id": pool_id, "pool": described, "protected": protected}
    )


# --- App clients --------------------------------------------------------------------


@require_GET
@require("view_console")
def client_detail(request, pool_id, client_id):
    client = cognito_clients.client_describe(pool_id, client_id)
    context = {"pool_id": pool_id, "client": client, "can_manage": has_perm(request.user, "manage_pools")}
    return render(request, "pools/client_detail.html", context)


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def client_new(request, pool_id):
    form = ClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            client, secret = client_services.client_create(
                pool_id=pool_id, request=form.to_request(), reason=form.cleaned_data["reason"]
            )
        except (CognitoError, ChangeRefused) as exc:
            form.add_error(None, exc.message)
        else:
            # Redirected, so refreshing the result cannot create a second client; the secret
            # waits (encrypted) in the session for the one page that shows it.
            secret_keep(request.session, name=client["ClientId"], secret=secret)
            return redirect("pools:client_created", pool_id=pool_id, client_id=client["ClientId"])
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
    client = cognito_clients.client_describe(pool_id, client_id)
    context = {"pool_id": pool_id, "client": client, "secret": secret, "can_manage": True, "created": True}
    # never_cache sends Cache-Control: no-store: the secret must not sit in a browser or proxy cache.
    return render(request, "pools/client_detail.html", context)


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def client_edit(request, pool_id, client_id):
    described = cognito_clients.client_describe(pool_id, client_id)
    form = ClientForm(request.POST or None, described=described)
    if request.method == "POST" and form.is_valid():
        try:
            diff = client_services.client_update(
                pool_id=pool_id, client_id=client_id, changes=form.to_changes(), reason=form.cleaned_data["reason"]
            )
        except (CognitoError, ChangeRefused) as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Saved {len(diff)} change(s)." if diff else "Nothing changed.")
            return redirect("pools:client", pool_id=pool_id, client_id=client_id)
    context = {
        "form": form,
        "pool_id": pool_id,
        "title": f"Edit app client {described.get('ClientName', '')}",
        "submit": "Save app client",
    }
    return render(request, "pools/form.html", context)


@require_POST
@require("manage_pools")
def client_remove(request, pool_id, client_id):
    try:
        client_services.client_delete(pool_id=pool_id, client_id=client_id, reason=request.POST.get("reason", ""))
    except (CognitoError, ChangeRefused) as exc:
        _refused(request, exc)
        return redirect("pools:client", pool_id=pool_id, client_id=client_id)
    messages.success(request, "App client deleted.")
    return redirect("pools:detail", pool_id=pool_id)


# --- Domain -------------------------------------------------------------------------


@require_POST
@require("manage_pools")
def domain_new(request, pool_id):
    form = DomainForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("pools:detail", pool_id=pool_id)
    try:
        client_services.domain_create(
            pool_id=pool_id, prefix=form.cleaned_data["prefix"], reason=form.cleaned_data["reason"]
        )
    except (CognitoError, ChangeRefused) as exc:
        _refused(request, exc)
    else:
        messages.success(request, f"Domain {form.cleaned_data['prefix']} created.")
    return redirect("pools:detail", pool_id=pool_id)


@require_POST
@require("manage_pools")
def domain_remove(request, pool_id):
    try:
        client_services.domain_delete(pool_id=pool_id, reason=request.POST.get("reason", ""))
    except (CognitoError, ChangeRefused) as exc:
        _refused(request, exc)
    else:
        messages.success(request, "Domain deleted.")
    return redirect("pools:detail", pool_id=pool_id)
