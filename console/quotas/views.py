"""Cognito's request-rate quotas and the console's budget from each (admins only)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from console.accounts.permissions import require
from console.cognito import client, quotas


@require_GET
@require("manage_operators")
def quota_list(request):
    region = client.default_region()
    account = client.account_quotas(region)
    return render(request, "quotas/list.html", {
        "rows": quotas.budget_rows(account), "region": region, "share": quotas.share(), "read": bool(account),
    })
