"""manage.py user_action: the catalogue's policy holds from a terminal too."""

import pytest
from django.core.management import CommandError, call_command

from tests.users.helpers import events, get_user

pytestmark = pytest.mark.django_db


def test_it_disables_a_user_as_the_named_operator_with_the_reason(pool, hugo, capsys):
    username = pool.users["user0@example.com"]
    call_command("user_action", "disable", pool=pool.id, user=username, operator="hugo", reason="INC-5")
    assert get_user(pool.id, username)["Enabled"] is False
    [event] = events("user.disable")
    assert (event.operator_name, event.reason) == ("hugo", "INC-5")
    assert "disabled" in capsys.readouterr().out


def test_it_refuses_without_the_required_reason(pool, hugo, settings):
    settings.CONSOLE_REASON_REQUIRED = True
    username = pool.users["user0@example.com"]
    with pytest.raises(CommandError, match="Give a reason"):
        call_command("user_action", "disable", pool=pool.id, user=username, operator="hugo")
    assert get_user(pool.id, username)["Enabled"] is True and not events("user.disable")


def test_it_refuses_an_operator_outside_the_pool(pool, otto):
    with pytest.raises(CommandError, match="not allowed to work with this user pool"):
        call_command("user_action", "sign_out", pool=pool.id, user="x", operator="otto", reason="INC-6")
