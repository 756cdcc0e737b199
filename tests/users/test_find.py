"""Find in all pools: bounded, rate-limited, scoped to the pools the operator may see."""

import pytest
from django.urls import reverse

from console.cognito.client import cognito
from tests.fixtures.cognito import build_pool
from tests.fixtures.operators import make_operator, signed_in

pytestmark = pytest.mark.django_db


def find(client, term, **params):
    return client.get(reverse("finder:find"), {"q": term, **params})


def test_it_finds_a_user_by_email_across_pools(viewer_client, aws):
    one = build_pool(name="One", users=2)
    two = build_pool(name="Two", users=3)
    html = find(viewer_client, "user2@").content.decode()
    assert "Two" in html and two.users["user2@example.com"] in html
    assert one.users["user1@example.com"] not in html
    assert "Searched 2 pools by email" in html


def test_it_finds_by_username_and_phone(viewer_client, aws):
    c = cognito()
    pool_id = c.create_user_pool(PoolName="plain")["UserPool"]["Id"]
    c.admin_create_user(
        UserPoolId=pool_id,
        Username="carol",
        UserAttributes=[{"Name": "phone_number", "Value": "+15550001"}],
        MessageAction="SUPPRESS",
    )
    assert "carol" in find(viewer_client, "car").content.decode()
    assert "carol" in find(viewer_client, "+1555").content.decode()


def test_it_searches_only_pools_the_operator_may_see(aws, db):
    one = build_pool(name="One", users=1)
    two = build_pool(name="Two", users=1)
    client = signed_in(make_operator("lee", "helpdesk", pools=[one.id]))
    html = find(client, "user0@").content.decode()
    assert one.users["user0@example.com"] in html and two.users["user0@example.com"] not in html


def test_it_is_bounded(viewer_client, aws, settings):
    settings.CONSOLE_FIND_MAX_POOLS = 1
    settings.CONSOLE_FIND_MAX_RESULTS = 2
    build_pool(name="A", users=3)
    build_pool(name="B", users=3)
    html = find(viewer_client, "user", attr="email").content.decode()
    assert "Searched 1 pool " in html and "1 more pool not searched" in html
    assert html.count('<tr><td><a href=') == 2 and "more matches than shown" in html


def test_it_is_rate_limited_per_operator(viewer_client, helpdesk_client, aws, settings):
    settings.CONSOLE_FIND_PER_MINUTE = 2
    build_pool(name="A", users=1)
    assert find(viewer_client, "user").status_code == 200
    assert find(viewer_client, "user").status_code == 200
    response = find(viewer_client, "user")
    assert response.status_code == 429 and "times a minute" in response.content.decode()
    assert find(helpdesk_client, "user").status_code == 200


def test_it_takes_its_calls_from_the_shared_rate_budget(viewer_client, aws, monkeypatch):
    from console.cognito import limiter

    taken = []
    monkeypatch.setattr(limiter, "acquire", lambda operation, region, **kw: taken.append((operation, region)) or 0.0)
    build_pool(name="One", users=1)
    build_pool(name="Two", users=1)
    find(viewer_client, "user0@")
    assert taken == [("ListUsers", "us-east-1"), ("ListUsers", "us-east-1")]
