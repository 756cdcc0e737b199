"""The messaging page (issue 14, item 2): email and SMS sending, invitation and verification
messages with their placeholders validated and a preview; saving keeps every other setting."""

import pytest
from botocore.stub import Stubber
from django.urls import reverse

from console.audit.models import AuditEvent
from console.cognito.client import cognito
from console.pools.changes import changes_between
from console.pools.messaging.selectors import messages_preview, messaging_from_cognito
from console.pools.messaging.services import messaging_save
from tests.pools.sections import SES_ARN, UNRELATED, assert_refused, described

ROLE = "arn:aws:iam::123456789012:role/CognitoSMS"
LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up"
POOL = dict(PoolName="Messaging pool", **UNRELATED, AdminCreateUserConfig={"AllowAdminCreateUserOnly": True},
            LambdaConfig={"PreSignUp": LAMBDA})
# The form as the page shows it for this pool (Cognito's defaults for the messages).
UNCHANGED = {
    "email_sending": "COGNITO_DEFAULT",
    "invite_subject": "Your temporary password",
    "invite_email": "Your username is {username} and temporary password is {####}. ",
    "invite_sms": "Your username is {username} and temporary password is {####}. ",
    "verify_by": "CONFIRM_WITH_CODE",
    "code_subject": "Your verification code",
    "code_email": "Your verification code is {####}. ",
    "link_subject": "Your verification link",
    "link_email": "Please click the link below to verify your email address. {##Verify Email##} ",
    "code_sms": "Your verification code is {####}. ",
}
OWN = ("LastModifiedDate", "EmailConfiguration", "SmsConfiguration", "AdminCreateUserConfig",
       "VerificationMessageTemplate", "EmailVerificationMessage", "EmailVerificationSubject", "SmsVerificationMessage")


@pytest.fixture
def pool_id(aws) -> str:
    return cognito().create_user_pool(**POOL)["UserPool"]["Id"]


def _others(pool_id) -> dict:
    return {k: v for k, v in described(pool_id).items() if k not in OWN}


def _post(client, pool_id, **fields):
    return client.post(reverse("pools:messaging", args=[pool_id]), {**UNCHANGED, **fields})


def test_it_shows_the_current_values_and_cognitos_defaults(admin_client, pool_id):
    cognito().update_user_pool(UserPoolId=pool_id, **{**{k: v for k, v in POOL.items() if k != "PoolName"},
                               "VerificationMessageTemplate": {"EmailSubject": "Code", "SmsMessage": "Code {####}"}})
    response = admin_client.get(reverse("pools:messaging", args=[pool_id]))
    form = response.context["form"]
    assert form["code_subject"].value() == "Code" and form["code_sms"].value() == "Code {####}"
    assert form["invite_subject"].value() == "Your temporary password"
    assert "Verification SMS" in response.content.decode()


def test_it_saves_every_section_and_keeps_every_unrelated_setting(admin_client, pool_id):
    before = _others(pool_id)
    response = _post(
        admin_client, pool_id, email_sending="DEVELOPER", source_arn=SES_ARN,
        from_address="Example Support <no-reply@example.com>", reply_to="help@example.com", configuration_set="cs-1",
        sms_role_arn=ROLE, sms_external_id="ext-1", sns_region="eu-west-1",
        invite_subject="Welcome", invite_email="Hello {username}, your password is {####}",
        invite_sms="{username}: {####}", verify_by="CONFIRM_WITH_LINK", link_subject="Verify",
        link_email="Please {##Verify your address##}", code_sms="Code: {####}", reason="T-1",
    )
    assert response.status_code == 302
    pool = described(pool_id)
    assert pool["EmailConfiguration"] == {
        "EmailSendingAccount": "DEVELOPER", "SourceArn": SES_ARN, "From": "Example Support <no-reply@example.com>",
        "ReplyToEmailAddress": "help@example.com", "ConfigurationSet": "cs-1"}
    assert pool["SmsConfiguration"] == {"SnsCallerArn": ROLE, "ExternalId": "ext-1", "SnsRegion": "eu-west-1"}
    assert pool["AdminCreateUserConfig"] == {"AllowAdminCreateUserOnly": True, "InviteMessageTemplate": {
        "EmailSubject": "Welcome", "EmailMessage": "Hello {username}, your password is {####}",
        "SMSMessage": "{username}: {####}"}}
    template = pool["VerificationMessageTemplate"]
    assert template["DefaultEmailOption"] == "CONFIRM_WITH_LINK"
    assert template["EmailMessageByLink"] == "Please {##Verify your address##}"
    assert template["SmsMessage"] == pool["SmsVerificationMessage"] == "Code: {####}"
    assert changes_between(before, _others(pool_id)) == []
    assert pool["LambdaConfig"] == {"PreSignUp": LAMBDA}


