"""The catalogue of user actions (console/users/actions.py): every consumer reads the same
entries, and the policy (permission, pool scope, reason) holds whoever runs an action."""

import inspect

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from console.accounts.policy import ReasonMissing
from console.cognito.client import cognito
from console.cognito.users import user_get
from console.jobs import bulk
from console.users import actions
from tests.users.helpers import confirmed, events, get_user

pytestmark = pytest.mark.django_db


def test_it_gives_every_entry_a_permission_a_service_and_a_confirmation_naming_user_and_pool():
    for action in actions.ACTIONS.values():
        assert action.permission in ("helpdesk_users", "manage_users", "manage_membership"), action.name
        assert callable(action.run), action.name
        text = action.confirm_text(user="Ada Lovelace (ada@example.com)", pool="Staff", group="g")
        assert "Ada Lovelace (ada@example.com)" in text and "Staff" in text, action.name


def test_its_inverses_are_bulk_actions_that_undo_each_other():
    for action in actions.BULK_ACTIONS.values():
        if action.inverse:
            assert actions.BULK_ACTIONS[action.inverse].inverse == action.name


def test_bulk_jobs_offer_exactly_the_catalogues_bulk_entries():
    assert bulk.ACTIONS is actions.BULK_ACTIONS
    assert set(bulk.ACTIONS) == {n for n, a in actions.ACTIONS.items() if a.bulk_operations is not None}
    assert not hasattr(bulk, "CHOICES")


def test_the_user_page_shows_the_helpdesk_entries_with_confirmations_naming_user_and_pool(pool, helpdesk_client):
    username = pool.users["user0@example.com"]
    page = helpdesk_client.get(reverse("users:detail", args=[pool.id, username])).content.decode()
    user = user_get(pool.id, username)
    for action in actions.ACTIONS.values():
        if action.section in (actions.FACTORS, actions.DEVICES, actions.SESSIONS):
            continue  # offered by the factors card for what the user has (tests/users/test_factors.py)
        offered = action.section == actions.HELPDESK and action.shown(user)
        assert (f'data-action="{action.name}"' in page) is offered, action.name
    assert "Reset the password of Given0 Family0 (user0@example.com) in pool Test pool?" in page
    assert username not in page.split("hx-confirm=")[1].split(">")[0]


def test_the_action_runs_through_the_policy_without_a_form(pool, hugo, settings):
    """A caller that skips the forms (a command, a future page) still meets the reason rule."""
    settings.CONSOLE_REASON_REQUIRED = True
    username = pool.users["user0@example.com"]
    confirmed(pool.id, username)
    with pytest.raises(ReasonMissing):
        actions.action_run(
            operator=hugo, action=actions.ACTIONS["disable"], pool_id=pool.id, username=username, reason="  "
        )
    assert get_user(pool.id, username)["Enabled"] is True and not events("user.disable")
    hugo.allowed_pools = ["somewhere-else"]
    with pytest.raises(PermissionDenied):
        actions.action_run(
            operator=hugo, action=actions.ACTIONS["disable"], pool_id=pool.id, username=username, reason="INC-1"
        )
    assert get_user(pool.id, username)["Enabled"] is True


def test_a_viewer_cannot_run_an_action_through_the_service(pool, vera):
    with pytest.raises(PermissionDenied):
        actions.action_run(
            operator=vera, action=actions.ACTIONS["sign_out"], pool_id=pool.id, username="x", reason="INC-1"
        )


def test_each_service_accepts_what_the_runner_passes():
    for action in actions.BULK_ACTIONS.values():
        signature = inspect.signature(action.run)
        for name in ("pool_id", "username", "reason", "job_id", *[n for n in action.needs if n != "value"]):
            if name in ("attribute",):
                continue
            assert name in signature.parameters or any(
                p.kind is p.VAR_KEYWORD for p in signature.parameters.values()
            ), (action.name, name)


def test_the_group_members_page_confirms_with_the_catalogues_words(pool, admin_client):
    username = pool.users["user0@example.com"]
    cognito().admin_add_user_to_group(UserPoolId=pool.id, Username=username, GroupName="staff")
    page = admin_client.get(reverse("groups:members", args=[pool.id, "staff"])).content.decode()
    assert "Remove Given0 Family0 (user0@example.com) from group staff in pool Test pool?" in page


def test_the_group_members_page_refuses_a_missing_reason_through_the_policy(pool, admin_client, settings):
    settings.CONSOLE_REASON_REQUIRED = True
    username = pool.users["user0@example.com"]
    url = reverse("groups:member_add", args=[pool.id, "staff"])
    response = admin_client.post(url, {"username": username, "reason": ""}, HTTP_HX_REQUEST="true")
    assert "Give a reason" in response.content.decode() and not events("group.add_member")
