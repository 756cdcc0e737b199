"""The console's URL convention, written once: a thing's pages sit under one path, one per verb
(".../<id>/edit/", ".../<id>/delete/"), named after the thing and the verb ("client_edit").
urls.py files list their pages through routes() so a new resource's pages follow it too."""

from django.urls import path

# Every page about one pool starts with this (pools/<pool:pool_id>/...).
POOL = "<pool:pool_id>/"


def routes(pattern: str, name: str = "{}", **views) -> list:
    """One path() per keyword, in order; "{}" in the pattern and in the name is the keyword (the verb),
    and a pattern without "{}" is followed by "<verb>/". So routes("clients/<str:client_id>/", "client_{}",
    edit=v1, delete=v2) is [path("clients/<str:client_id>/edit/", v1, name="client_edit"), path(".../delete/",
    v2, name="client_delete")]."""
    if "{}" not in pattern:
        pattern += "{}/"
    return [path(pattern.format(verb), view, name=name.format(verb)) for verb, view in views.items()]