def test_it_records_one_audit_event_with_before_and_after(admin_client, pool_id):
    _post(admin_client, pool_id, code_sms="Your code: {####}", reason="T-2")
    event = AuditEvent.objects.get(action="pool.messaging")
    assert event.outcome == "success" and event.reason == "T-2" and event.pool_id == pool_id
    changes = {c["field"]: (c["before"], c["after"]) for c in event.params["changes"]}
    assert changes["VerificationMessageTemplate.SmsMessage"][1] == "Your code: {####}"
    assert changes["SmsVerificationMessage"][1] == "Your code: {####}"
    assert "EmailConfiguration.EmailSendingAccount" not in changes  # an untouched section is not sent differently


def test_an_unchanged_form_saves_nothing(admin_client, pool_id, calls):
    calls.clear()
    cognito().update_user_pool(UserPoolId=pool_id, **{k: v for k, v in POOL.items() if k != "PoolName"},
                               VerificationMessageTemplate={"EmailMessage": "Hello\nYour code is {####}. "})
    calls.clear()
    response = _post(admin_client, pool_id, code_email="Hello\r\nYour code is {####}. ", reason="T-5")
    assert response.status_code == 302
    assert "UpdateUserPool" not in calls
    assert not AuditEvent.objects.filter(action="pool.messaging").exists()


def test_it_removes_the_sms_role_when_nothing_needs_it(alice, pool_id):
    c = cognito()
    c.update_user_pool(UserPoolId=pool_id, **{k: v for k, v in POOL.items() if k != "PoolName"},
                       SmsConfiguration={"SnsCallerArn": ROLE})
    cleaned = {"sms_role_arn": "", "sms_external_id": "", "sns_region": ""}
    diff = messaging_save(operator=alice, pool_id=pool_id, cleaned=cleaned, changed={"sms_role_arn"},
                          reason="T-6")
    assert [d["field"] for d in diff] == ["SmsConfiguration"]
    assert "SmsConfiguration" not in described(pool_id)


@pytest.mark.parametrize("fields, field, message", [
    ({"invite_email": "Your password is {####}"}, "invite_email", "Must contain {username}"),
    ({"invite_sms": "Hello {username}"}, "invite_sms", "Must contain {####}"),
    ({"code_email": "Your code is 1234"}, "code_email", "Must contain {####}"),
    ({"code_sms": "Your code is here"}, "code_sms", "Must contain {####}"),
    ({"link_email": "Verify with {####}"}, "link_email", "{##Click here##}"),
    ({"invite_sms": "{username} {####} " + "x" * 140}, "invite_sms", "at most 140"),
    ({"email_sending": "DEVELOPER"}, "source_arn", "needs the ARN of a verified SES identity"),
    ({"email_sending": "DEVELOPER", "source_arn": "arn:aws:s3:::bucket"}, "source_arn", "Not an SES identity ARN"),
    ({"from_address": "a@example.com"}, "from_address", "needs email sent through SES"),
    ({"email_sending": "DEVELOPER", "source_arn": SES_ARN, "from_address": "Support <nobody>"}, "from_address",
     "Enter an email address"),
    ({"email_sending": "DEVELOPER", "source_arn": SES_ARN, "configuration_set": "bad set"}, "configuration_set",
     "Letters, digits"),
    ({"reply_to": "nope"}, "reply_to", "valid email"),
    ({"sms_role_arn": "arn:aws:iam::123:user/x"}, "sms_role_arn", "Not an IAM role ARN"),
    ({"sms_role_arn": ROLE, "sns_region": "Ireland"}, "sns_region", "Not a region name"),
    ({"sns_region": "eu-west-1"}, "sms_role_arn", "needs an SMS role"),
])
def test_it_refuses_bad_input_with_a_clear_message_and_no_call(admin_client, pool_id, calls, fields, field, message):
    calls.clear()
    assert_refused(_post(admin_client, pool_id, **fields), calls, field, message, "pool.messaging")


def test_it_keeps_the_sms_role_a_phone_verifying_pool_needs(admin_client, aws, calls):
    pool_id = cognito().create_user_pool(PoolName="Phones", AutoVerifiedAttributes=["phone_number"],
                                         SmsConfiguration={"SnsCallerArn": ROLE})["UserPool"]["Id"]
    calls.clear()
    response = _post(admin_client, pool_id, sms_role_arn="")
    assert "verifies phone numbers by SMS" in response.context["form"].errors["sms_role_arn"][0]
    assert "UpdateUserPool" not in calls


