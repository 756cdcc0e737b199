from django.shortcuts import render
from django.views.decorators.http import require_GET

from console.accounts.permissions import require
from console.cognito.groups import groups_list


@require_GET
@require("view_console")
def group_list(request, pool_id):
    request.session["pool_id"] = pool_id
    return render(request, "groups/list.html", {"pool_id": pool_id, "groups": groups_list(pool_id)})
