"""The pools list, the pool switcher and a pool's page; each resource's own pages live in
its package (settings/, attributes/, clients/, domains/)."""

import re

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from console.accounts.permissions import check_pool, has_perm, require
from console.cognito import clients as cognito_clients
from console.cognito import pools as cognito_pools
from console.cognito.errors import CognitoError
from console.cognito.groups import groups_list
from console.core.converters import PoolIdConverter
from console.pools.domains.forms import DomainForm
from console.pools.resource_servers.selectors import resource_servers_all
from console.pools.selectors import custom_domain_get, domain_get, mfa_state, pool_get, pools_overview


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
    pool = pool_get(pool_id)
    mfa, mfa_error = _optional(lambda: mfa_state(pool_id))
    domain, domain_error = _optional(lambda: domain_get(pool))
    custom_domain, custom_domain_error = _optional(lambda: custom_domain_get(pool))
    providers, providers_error = _optional(lambda: cognito_pools.identity_providers_list(pool_id))
    tags, tags_error = _optional(lambda: cognito_pools.pool_tags(pool_id, pool.arn))
    resource_servers, resource_servers_error = _optional(lambda: resource_servers_all(pool_id))
    context = {
        "pool_id": pool_id,
        "pool": pool,
        "mfa": mfa,
        "mfa_error": mfa_error,
        "clients": cognito_clients.clients_list(pool_id),
        "domain": domain,
        "domain_error": domain_error,
        "custom_domain": custom_domain,
        "custom_domain_error": custom_domain_error,
        "domain_form": DomainForm(),
        "groups": groups_list(pool_id),
        "providers": providers,
        "providers_error": providers_error,
        "tags": tags,
        "tags_error": tags_error,
        "resource_servers": resource_servers,
        "resource_servers_error": resource_servers_error,
        "can_manage": has_perm(request.user, "manage_pools"),
    }
    return render(request, "pools/detail.html", context)