def test_the_preview_shows_the_messages_as_typed_escaped_and_saves_nothing(admin_client, pool_id, calls):
    calls.clear()
    response = _post(admin_client, pool_id, preview="1",
                     invite_email="<b>Hi</b> {username}, your password is {####}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "&lt;b&gt;Hi&lt;/b&gt; jane.doe@example.com, your password is 123456" in page
    assert "<b>Hi</b>" not in page
    assert not response.context["form"].errors  # a preview asks for no reason
    assert "UpdateUserPool" not in calls
    assert not AuditEvent.objects.filter(action="pool.messaging").exists()


def test_the_preview_fills_the_placeholders_and_shows_the_link_by_its_text():
    shown = messaging_from_cognito({"VerificationMessageTemplate": {
        "DefaultEmailOption": "CONFIRM_WITH_LINK", "EmailSubjectByLink": "Verify",
        "EmailMessageByLink": "Open {##Verify now##} please"}})
    previews = {p.title: p for p in messages_preview(shown.values)}
    assert previews["Verification email"].body == "Open [Verify now] please"
    assert previews["Verification email"].subject == "Verify"
    assert previews["Invitation SMS"].body.startswith("Your username is jane.doe@example.com")


def test_the_request_against_the_service_model_sends_the_whole_configuration(aws, alice):
    """Against the service model: the template change goes with every other setting of the pool."""
    pool_id = "us-east-1_abc"
    described = {"Id": pool_id, "Name": "Real", "MfaConfiguration": "OFF", "LambdaConfig": {"PreSignUp": LAMBDA},
                 "AutoVerifiedAttributes": ["email"], "EmailConfiguration": {"EmailSendingAccount": "COGNITO_DEFAULT"},
                 "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": True},
                 "Arn": "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc"}
    invite = {"EmailSubject": "Hi", "EmailMessage": "{username} {####}", "SMSMessage": "{username} {####}"}
    with Stubber(cognito("us-east-1")) as stub:
        stub.add_response("describe_user_pool", {"UserPool": described}, {"UserPoolId": pool_id})
        stub.add_response("update_user_pool", {}, {
            "UserPoolId": pool_id, "PoolName": "Real", "MfaConfiguration": "OFF",
            "LambdaConfig": {"PreSignUp": LAMBDA}, "AutoVerifiedAttributes": ["email"],
            "EmailConfiguration": {"EmailSendingAccount": "COGNITO_DEFAULT"},
            "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": True, "InviteMessageTemplate": invite}})
        cleaned = {"invite_subject": "Hi", "invite_email": "{username} {####}", "invite_sms": "{username} {####}"}
        messaging_save(operator=alice, pool_id=pool_id, cleaned=cleaned, changed={"invite_subject"}, reason="T-7")
        stub.assert_no_pending_responses()


def test_it_refuses_to_remove_the_sms_role_while_sms_mfa_needs_it(admin_client, pool_id, calls):
    sms = {"SnsCallerArn": ROLE, "ExternalId": "x"}
    cognito().update_user_pool(UserPoolId=pool_id, SmsConfiguration=sms)
    cognito().set_user_pool_mfa_config(UserPoolId=pool_id, MfaConfiguration="OPTIONAL",
                                       SmsMfaConfiguration={"SmsConfiguration": sms})
    calls.clear()
    response = _post(admin_client, pool_id, sms_role_arn="", sms_external_id="", reason="T-8")
    assert "SMS MFA is on" in " ".join(response.context["form"].non_field_errors())
    assert "UpdateUserPool" not in calls
    assert described(pool_id)["SmsConfiguration"] == sms


@pytest.mark.parametrize("who", ["hugo", "vera", "scoped_admin"])
def test_the_service_refuses_operators_who_may_not_change_the_pool(request, db, pool_id, calls, who):
    """Whoever calls it (a page, a command): the service checks the role and the pool scope again."""
    from django.core.exceptions import PermissionDenied

    from tests.fixtures.operators import make_operator

    operator = make_operator("sam", "admin", pools=["us-east-1_NotYours"]) if who == "scoped_admin" else (
        request.getfixturevalue(who))
    calls.clear()
    with pytest.raises(PermissionDenied):
        messaging_save(operator=operator, pool_id=pool_id, cleaned=UNCHANGED | {"code_sms": "Code {####}"},
                       changed={"code_sms"}, reason="T-9")
    assert "UpdateUserPool" not in calls


def test_the_reason_rule_applies_on_the_page_and_in_the_service(admin_client, alice, pool_id, settings, calls):
    from console.accounts.policy import ReasonMissing

    settings.CONSOLE_REASON_REQUIRED = True  # the default, said here because the test is about it
    calls.clear()
    assert_refused(_post(admin_client, pool_id, code_sms="Code {####}"), calls, "reason", "Give a reason",
                   "pool.messaging")
    with pytest.raises(ReasonMissing):
        messaging_save(operator=alice, pool_id=pool_id, cleaned=UNCHANGED | {"code_sms": "Code {####}"},
                       changed={"code_sms"})
    assert "UpdateUserPool" not in calls


def test_help_texts_hold_no_markup():
    """Django renders help text unescaped: an example like "Name <a@example.com>" would vanish."""
    from console.pools.messaging.forms import MessagingForm
    from console.pools.triggers.forms import TriggersForm
    from console.pools.triggers.selectors import triggers_from_cognito

    forms = [MessagingForm(current=messaging_from_cognito({})),
             TriggersForm(current=triggers_from_cognito({"Id": "us-east-1_abc"}))]
    assert [name for form in forms for name, field in form.fields.items() if "<" in str(field.help_text)] == []
