from django.urls import path

from console.users import views, views_devices, views_events

app_name = "users"
urlpatterns = [
    path("", views.user_list, name="list"),
    path("new/", views.user_create, name="create"),
    # Actions are POSTs naming the user in the form, so any username works.
    path("act/<slug:action>/", views.user_action, name="action"),
    # The username last: the name converter takes everything to the end.
    path("device/<str:device_key>/<name:username>", views_devices.device_detail, name="device"),
    path("events/<name:username>", views_events.user_events, name="events"),
    # Cognito usernames may hold @ + . and even / or ..: the name converter (core.converters) keeps them whole.
    path("u/<name:username>", views.user_detail, name="detail"),
]
