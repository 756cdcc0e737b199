"""Breadcrumbs name the pool (from the switcher list the layout already has), escaped."""

import re

import pytest
from django.urls import reverse

from tests.fixtures.cognito import build_pool

pytestmark = pytest.mark.django_db


def crumb(html: str) -> str:
    return re.search(r'<p class="muted">(.*?)</p>', html, re.S).group(1)


@pytest.mark.parametrize("url_name", ["users:list", "groups:list", "jobs:import_upload"])
def test_the_breadcrumb_shows_the_pools_name_and_keeps_its_id_in_the_link(admin_client, aws, url_name):
    pool = build_pool(name="Staff & partners", users=1)
    html = admin_client.get(reverse(url_name, args=[pool.id])).content.decode()
    assert "Staff &amp; partners" in crumb(html)
    assert reverse("pools:detail", args=[pool.id]) in crumb(html) and f'title="{pool.id}"' in crumb(html)


def test_a_hostile_pool_name_is_escaped_in_the_breadcrumb(admin_client, aws):
    pool = build_pool(name="<img src=x onerror=alert(1)>", users=1)
    html = admin_client.get(reverse("users:list", args=[pool.id])).content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;" in crumb(html) and "<img" not in crumb(html)
