from django.urls import path

from console.users import views

app_name = "users"
urlpatterns = [
    path("", views.user_list, name="list"),
]
