from django.urls import path

from console.pools import views

app_name = "pools"
urlpatterns = [
    path("", views.pool_list, name="list"),
    path("switch/", views.pool_switch, name="switch"),
    path("<pool:pool_id>/", views.pool_detail, name="detail"),
]
