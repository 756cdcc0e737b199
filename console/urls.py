from django.urls import include, path, register_converter

from console.core.converters import NameConverter, PoolIdConverter

register_converter(PoolIdConverter, "pool")
register_converter(NameConverter, "name")

urlpatterns = [
    path("", include("console.core.urls")),
    path("accounts/", include("console.accounts.urls")),
    path("audit/", include("console.audit.urls")),
    path("operators/", include("console.operators.urls")),
    path("pools/", include("console.pools.urls")),
    path("quotas/", include("console.quotas.urls")),
    path("pools/<pool:pool_id>/users/", include("console.users.urls")),
    path("users/", include("console.users.urls_global")),
    path("pools/<pool:pool_id>/groups/", include("console.groups.urls")),
    path("jobs/", include("console.jobs.urls")),
]

handler403 = "console.core.views.permission_denied"
handler404 = "console.core.views.page_not_found"
handler500 = "console.core.views.server_error"
