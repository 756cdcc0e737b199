from django.shortcuts import render
from django.views.decorators.http import require_GET

from console.accounts.permissions import require
from console.cognito.users import users_page


@require_GET
@require("view_console")
def user_list(request, pool_id):
    request.session["pool_id"] = pool_id
    users, next_token = users_page(pool_id, token=request.GET.get("page") or None)
    return render(request, "users/list.html", {"pool_id": pool_id, "users": users, "next_token": next_token})
