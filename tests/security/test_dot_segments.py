"""Names with "." and ".." path segments (issue 11, item 8). Browsers remove dot segments from a
URL before requesting it, so a link to user "evil/../victim" must not become a link to "victim",
and one to group "x/.." must not become the groups list. Every link and form of the users,
groups and members pages must reach, after a browser's normalisation, the object it was built for."""

import re
from html import unescape
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse

from console.cognito.client import cognito
from tests.fixtures.operators import signed_in

HOSTILE_NAMES = ["evil/../victim", "x/..", "x/.", "..", ".", "a/./b", "./a", "100%", "a%2Fb", "dot.name", "%2e%2e"]
_LINK = re.compile(r'(?:href|action|hx-get|hx-post)="([^"]+)"')


@pytest.fixture
def dotted_pool(aws):
    """A username pool (names are free text there) with a user and a group per hostile name, plus "victim"."""
    c = cognito()
    pool_id = c.create_user_pool(PoolName="Dots")["UserPool"]["Id"]
    for name in [*HOSTILE_NAMES, "victim"]:
        c.admin_create_user(UserPoolId=pool_id, Username=name, MessageAction="SUPPRESS",
                            UserAttributes=[{"Name": "email", "Value": "someone@example.com"}])
    for name in HOSTILE_NAMES:
        c.create_group(UserPoolId=pool_id, GroupName=name)
        c.admin_add_user_to_group(UserPoolId=pool_id, Username=name, GroupName=name)
    return pool_id


def _target(url: str):
    """(view name, kwargs) that a server receiving this path resolves it to, or None."""
    try:
        match = resolve(unquote(urlsplit(url).path))  # what the WSGI server decodes
    except Resolver404:
        return None
    return match.view_name, match.kwargs


def _broken_links(page_url: str, html: str) -> list[str]:
    broken = []
    for raw in _LINK.findall(html):
        href = unescape(raw)
        if href.startswith(("?", "/static/")) or not href.startswith("/"):
            continue
        built_for = _target(href)
        reached = _target(urljoin(f"http://testserver{page_url}", href))  # the browser's normalisation
        if built_for is None or reached != built_for:
            broken.append(f"{href} -> {reached}, built for {built_for}")
    return broken


def test_every_link_reaches_its_own_user_or_group(dotted_pool, alice):
    client = signed_in(alice)
    pages = [reverse("users:list", args=[dotted_pool]), reverse("groups:list", args=[dotted_pool])]
    pages += [reverse("users:detail", args=[dotted_pool, name]) for name in HOSTILE_NAMES]
    pages += [reverse("groups:members", args=[dotted_pool, name]) for name in HOSTILE_NAMES]
    problems = []
    for page in pages:
        response = client.get(page)
        if response.status_code != 200:
            problems.append(f"{page}: {response.status_code}")
            continue
        problems += [f"on {page}: {link}" for link in _broken_links(page, response.content.decode())]
    assert problems == []


def test_each_hostile_name_opens_its_own_page(dotted_pool, alice):
    client = signed_in(alice)
    for name in HOSTILE_NAMES:
        detail = client.get(reverse("users:detail", args=[dotted_pool, name]))
        assert detail.status_code == 200 and detail.context["u"].username == name, name
        members = client.get(reverse("groups:members", args=[dotted_pool, name]))
        assert members.status_code == 200 and members.context["group"] == name, name


def test_the_users_table_links_each_user_to_itself(dotted_pool, alice):
    page = reverse("users:list", args=[dotted_pool])
    html = signed_in(alice).get(page).content.decode()
    reached = [_target(urljoin(f"http://testserver{page}", unescape(h))) for h in _LINK.findall(html)]
    for name in HOSTILE_NAMES:
        assert ("users:detail", {"pool_id": dotted_pool, "username": name}) in reached, name
