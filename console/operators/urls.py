from django.urls import path

from console.core.routes import routes
from console.operators import views

app_name = "operators"
urlpatterns = [
    path("", views.operator_list, name="list"),
    path("new/", views.operator_new, name="new"),
    path("<int:operator_id>/", views.operator_edit, name="edit"),
    *routes("<int:operator_id>/", password=views.operator_password),
]
