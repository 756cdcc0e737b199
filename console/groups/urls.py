from django.urls import path

from console.groups import views

# Group names may hold "/" (Cognito allows most punctuation), so the name is
# always the last part of the address, matched with the path converter.
app_name = "groups"
urlpatterns = [
    path("", views.group_list, name="list"),
    path("new/", views.group_new, name="new"),
    path("edit/<path:group>/", views.group_edit, name="edit"),
    path("delete/<path:group>/", views.group_remove, name="delete"),
    path("count/<path:group>/", views.group_count, name="count"),
    path("members/<path:group>/", views.group_members, name="members"),
    path("search/<path:group>/", views.member_search, name="member_search"),
    path("add/<path:group>/", views.member_add, name="member_add"),
    path("remove/<path:group>/", views.member_remove, name="member_remove"),
]
