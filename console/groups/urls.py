from django.urls import path

from console.groups import views

app_name = "groups"
urlpatterns = [
    path("", views.group_list, name="list"),
]
