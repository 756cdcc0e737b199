import pytest

from console.audit.models import AuditEvent
from console.cognito import pools as cognito_pools
from console.cognito.client import cognito
from console.pools.attributes.services import pool_attribute_add
from console.pools.changes import ChangeRefused, changes_between
from console.pools.selectors import mfa_state, pools_all, pools_overview
from console.pools.settings.services import pool_create, pool_delete, pool_update

FULL_POOL = dict(
    PoolName="Round trip",
    Policies={
        "PasswordPolicy": {
            "MinimumLength": 14,
            "RequireUppercase": True,
            "RequireLowercase": False,
            "RequireNumbers": True,
            "RequireSymbols": False,
            "TemporaryPasswordValidityDays": 3,
        }
    },
    DeletionProtection="ACTIVE",
    AutoVerifiedAttributes=["email"],
    UsernameAttributes=["email"],
    EmailVerificationSubject="Your code",
    EmailVerificationMessage="Code {####}",
    AdminCreateUserConfig={"AllowAdminCreateUserOnly": True},
    AccountRecoverySetting={"RecoveryMechanisms": [{"Priority": 1, "Name": "verified_email"}]},
    UserPoolTags={"team": "identity"},
)


def _full_pool() -> str:
    return cognito().create_user_pool(**FULL_POOL)["UserPool"]["Id"]


# moto's UpdateUserPool drops these although the operation cannot change them
# (real Cognito keeps them); they are not part of the update request either.
MOTO_LOSES = ("UsernameAttributes", "AliasAttributes", "UsernameConfiguration")


def _settings(pool_id: str) -> dict:
    """Everything UpdateUserPool could reset, as the pool has it now."""
    described = cognito_pools.pool_describe(pool_id)
    return {k: v for k, v in described.items() if k not in ("LastModifiedDate", *MOTO_LOSES)}


