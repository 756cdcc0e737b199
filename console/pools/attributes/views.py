from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from console.accounts.permissions import require
from console.cognito.errors import CognitoError
from console.pools.attributes.forms import CustomAttributeForm
from console.pools.attributes.services import custom_attribute_add
from console.pools.changes import ChangeRefused
from console.pools.selectors import pool_get


@require_http_methods(["GET", "POST"])
@require("manage_pools")
def pool_attribute_new(request, pool_id):
    pool = pool_get(pool_id)
    form = CustomAttributeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            custom_attribute_add(
                operator=request.user, pool_id=pool_id, cleaned=form.cleaned_data, reason=form.cleaned_data["reason"]
            )
        except (CognitoError, ChangeRefused) as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Custom attribute custom:{form.cleaned_data['name']} added.")
            return redirect("pools:detail", pool_id=pool_id)
    context = {
        "form": form,
        "pool_id": pool_id,
        "pool": pool,
        "title": "Add a custom attribute",
        "submit": "Add attribute",
        "warning": "Cognito cannot remove or rename a custom attribute once it is added. Check the name and type.",
    }
    return render(request, "pools/form.html", context)
