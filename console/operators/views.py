from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from console.accounts.permissions import require
from console.accounts.services import generate_password, operator_create
from console.operators.forms import OperatorCreateForm, OperatorEditForm
from console.operators.services import OperatorChangeRefused, operator_reset_password, operator_update


@require_GET
@require("manage_operators")
def operator_list(request):
    operators = get_user_model().objects.order_by("username").prefetch_related("groups")
    return render(request, "operators/list.html", {"operators": operators})


@never_cache
@require_http_methods(["GET", "POST"])
@require("manage_operators")
def operator_new(request):
    form = OperatorCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        password = generate_password()
        data = form.cleaned_data
        operator = operator_create(username=data["username"], email=data["email"], role=data["role"],
                                   pools=data["pools"], password=password, created_by=request.user)
        return render(request, "operators/password.html", {"subject": operator, "password": password})
    return render(request, "operators/form.html", {"form": form, "creating": True})


@require_http_methods(["GET", "POST"])
@require("manage_operators")
def operator_edit(request, operator_id):
    operator = get_object_or_404(get_user_model(), pk=operator_id)
    initial = {"role": operator.role, "pools": operator.allowed_pools, "is_active": operator.is_active}
    form = OperatorEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changes = operator_update(operator=operator, role=data["role"], pools=data["pools"],
                                      is_active=data["is_active"], changed_by=request.user)
        except OperatorChangeRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Saved {operator.username}." if changes else "Nothing changed.")
            return redirect("operators:list")
    return render(request, "operators/form.html", {"form": form, "subject": operator})


@never_cache
@require_POST
@require("manage_operators")
def operator_password(request, operator_id):
    operator = get_object_or_404(get_user_model(), pk=operator_id)
    password = operator_reset_password(operator=operator, changed_by=request.user)
    return render(request, "operators/password.html", {"subject": operator, "password": password})