def test_it_changes_one_setting_and_leaves_every_other_as_it_was(aws, alice):
    pool_id = _full_pool()
    before = _settings(pool_id)
    assert before["Policies"]["PasswordPolicy"]["MinimumLength"] == 14  # the fixture really set it

    diff = pool_update(
        operator=alice,
        pool_id=pool_id,
        changes={"AdminCreateUserConfig": {"AllowAdminCreateUserOnly": False}},
        reason="T-1",
    )

    after = _settings(pool_id)
    assert diff == [{"field": "AdminCreateUserConfig.AllowAdminCreateUserOnly", "before": True, "after": False}]
    assert after["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is False
    after["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] = True
    assert changes_between(before, after) == []


def test_a_naive_update_would_have_reset_the_others(aws):
    """The backend really resets what a request leaves out, so the test above proves something."""
    pool_id = _full_pool()
    cognito().update_user_pool(UserPoolId=pool_id, AdminCreateUserConfig={"AllowAdminCreateUserOnly": False})
    after = _settings(pool_id)
    assert after["Policies"]["PasswordPolicy"]["MinimumLength"] != 14
    assert after.get("DeletionProtection") != "ACTIVE"


def test_it_audits_before_and_after_of_what_changed(aws, alice):
    pool_id = _full_pool()
    pool_update(
        operator=alice,
        pool_id=pool_id,
        changes={"Policies": {"PasswordPolicy": {"MinimumLength": 20}}, "DeletionProtection": "INACTIVE"},
        reason="CHG-7",
    )
    event = AuditEvent.objects.get(action="pool.update")
    assert event.outcome == "success"
    assert event.reason == "CHG-7"
    assert event.params["changes"] == [
        {"field": "DeletionProtection", "before": "ACTIVE", "after": "INACTIVE"},
        {"field": "Policies.PasswordPolicy.MinimumLength", "before": 14, "after": 20},
    ]
    policy = _settings(pool_id)["Policies"]["PasswordPolicy"]
    assert policy["MinimumLength"] == 20
    assert policy["TemporaryPasswordValidityDays"] == 3


def test_an_update_that_changes_nothing_calls_nothing_and_audits_nothing(aws, alice):
    pool_id = _full_pool()
    assert pool_update(operator=alice, pool_id=pool_id, changes={"DeletionProtection": "ACTIVE"}, reason="T-1") == []
    assert not AuditEvent.objects.filter(action__startswith="pool.").exists()


def test_it_turns_mfa_on_with_totp(aws, alice):
    pool_id = _full_pool()
    pool_update(
        operator=alice, pool_id=pool_id, changes={}, mfa={"mode": "OPTIONAL", "totp": True, "sms": False}, reason="T-1"
    )
    assert mfa_state(pool_id, {}) == {"mode": "OPTIONAL", "totp": True, "sms": False}
    assert _settings(pool_id)["Policies"]["PasswordPolicy"]["MinimumLength"] == 14
    event = AuditEvent.objects.get(action="pool.update")
    assert event.params["changes"][0]["field"] == "MFA"


def test_sms_mfa_without_an_sms_role_is_refused_and_audited(aws, alice):
    pool_id = _full_pool()
    with pytest.raises(ChangeRefused, match="SMS role"):
        pool_update(
            operator=alice, pool_id=pool_id, changes={}, mfa={"mode": "ON", "totp": False, "sms": True}, reason="T-1"
        )
    event = AuditEvent.objects.get(action="pool.update")
    assert (event.outcome, event.error_code) == ("failure", "NoSmsRole")
    assert mfa_state(pool_id, {})["mode"] == "OFF"


def test_it_creates_a_pool_with_mfa_and_forgets_the_cached_list(aws, alice):
    assert pools_all() == []
    pool_id, warning = pool_create(
        operator=alice,
        region="us-east-1",
        request={"PoolName": "Fresh", "UsernameAttributes": ["email"], "DeletionProtection": "ACTIVE"},
        mfa={"mode": "ON", "totp": True, "sms": False},
        reason="new app",
    )
    assert warning == ""
    assert [p.id for p in pools_all()] == [pool_id]
    assert mfa_state(pool_id, {})["mode"] == "ON"
    actions = list(
        AuditEvent.objects.filter(action__startswith="pool.").order_by("id").values_list("action", "outcome", "target")
    )
    assert actions == [("pool.create", "success", "Fresh"), ("pool.update", "success", "Fresh")]
    created = AuditEvent.objects.get(action="pool.create")
    assert created.pool_id == pool_id
    settings_logged = {c["field"]: c["after"] for c in created.params["settings"]}
    assert settings_logged["UsernameAttributes"] == ["email"]


def test_it_refuses_a_region_the_console_does_not_use(aws, alice):
    with pytest.raises(ChangeRefused):
        pool_create(operator=alice, region="eu-west-1", request={"PoolName": "Elsewhere"}, reason="T-1")
    assert cognito().list_user_pools(MaxResults=10)["UserPools"] == []


def test_it_refuses_to_delete_a_protected_pool(aws, alice):
    pool_id = _full_pool()
    with pytest.raises(ChangeRefused, match="Deletion protection is on"):
        pool_delete(operator=alice, pool_id=pool_id, confirm_name="Round trip", reason="T-1")
    assert cognito_pools.pool_describe(pool_id)["Name"] == "Round trip"
    event = AuditEvent.objects.get(action="pool.delete")
    assert (event.outcome, event.error_code) == ("failure", "DeletionProtected")


def test_it_refuses_to_delete_when_the_typed_name_differs(aws, alice):
    pool_id = cognito().create_user_pool(PoolName="Unprotected")["UserPool"]["Id"]
    with pytest.raises(ChangeRefused, match="does not match"):
        pool_delete(operator=alice, pool_id=pool_id, confirm_name="unprotected", reason="T-1")
    assert cognito_pools.pool_describe(pool_id)["Name"] == "Unprotected"


def test_it_deletes_an_unprotected_pool(aws, alice):
    pool_id = cognito().create_user_pool(PoolName="Unprotected")["UserPool"]["Id"]
    pools_all()  # cached
    pool_delete(operator=alice, pool_id=pool_id, confirm_name="Unprotected", reason="cleanup")
    assert pools_all() == []
    assert AuditEvent.objects.get(action="pool.delete").outcome == "success"


def test_it_adds_a_custom_attribute_once(aws, alice):
    pool_id = _full_pool()
    attribute = {"Name": "team", "AttributeDataType": "String", "Mutable": True}
    pool_attribute_add(operator=alice, pool_id=pool_id, attribute=attribute, reason="T-1")
    names = [a["Name"] for a in _settings(pool_id)["SchemaAttributes"]]
    assert "custom:team" in names
    with pytest.raises(ChangeRefused, match="already has"):
        pool_attribute_add(operator=alice, pool_id=pool_id, attribute=attribute, reason="T-1")
    outcomes = list(
        AuditEvent.objects.filter(action="pool.add_attribute").order_by("id").values_list("outcome", flat=True)
    )
    assert outcomes == ["success", "failure"]


def test_the_overview_describes_every_pool_and_survives_one_failure(aws, vera, monkeypatch):
    good = _full_pool()
    bad = cognito().create_user_pool(PoolName="Broken")["UserPool"]["Id"]
    real = cognito_pools.pool_describe_uncached

    def describe(pool_id, **kwargs):
        if pool_id == bad:
            from console.cognito.errors import CognitoError

            raise CognitoError("Cognito is throttling requests right now.", code="TooManyRequestsException")
        return real(pool_id, **kwargs)

    monkeypatch.setattr(cognito_pools, "pool_describe_uncached", describe)
    rows = {r.id: r for r in pools_overview(vera)}
    assert rows[good].mfa == "OFF"
    assert rows[good].sign_in == ["email"]
    assert rows[good].deletion_protection is True
    assert rows[good].estimated_users == 0
    assert rows[bad].error.startswith("Cognito is throttling")
    assert rows[bad].name == "Broken"


def test_the_overview_caches_each_describe_briefly(aws, vera, monkeypatch):
    _full_pool()
    calls = []
    real = cognito_pools.pool_describe_uncached
    monkeypatch.setattr(
        cognito_pools, "pool_describe_uncached", lambda pool_id, **kw: calls.append(pool_id) or real(pool_id, **kw)
    )
    pools_overview(vera)
    pools_overview(vera)
    assert len(calls) == 1
    pools_overview(vera, fresh=True)
    assert len(calls) == 2


def test_the_update_request_is_the_whole_described_configuration(aws, alice):
    """Against a describe shaped like real Cognito's (read-only fields, the deprecated
    UnusedAccountValidityDays): the request keeps every settable key and drops the rest."""
    from botocore.stub import Stubber

    pool_id = "us-east-1_abc"
    settable = {
        "Policies": {"PasswordPolicy": {"MinimumLength": 14, "TemporaryPasswordValidityDays": 3}},
        "DeletionProtection": "ACTIVE",
        "LambdaConfig": {"PreSignUp": "arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up"},
        "AutoVerifiedAttributes": ["email"],
        "MfaConfiguration": "OPTIONAL",
        "EmailConfiguration": {"EmailSendingAccount": "COGNITO_DEFAULT"},
        "UserPoolTags": {"team": "identity"},
        "AccountRecoverySetting": {"RecoveryMechanisms": [{"Priority": 1, "Name": "verified_email"}]},
    }
    described = {
        **settable,
        "Id": pool_id,
        "Name": "Real",
        "Arn": "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc",
        "Status": "Enabled",
        "EstimatedNumberOfUsers": 3,
        "UsernameAttributes": ["email"],
        "SchemaAttributes": [{"Name": "email", "AttributeDataType": "String"}],
        "Domain": "real-login",
        "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": True, "UnusedAccountValidityDays": 7},
    }
    expected = {
        **settable,
        "UserPoolId": pool_id,
        "PoolName": "Renamed",
        "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": True},
    }
    with Stubber(cognito("us-east-1")) as stub:
        stub.add_response("describe_user_pool", {"UserPool": described}, {"UserPoolId": pool_id})
        stub.add_response("update_user_pool", {}, expected)
        pool_update(operator=alice, pool_id=pool_id, changes={"PoolName": "Renamed"}, reason="T-1")
        stub.assert_no_pending_responses()


def test_a_pool_whose_mfa_cannot_be_set_is_still_created_with_a_warning(aws, alice, monkeypatch):
    from console.cognito.errors import CognitoError

    def refuse(*args, **kwargs):
        raise CognitoError("Cognito refused the operation: no SMS role", code="InvalidParameterException")

    monkeypatch.setattr(cognito_pools, "pool_mfa_set", refuse)
    pool_id, warning = pool_create(
        operator=alice,
        region="us-east-1",
        request={"PoolName": "Half"},
        mfa={"mode": "ON", "totp": True, "sms": False},
        reason="T-1",
    )
    assert "could not be set" in warning
    assert [p.id for p in pools_all()] == [pool_id]
    outcomes = dict(AuditEvent.objects.filter(action__startswith="pool.").values_list("action", "outcome"))
    assert outcomes == {"pool.create": "success", "pool.update": "failure"}
