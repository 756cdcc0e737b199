"""The Lambda triggers page (issue 14, item 3): every trigger of LambdaConfig, ARNs validated,
the user migration trigger explained; saving keeps every other setting of the pool."""

import pytest
from botocore.stub import Stubber
from django.urls import reverse

from console.audit.models import AuditEvent
from console.cognito.client import cognito
from console.pools.changes import changes_between
from console.pools.triggers.selectors import TRIGGERS
from console.pools.triggers.services import triggers_save
from tests.pools.sections import SES_ARN, UNRELATED, assert_refused, described


def fn(name: str, region: str = "us-east-1") -> str:
    return f"arn:aws:lambda:{region}:123456789012:function:{name}"


KMS = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
POOL = dict(
    PoolName="Triggers pool",
    **UNRELATED,
    AdminCreateUserConfig={"AllowAdminCreateUserOnly": True,
                           "InviteMessageTemplate": {"EmailSubject": "Hi", "EmailMessage": "{username} {####}"}},
    VerificationMessageTemplate={"DefaultEmailOption": "CONFIRM_WITH_CODE", "SmsMessage": "Code {####}"},
    EmailConfiguration={"EmailSendingAccount": "DEVELOPER", "SourceArn": SES_ARN},
    LambdaConfig={"PreSignUp": fn("old-pre-sign-up"), "CustomMessage": fn("messages")},
)
UNCHANGED = {"pre_sign_up": fn("old-pre-sign-up"), "custom_message": fn("messages"), "pre_token_version": "V1_0"}


@pytest.fixture
def pool_id(aws) -> str:
    return cognito().create_user_pool(**POOL)["UserPool"]["Id"]


def _others(pool_id) -> dict:
    return {k: v for k, v in described(pool_id).items() if k not in ("LastModifiedDate", "LambdaConfig")}


def _post(client, pool_id, **fields):
    return client.post(reverse("pools:triggers", args=[pool_id]), {**UNCHANGED, **fields})


def test_it_shows_every_trigger_with_its_current_function_and_explains_user_migration(admin_client, pool_id):
    response = admin_client.get(reverse("pools:triggers", args=[pool_id]))
    form = response.context["form"]
    assert {t.name for t in TRIGGERS} <= set(form.fields)
    assert form["pre_sign_up"].value() == fn("old-pre-sign-up")
    assert form["post_confirmation"].value() == ""
    page = response.content.decode()
    assert "User migration moves users with their passwords" in page and "CSV import" in page


def test_it_saves_every_trigger_and_keeps_every_unrelated_setting(admin_client, pool_id):
    before = _others(pool_id)
    wanted = {t.name: fn(t.name.replace("_", "-")) for t in TRIGGERS}
    wanted |= {"pre_sign_up": fn("pre-sign-up:live"), "custom_message": ""}
    response = _post(admin_client, pool_id, **wanted, pre_token_version="V2_0", kms_key=KMS, reason="T-3")
    assert response.status_code == 302
    config = described(pool_id)["LambdaConfig"]
    assert config["PreSignUp"] == fn("pre-sign-up:live")
    assert "CustomMessage" not in config  # emptied: the trigger is removed
    assert config["PreTokenGenerationConfig"] == {"LambdaArn": fn("pre-token-generation"), "LambdaVersion": "V2_0"}
    assert config["PreTokenGeneration"] == fn("pre-token-generation")
    assert config["CustomEmailSender"] == {"LambdaArn": fn("custom-email-sender"), "LambdaVersion": "V1_0"}
    assert config["CustomSMSSender"] == {"LambdaArn": fn("custom-sms-sender"), "LambdaVersion": "V1_0"}
    assert config["KMSKeyID"] == KMS
    for key in ("PostConfirmation", "PreAuthentication", "PostAuthentication", "DefineAuthChallenge",
                "CreateAuthChallenge", "VerifyAuthChallengeResponse", "UserMigration"):
        assert config[key].startswith("arn:aws:lambda:us-east-1:123456789012:function:"), key
    assert changes_between(before, _others(pool_id)) == []


def test_it_records_one_audit_event_with_before_and_after(admin_client, pool_id):
    _post(admin_client, pool_id, pre_sign_up="", user_migration=fn("migrate"), reason="T-4")
    event = AuditEvent.objects.get(action="pool.triggers")
    assert event.outcome == "success" and event.reason == "T-4" and event.pool_id == pool_id
    changes = {c["field"]: (c["before"], c["after"]) for c in event.params["changes"]}
    assert changes == {"LambdaConfig.PreSignUp": (fn("old-pre-sign-up"), None),
                       "LambdaConfig.UserMigration": (None, fn("migrate"))}


def test_removing_every_trigger_empties_the_configuration(admin_client, pool_id, calls):
    _post(admin_client, pool_id, pre_sign_up="", custom_message="", reason="T-5")
    assert not described(pool_id).get("LambdaConfig")
    calls.clear()
    _post(admin_client, pool_id, pre_sign_up="", custom_message="", reason="T-6")  # nothing changed: nothing sent
    assert "UpdateUserPool" not in calls


