"""The users table: search as you type, filters, group members, pagination both ways,
one ListUsers call per page, and URLs that round-trip odd usernames."""

from html import unescape
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from console.cognito.client import cognito
from tests.users.helpers import HTMX

pytestmark = pytest.mark.django_db


def rows(response) -> int:
    return response.content.decode().count('<td class="user" data-label="User"><a href=')


def listing(client, pool_id, htmx=True, HTTP_HX_HISTORY_RESTORE_REQUEST=None, **params):
    headers = dict(HTMX if htmx else {})
    if HTTP_HX_HISTORY_RESTORE_REQUEST:
        headers["HTTP_HX_HISTORY_RESTORE_REQUEST"] = HTTP_HX_HISTORY_RESTORE_REQUEST
    return client.get(reverse("users:list", args=[pool_id]), params, **headers)


def test_it_lists_users_with_status_badges(viewer_client, pool):
    response = listing(viewer_client, pool.id, htmx=False)
    html = response.content.decode()
    assert response.status_code == 200
    assert "user3@example.com" in html and "Given3 Family3" in html
    assert "must change password" in html and "badge-ok" in html
    assert 'hx-push-url="true"' in html


def test_it_returns_only_the_table_to_htmx(viewer_client, pool):
    response = listing(viewer_client, pool.id, q="user1")
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"')
    assert "user1@example.com" in html and "user2@example.com" not in html


def test_it_searches_by_prefix_and_exact(viewer_client, pool):
    assert rows(listing(viewer_client, pool.id, q="user", attr="email")) == 5
    assert rows(listing(viewer_client, pool.id, q="user2@example.com", attr="email", match="exact")) == 1
    assert rows(listing(viewer_client, pool.id, q="user2", attr="email", match="exact")) == 0
    assert rows(listing(viewer_client, pool.id, q="Family4", attr="family_name")) == 1


def test_it_escapes_quotes_and_backslashes(viewer_client, pool, cognito_calls):
    c = cognito()
    c.admin_create_user(
        UserPoolId=pool.id,
        Username="odd@example.com",
        UserAttributes=[{"Name": "email", "Value": "odd@example.com"}, {"Name": "name", "Value": 'Dr "Q" \\o/'}],
        MessageAction="SUPPRESS",
    )
    seen = []
    c.meta.events.register(
        "provide-client-params.cognito-idp.ListUsers", lambda params, **kw: seen.append(params["Filter"])
    )
    response = listing(viewer_client, pool.id, q='Dr "Q" \\', attr="name")
    assert seen == ['name ^= "Dr \\"Q\\" \\\\"']
    assert response.status_code == 200


def test_it_explains_a_search_cognito_cannot_express(viewer_client, pool, cognito_calls):
    response = listing(viewer_client, pool.id, q="line\nbreak")
    assert "control characters" in response.content.decode()
    response = listing(viewer_client, pool.id, q="x", attr="custom:department")
    assert "custom attributes are not searchable" in response.content.decode()
    assert "ListUsers" not in cognito_calls


def test_it_filters_by_status_in_cognito_when_there_is_no_text(viewer_client, pool, cognito_calls):
    c = cognito()
    user = pool.users["user1@example.com"]
    c.admin_set_user_password(UserPoolId=pool.id, Username=user, Password="Perm-Passw0rd!", Permanent=True)
    seen = []
    c.meta.events.register(
        "provide-client-params.cognito-idp.ListUsers", lambda params, **kw: seen.append(params.get("Filter"))
    )
    response = listing(viewer_client, pool.id, status="CONFIRMED")
    assert rows(response) == 1 and "user1@example.com" in response.content.decode()
    assert seen == ['cognito:user_status = "CONFIRMED"']
    assert "alert-info" not in response.content.decode()


def test_it_filters_status_in_python_with_a_search_and_says_so(viewer_client, pool):
    c = cognito()
    c.admin_set_user_password(
        UserPoolId=pool.id, Username=pool.users["user1@example.com"], Password="Perm-Passw0rd!", Permanent=True
    )
    response = listing(viewer_client, pool.id, q="user", status="CONFIRMED")
    html = response.content.decode()
    assert rows(response) == 1
    assert "only one filter per request" in html


def test_it_filters_enabled(viewer_client, pool):
    cognito().admin_disable_user(UserPoolId=pool.id, Username=pool.users["user2@example.com"])
    response = listing(viewer_client, pool.id, enabled="no")
    assert rows(response) == 1 and "user2@example.com" in response.content.decode()
    assert rows(listing(viewer_client, pool.id, enabled="yes")) == 4
    assert rows(listing(viewer_client, pool.id, enabled="no", status="FORCE_CHANGE_PASSWORD")) == 1


def test_it_shows_the_members_of_a_group(viewer_client, pool):
    c = cognito()
    for email in ("user1@example.com", "user3@example.com"):
        c.admin_add_user_to_group(UserPoolId=pool.id, Username=pool.users[email], GroupName="staff")
    response = listing(viewer_client, pool.id, group="staff")
    html = response.content.decode()
    assert rows(response) == 2 and "user3@example.com" in html and "user2@example.com" not in html
    assert rows(listing(viewer_client, pool.id, group="staff", q="user3")) == 1


