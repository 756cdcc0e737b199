from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from console.accounts.permissions import require
from console.cognito.errors import CognitoError
from console.pools.changes import ChangeRefused
from console.pools.pages import form_saved
from console.pools.selectors import mfa_state, pool_get
from console.pools.settings import services
from console.pools.settings.forms import PoolCreateForm, PoolDeleteForm, PoolSettingsForm


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def pool_new(request):
    form = PoolCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            pool_id, warning = services.pool_create_from_form(
            operator=request.user,
                cleaned=form.cleaned_data, reason=form.cleaned_data["reason"]
            )
        except (CognitoError, ChangeRefused) as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Pool {form.cleaned_data['name']} created.")
            if warning:
                messages.warning(request, warning)
            return redirect("pools:detail", pool_id=pool_id)
    return render(request, "pools/form.html", {"form": form, "title": "Create a user pool", "submit": "Create pool"})


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def pool_edit(request, pool_id):
    pool = pool_get(pool_id, fresh=True)
    form = PoolSettingsForm(request.POST or None, pool=pool, mfa=mfa_state(pool_id))

    def save():
        d = form.cleaned_data
        return services.pool_settings_save(
            operator=request.user,
            pool_id=pool_id, cleaned=d, changed=set(form.changed_data), reason=d["reason"]
        )

    if request.method == "POST" and form.is_valid() and form_saved(request, form, save):
        return redirect("pools:detail", pool_id=pool_id)
    context = {"form": form, "pool_id": pool_id, "pool": pool, "title": "Edit settings", "submit": "Save settings"}
    return render(request, "pools/form.html", context)


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def pool_remove(request, pool_id):
    pool = pool_get(pool_id)
    form = PoolDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pool_delete(
            operator=request.user,
                pool_id=pool_id, confirm_name=form.cleaned_data["confirm_name"], reason=form.cleaned_data["reason"]
            )
        except (CognitoError, ChangeRefused) as exc:
            form.add_error(None, exc.message)
        else:
            if request.session.get("pool_id") == pool_id:
                del request.session["pool_id"]
            messages.success(request, f"Pool {pool.name or pool_id} deleted.")
            return redirect("pools:list")
    return render(request, "pools/delete.html", {"form": form, "pool_id": pool_id, "pool": pool})
