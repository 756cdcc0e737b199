from django.urls import path

from console.groups import views

# Group names may hold "/", "." and ".." (Cognito allows most punctuation): the name
# converter (core.converters) encodes them so the name stays one path segment.
app_name = "groups"
urlpatterns = [
    path("", views.group_list, name="list"),
    path("new/", views.group_new, name="new"),
    path("edit/<name:group>/", views.group_edit, name="edit"),
    path("delete/<name:group>/", views.group_remove, name="delete"),
    path("count/<name:group>/", views.group_count, name="count"),
    path("members/<name:group>/", views.group_members, name="members"),
    path("search/<name:group>/", views.member_search, name="member_search"),
    path("add/<name:group>/", views.member_add, name="member_add"),
    path("remove/<name:group>/", views.member_remove, name="member_remove"),
]
