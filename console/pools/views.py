from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from console.accounts.permissions import check_pool, require
from console.cognito.pools import pool_describe
from console.pools.services import pools_visible


@require_GET
@require("view_console")
def pool_list(request):
    pools = pools_visible(request.user, fresh="refresh" in request.GET)
    return render(request, "pools/list.html", {"pools": pools})


@require_GET
@require("view_console")
def pool_switch(request):
    pool_id = request.GET.get("pool_id", "")
    if not pool_id:
        return redirect("pools:list")
    check_pool(request.user, pool_id)
    request.session["pool_id"] = pool_id
    return redirect("users:list", pool_id=pool_id)


@require_GET
@require("view_console")
def pool_detail(request, pool_id):
    request.session["pool_id"] = pool_id
    pool = pool_describe(pool_id)
    return render(request, "pools/detail.html", {"pool": pool, "pool_id": pool_id})
