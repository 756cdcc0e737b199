"""The limiter hook: every Cognito call made inside limited_calls() takes one token in its
operation's quota category, whatever gateway function makes it; calls outside take none."""

import pytest

from console.cognito import limiter
from console.cognito.client import limited_calls
from console.groups import selectors as group_selectors
from console.jobs.bulk import ACTIONS
from console.users import services as user_services
from tests.fixtures.cognito import build_pool

pytestmark = pytest.mark.django_db


@pytest.fixture
def taken(monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(limiter, "acquire", lambda operation, region, **kw: calls.append(operation) or 0.0)
    return calls


def test_it_charges_both_calls_of_a_disable(aws, taken):
    pool = build_pool(users=1)
    with limited_calls():
        user_services.user_disable(pool_id=pool.id, username=pool.users["user0@example.com"], reason="r")
    assert taken == ["AdminDisableUser", "AdminUserGlobalSignOut"]
    assert [limiter.limit_for(op).category for op in taken] == ["UserUpdate", "UserUpdate"]


def test_it_charges_nothing_outside_a_job_or_loop(aws, taken):
    pool = build_pool(users=1)
    user_services.user_disable(pool_id=pool.id, username=pool.users["user0@example.com"], reason="r")
    assert taken == []


def test_a_bulk_resend_invitation_charges_its_pool_read(aws, taken):
    pool = build_pool(users=1)
    with limited_calls():
        ACTIONS["resend_invitation"].run(pool_id=pool.id, username=pool.users["user0@example.com"], reason="r")
    assert "DescribeUserPool" in taken and "AdminGetUser" in taken


def test_the_group_member_count_is_limited_and_cached(aws, taken, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    pool = build_pool(users=3)
    assert group_selectors.group_member_count(pool.id, "staff") == 0
    assert group_selectors.group_member_count(pool.id, "staff") == 0
    assert taken == ["ListUsersInGroup"]  # the second count came from the cache


def test_a_membership_change_forgets_the_cached_count(aws, taken):
    from console.groups.services import membership_add

    pool = build_pool(users=1)
    assert group_selectors.group_member_count(pool.id, "staff") == 0
    membership_add(pool_id=pool.id, group="staff", username=pool.users["user0@example.com"])
    assert group_selectors.group_member_count(pool.id, "staff") == 1


def test_it_charges_every_operation_in_a_known_category():
    # An operation missing from CATEGORIES would be charged to a default category, not its own.
    for operation in ("AdminConfirmSignUp", "AdminDisableUser", "DescribeUserPool", "ListUsersInGroup"):
        assert operation in limiter.CATEGORIES
