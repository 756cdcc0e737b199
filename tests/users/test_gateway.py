import string

import pytest

from console.cognito.errors import CognitoError
from console.cognito.users import filter_escape, filter_expression
from console.users.services import PASSWORD_SYMBOLS, password_generate


def test_it_escapes_filter_values():
    assert filter_escape('a"b\\c') == 'a\\"b\\\\c'
    assert filter_expression("email", 'x"y', prefix=True) == 'email ^= "x\\"y"'
    assert filter_expression("cognito:user_status", "CONFIRMED") == 'cognito:user_status = "CONFIRMED"'


def test_it_refuses_unsearchable_attributes():
    with pytest.raises(CognitoError):
        filter_expression("custom:department", "x")


@pytest.mark.parametrize("minimum", [6, 8, 20, 99])
def test_it_generates_passwords_that_satisfy_the_policy(minimum):
    for _ in range(50):
        password = password_generate({"MinimumLength": minimum})
        assert len(password) >= minimum
        assert any(c in string.ascii_lowercase for c in password)
        assert any(c in string.ascii_uppercase for c in password)
        assert any(c in string.digits for c in password)
        assert any(c in PASSWORD_SYMBOLS for c in password)
    assert password_generate({}) != password_generate({})


def test_it_escapes_every_value_in_table_rows():
    from django.template.loader import render_to_string

    from console.cognito.types import CognitoUser

    evil = '"><script>x</script>'
    user = CognitoUser(
        username=evil,
        status="<i>",
        enabled=True,
        created=None,
        modified=None,
        attributes={"email": evil, "phone_number": evil, "name": evil},
    )
    context = {"result": {"users": [user]}, "detail_prefix": "/pools/p/users/u/"}
    html = render_to_string("users/list.html#user_rows", context)
    assert "<script>" not in html and "<i>" not in html
    # The "/" is part of the name, not a path separator (core.converters.name_to_url).
    assert 'href="/pools/p/users/u/%22%3E%3Cscript%3Ex%3C%252Fscript%3E"' in html
    # Name (the link), email, phone; the username is not repeated under a name equal to it.
    assert html.count("&quot;&gt;&lt;script&gt;") == 3
    # With bulk actions, the tick box's value and label carry the username too.
    ticked = render_to_string("users/list.html#user_rows", {**context, "bulk_actions": ["disable"]})
    assert "<script>" not in ticked and ticked.count("&quot;&gt;&lt;script&gt;") == 5
