"""The URL convention helper (console/core/routes.py) and the paths it builds in the apps' urls.py."""

from django.urls import reverse

from console.core.routes import POOL, routes


def _table(patterns):
    return [(str(p.pattern), p.name, p.callback) for p in patterns]


def test_it_builds_one_path_per_verb_in_order():
    def edit(request): ...

    def delete(request): ...

    assert _table(routes("clients/<str:client_id>/", "client_{}", edit=edit, delete=delete)) == [
        ("clients/<str:client_id>/edit/", "client_edit", edit),
        ("clients/<str:client_id>/delete/", "client_delete", delete),
    ]
    assert _table(routes("{}/<name:group>/", "member_{}", add=edit)) == [("add/<name:group>/", "member_add", edit)]
    assert _table(routes("<int:job_id>/{}.csv", results=edit)) == [("<int:job_id>/results.csv", "results", edit)]
    assert POOL == "<pool:pool_id>/"


def test_the_apps_keep_their_paths():
    pool = "eu-west-1_abc"
    assert reverse("pools:edit", args=[pool]) == f"/pools/{pool}/edit/"
    assert reverse("pools:client_created", args=[pool, "c1"]) == f"/pools/{pool}/clients/c1/created/"
    assert reverse("pools:provider_delete", args=[pool, "Google"]) == f"/pools/{pool}/providers/Google/delete/"
    assert reverse("pools:provider", args=[pool, "Google"]) == f"/pools/{pool}/providers/Google/"
    assert reverse("pools:resource_server_edit", args=[pool, "api"]) == f"/pools/{pool}/resource-servers/api/edit/"
    assert reverse("groups:member_remove", args=[pool, "staff"]) == f"/pools/{pool}/groups/remove/staff/"
    assert reverse("groups:count", args=[pool, "staff"]) == f"/pools/{pool}/groups/count/staff/"
    assert reverse("jobs:failures", args=[7]) == "/jobs/7/failures.csv"
    assert reverse("jobs:cancel", args=[7]) == "/jobs/7/cancel/"
    assert reverse("jobs:import_upload", args=[pool]) == f"/jobs/import/{pool}/"
    assert reverse("operators:password", args=[3]) == "/operators/3/password/"
