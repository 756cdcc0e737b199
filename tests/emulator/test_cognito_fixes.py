"""The emulator behaves like Cognito where plain moto does not (issue 11, item 16). These run
against the emulator process that `make run` starts; on plain moto each of them fails."""

import pytest
from botocore.exceptions import ClientError

from console.cognito.client import cognito
from tests.fixtures.cognito import build_pool


def _users_with_email(pool_id, email) -> list[dict]:
    users = cognito().list_users(UserPoolId=pool_id)["Users"]
    return [u for u in users if {"Name": "email", "Value": email} in u["Attributes"]]


def test_resending_an_invitation_in_an_email_pool_keeps_one_user(emulator):
    pool = build_pool(users=1)
    c = cognito()
    first = c.admin_get_user(UserPoolId=pool.id, Username="user0@example.com")
    again = c.admin_create_user(UserPoolId=pool.id, Username="user0@example.com", MessageAction="RESEND")
    assert again["User"]["Username"] == first["Username"]
    assert len(_users_with_email(pool.id, "user0@example.com")) == 1


def test_resending_to_nobody_or_to_a_confirmed_user_is_refused(emulator):
    pool = build_pool(users=1)
    c = cognito()
    with pytest.raises(ClientError) as missing:
        c.admin_create_user(UserPoolId=pool.id, Username="nobody@example.com", MessageAction="RESEND")
    assert missing.value.response["Error"]["Code"] == "UserNotFoundException"
    c.admin_set_user_password(UserPoolId=pool.id, Username="user0@example.com", Password="Long-Enough-Pass-1",
                              Permanent=True)
    with pytest.raises(ClientError) as confirmed:
        c.admin_create_user(UserPoolId=pool.id, Username="user0@example.com", MessageAction="RESEND")
    assert confirmed.value.response["Error"]["Code"] == "UnsupportedUserStateException"
    assert len(_users_with_email(pool.id, "user0@example.com")) == 1


def test_update_user_pool_keeps_how_users_sign_in(emulator):
    c = cognito()
    pool_id = c.create_user_pool(PoolName="Email pool", UsernameAttributes=["email"],
                                 UsernameConfiguration={"CaseSensitive": False})["UserPool"]["Id"]
    c.update_user_pool(UserPoolId=pool_id, MfaConfiguration="OFF")
    pool = c.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert pool["UsernameAttributes"] == ["email"]
    assert pool["UsernameConfiguration"] == {"CaseSensitive": False}
    assert c.admin_create_user(UserPoolId=pool_id, Username="new@example.com",
                               MessageAction="SUPPRESS")["User"]["Username"] != "new@example.com"
