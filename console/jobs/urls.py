from django.urls import path

from console.core.routes import POOL, routes
from console.jobs import views, views_bulk

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("<int:job_id>/", views.job_detail, name="detail"),
    *routes("<int:job_id>/", cancel=views.job_cancel_view),
    *routes("<int:job_id>/{}.csv", results=views.job_results, failures=views.job_failures),
    path("import/" + POOL, views.import_upload, name="import_upload"),
    path("import/" + POOL + "template.csv", views.import_template, name="import_template"),
    path("import/check/<str:token>/", views.import_check_view, name="import_check"),
    path("import/check/<str:token>/errors.csv", views.import_errors_csv, name="import_errors"),
]
urlpatterns += [
    path("native/" + POOL, views.native_list, name="native_list"),
    path("native/" + POOL + "header.csv", views.native_header, name="native_header"),
    path("native/" + POOL + "<str:job_id>/stop/", views.native_stop, name="native_stop"),
]
urlpatterns += [
    path("bulk/" + POOL, views_bulk.bulk_choose, name="bulk_choose"),
    path("bulk/" + POOL + "confirm/", views_bulk.bulk_confirm, name="bulk_confirm"),
    path("bulk/" + POOL + "count/<str:token>/", views_bulk.bulk_count, name="bulk_count"),
    path("<int:job_id>/reverse/", views_bulk.bulk_reverse_view, name="bulk_reverse"),
    path("export/" + POOL, views_bulk.export_new, name="export_new"),
    path("<int:job_id>/export.csv", views_bulk.export_download, name="export_download"),
]
