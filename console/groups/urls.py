from django.urls import path

from console.core.routes import routes
from console.groups import views

# Group names may hold "/", "." and ".." (Cognito allows most punctuation): the name
# converter (core.converters) encodes them so the name stays one path segment.
app_name = "groups"
urlpatterns = [
    path("", views.group_list, name="list"),
    path("new/", views.group_new, name="new"),
    *routes(
        "{}/<name:group>/",
        edit=views.group_edit,
        delete=views.group_remove,
        count=views.group_count,
        members=views.group_members,
    ),
    *routes(
        "{}/<name:group>/", "member_{}", search=views.member_search, add=views.member_add, remove=views.member_remove
    ),
]
