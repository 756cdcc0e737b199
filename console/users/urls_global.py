"""Users pages that are not about one pool."""

from django.urls import path

from console.users import views

app_name = "finder"
urlpatterns = [
    path("find/", views.user_find, name="find"),
]
