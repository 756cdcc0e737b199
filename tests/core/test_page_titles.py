"""Pages of one pool carry the pool's name in the tab title (issue 12 item 13)."""

import re

import pytest
from django.urls import reverse


@pytest.mark.parametrize("name, extra", [("users:list", {}), ("groups:list", {}), ("jobs:import_upload", {})])
def test_it_puts_the_pool_name_in_the_title(admin_client, pool, name, extra):
    html = admin_client.get(reverse(name, kwargs={"pool_id": pool.id, **extra})).content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "Test pool" in title
