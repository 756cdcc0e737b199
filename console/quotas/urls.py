from django.urls import path

from console.quotas import views

app_name = "quotas"
urlpatterns = [path("", views.quota_list, name="list")]