@pytest.mark.parametrize("fields, field, message", [
    ({"pre_sign_up": "arn:aws:lambda:us-east-1:123456789012:layer:x"}, "pre_sign_up", "Not a Lambda function ARN"),
    ({"post_authentication": "my-function"}, "post_authentication", "Not a Lambda function ARN"),
    ({"user_migration": fn("migrate", "eu-west-1")}, "user_migration", "in its own region, us-east-1"),
    ({"custom_email_sender": fn("mail")}, "kms_key", "needs the KMS key"),
    ({"custom_sms_sender": fn("sms"), "kms_key": "alias/mine"}, "kms_key", "Not a KMS key ARN"),
    ({"pre_token_generation": fn("tokens"), "pre_token_version": "V9_0"}, "pre_token_version", "valid choice"),
])
def test_it_refuses_bad_input_with_a_clear_message_and_no_call(admin_client, pool_id, calls, fields, field, message):
    calls.clear()
    assert_refused(_post(admin_client, pool_id, **fields), calls, field, message, "pool.triggers")


def test_token_versions_2_and_3_need_a_tier_above_lite(aws, alice):
    from console.pools.triggers.forms import TriggersForm
    from console.pools.triggers.selectors import triggers_from_cognito

    current = triggers_from_cognito({"Id": "us-east-1_abc", "UserPoolTier": "LITE"})
    form = TriggersForm({"pre_token_generation": fn("tokens"), "pre_token_version": "V3_0"}, current=current)
    assert not form.is_valid()
    assert "Essentials or Plus" in form.errors["pre_token_version"][0]


def test_the_request_against_the_service_model_keeps_unknown_triggers_and_other_settings(aws, alice):
    """Against the service model: a trigger the console does not show goes back as it was."""
    pool_id = "us-east-1_abc"
    lambda_config = {"PreSignUp": fn("a"), "InboundFederation": {"LambdaVersion": "V1_0", "LambdaArn": fn("fed")}}
    pool = {"Id": pool_id, "Name": "Real", "MfaConfiguration": "OFF", "LambdaConfig": lambda_config,
            "AutoVerifiedAttributes": ["email"], "DeletionProtection": "ACTIVE",
            "Arn": "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc"}
    cleaned = {t.name: "" for t in TRIGGERS} | {"post_confirmation": fn("b"), "pre_token_version": "V1_0",
                                                "kms_key": ""}
    with Stubber(cognito("us-east-1")) as stub:
        stub.add_response("describe_user_pool", {"UserPool": pool}, {"UserPoolId": pool_id})
        stub.add_response("update_user_pool", {}, {
            "UserPoolId": pool_id, "PoolName": "Real", "MfaConfiguration": "OFF", "AutoVerifiedAttributes": ["email"],
            "DeletionProtection": "ACTIVE",
            "LambdaConfig": {"PostConfirmation": fn("b"), "InboundFederation": lambda_config["InboundFederation"]}})
        triggers_save(operator=alice, pool_id=pool_id, cleaned=cleaned, changed={"pre_sign_up", "post_confirmation"},
                      reason="T-7")
        stub.assert_no_pending_responses()


def test_the_service_refuses_a_helpdesk_operator(hugo, pool_id, calls):
    from django.core.exceptions import PermissionDenied

    cleaned = {t.name: "" for t in TRIGGERS} | {"pre_token_version": "V1_0", "kms_key": ""}
    calls.clear()
    with pytest.raises(PermissionDenied):
        triggers_save(operator=hugo, pool_id=pool_id, cleaned=cleaned, changed={"pre_sign_up"}, reason="T-8")
    assert "UpdateUserPool" not in calls


def test_cognitos_refusal_is_audited_as_a_failure_and_raised_for_the_page(aws, alice):
    from console.cognito.errors import CognitoError

    pool_id = "us-east-1_abc"
    pool = {"Id": pool_id, "Name": "Real", "Arn": "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc"}
    cleaned = {t.name: "" for t in TRIGGERS} | {"pre_sign_up": fn("a"), "pre_token_version": "V1_0", "kms_key": ""}
    with Stubber(cognito("us-east-1")) as stub:
        stub.add_response("describe_user_pool", {"UserPool": pool}, {"UserPoolId": pool_id})
        stub.add_client_error("update_user_pool", "InvalidLambdaResponseException", "Cognito cannot invoke it")
        with pytest.raises(CognitoError):
            triggers_save(operator=alice, pool_id=pool_id, cleaned=cleaned, changed={"pre_sign_up"}, reason="T-9")
    event = AuditEvent.objects.get(action="pool.triggers")
    assert event.outcome == "failure" and event.error_code == "InvalidLambdaResponseException"
    assert event.params["changes"] == [{"field": "LambdaConfig", "before": None, "after": {"PreSignUp": fn("a")}}]
