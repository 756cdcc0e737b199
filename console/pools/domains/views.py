from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from console.accounts.permissions import require
from console.cognito.errors import CognitoError
from console.pools.changes import ChangeRefused
from console.pools.domains import services
from console.pools.domains.forms import DomainForm


@require_POST
@require("manage_pools")
def domain_new(request, pool_id):
    form = DomainForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("pools:detail", pool_id=pool_id)
    try:
        d = form.cleaned_data
        services.domain_create(operator=request.user, pool_id=pool_id, prefix=d["prefix"], reason=d["reason"])
    except (CognitoError, ChangeRefused) as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Domain {form.cleaned_data['prefix']} created.")
    return redirect("pools:detail", pool_id=pool_id)


@require_POST
@require("manage_pools")
def domain_remove(request, pool_id):
    try:
        services.domain_delete(operator=request.user, pool_id=pool_id, reason=request.POST.get("reason", ""))
    except (CognitoError, ChangeRefused) as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Domain deleted.")
    return redirect("pools:detail", pool_id=pool_id)