def test_it_pages_forward_and_back_with_one_list_call_per_page(viewer_client, pool, settings, cognito_calls):
    settings.CONSOLE_USERS_PAGE_SIZE = 2
    first = listing(viewer_client, pool.id, q="user")
    assert cognito_calls.count("ListUsers") == 1
    html = first.content.decode()
    next_url = html.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
    assert parse_qs(urlparse(next_url).query)["q"] == ["user"]
    second = viewer_client.get(reverse("users:list", args=[pool.id]) + next_url, **HTMX)
    third_url = second.content.decode().split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0]
    third = viewer_client.get(reverse("users:list", args=[pool.id]) + third_url.replace("&amp;", "&"), **HTMX)
    third_html = third.content.decode()
    assert "Page 3" in third_html and 'rel="next"' not in third_html
    assert len(parse_qs(urlparse(third_url.replace("&amp;", "&")).query)["t"]) == 2
    prev_url = third_html.split('rel="prev"')[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
    back = viewer_client.get(reverse("users:list", args=[pool.id]) + prev_url, **HTMX)
    assert "Page 2" in back.content.decode()
    assert back.content.decode().count("@example.com</td>") == second.content.decode().count("@example.com</td>")
    seen = set()
    for page in (first, second, third):
        seen |= {e for e in pool.users if e in page.content.decode()}
    assert seen == set(pool.users)
    assert cognito_calls.count("ListUsers") == 4
    assert "AdminGetUser" not in cognito_calls


def test_it_renders_the_full_page_for_a_bookmarked_url(viewer_client, pool):
    response = listing(viewer_client, pool.id, htmx=False, q="user4", attr="email")
    html = response.content.decode()
    assert "<html" in html and 'value="user4"' in html and rows(response) == 1
    assert '<option value="email" selected>' in html


def test_it_round_trips_odd_usernames(viewer_client, aws):
    c = cognito()
    pool_id = c.create_user_pool(PoolName="plain")["UserPool"]["Id"]
    odd = "o'd+d/us%er@x.y#?"
    c.admin_create_user(UserPoolId=pool_id, Username=odd, MessageAction="SUPPRESS")
    html = listing(viewer_client, pool_id, htmx=False).content.decode()
    link = unescape(html.split('<td class="user" data-label="User"><a href="')[1].split('"')[0])
    assert link == reverse("users:detail", args=[pool_id, odd])
    response = viewer_client.get(link)
    assert response.status_code == 200
    assert "o&#x27;d+d/us%er@x.y#?" in response.content.decode()


def test_it_refuses_an_operator_outside_the_pool(outsider_client, pool):
    assert listing(outsider_client, pool.id, htmx=False).status_code == 403


def test_it_escapes_cognito_values_in_the_table(viewer_client, pool):
    cognito().admin_update_user_attributes(
        UserPoolId=pool.id,
        Username=pool.users["user1@example.com"],
        UserAttributes=[{"Name": "name", "Value": "<b>Mallory</b>"}],
    )
    html = listing(viewer_client, pool.id, htmx=False).content.decode()
    assert "&lt;b&gt;Mallory&lt;/b&gt;" in html and "<b>Mallory</b>" not in html


def test_it_renders_the_full_page_for_an_htmx_history_restore(viewer_client, pool):
    response = listing(viewer_client, pool.id, q="user1", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in response.content.decode()
    assert response["Vary"] and "HX-Request" in response["Vary"]


def test_the_table_costs_no_more_queries_than_sign_in_needs(viewer_client, pool, django_assert_num_queries):
    """The session, the operator with its two-factor state, its role with the role's permissions:
    nothing per row, and no query per permission the page asks about (bench/users_bench.py
    measures the rest)."""
    listing(viewer_client, pool.id, htmx=False)  # warms the pool list and group caches
    with django_assert_num_queries(3):
        listing(viewer_client, pool.id, htmx=False)
    with django_assert_num_queries(3):
        listing(viewer_client, pool.id)


def test_a_partial_reads_nothing_for_the_layout_it_does_not_show(viewer_client, pool, monkeypatch):
    """The layout's values (pool switcher, backend badge, Redis banner) are looked up when a
    template uses them: a full page does, the htmx table does not."""
    import console.core.context_processors as layout

    looked_up = []
    for name in ("backend_describe", "redis_reachable"):
        real = getattr(layout, name)
        monkeypatch.setattr(layout, name, lambda real=real, name=name: looked_up.append(name) or real())
    listing(viewer_client, pool.id)
    assert looked_up == []
    html = listing(viewer_client, pool.id, htmx=False).content.decode()
    assert sorted(looked_up) == ["backend_describe", "redis_reachable"]
    assert "Test pool" in html  # the switcher and the breadcrumb still name the pool
