"""A pool's tags (issue 14, item 5): listed, added, changed and removed, validated, audited."""

import pytest
from botocore.stub import Stubber
from django import forms
from django.urls import reverse

from console.audit.models import AuditEvent
from console.cognito.client import cognito
from console.emulator import pool_config as emulated
from console.pools.tags.forms import tag_lines
from console.pools.tags.services import tags_save

ARN = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc"


@pytest.fixture
def tagging(aws, monkeypatch):
    """In-process moto answering the tag operations, as the emulator does (moto has none)."""
    from moto.cognitoidp import responses

    for name in ("list_tags_for_resource", "tag_resource", "untag_resource"):
        monkeypatch.setattr(responses.CognitoIdpResponse, name, getattr(emulated, name), raising=False)


@pytest.fixture
def tagged_pool(tagging) -> str:
    return cognito().create_user_pool(
        PoolName="Tagged", DeletionProtection="ACTIVE", AutoVerifiedAttributes=["email"],
        UserPoolTags={"team": "identity", "cost-centre": "42", "old": "x"},
    )["UserPool"]["Id"]


def test_it_reads_key_value_lines():
    assert tag_lines("team = identity\n\nenv=prod=blue\nempty=") == {"team": "identity", "env": "prod=blue",
                                                                      "empty": ""}


@pytest.mark.parametrize("text, message", [
    ("no-equals-sign", "key=value"),
    ("=value", "1 to 128"),
    ("k" * 129 + "=v", "1 to 128"),
    ("k=" + "v" * 257, "at most 256"),
    ("aws:owner=me", "reserved for AWS"),
    ("AWS:Owner=me", "reserved for AWS"),
    ("team=a;b", "letters, digits, spaces"),
    ("team=a\nteam=b", "appears twice"),
    ("\n".join(f"k{i}=v" for i in range(51)), "at most 50 tags"),
])
def test_it_refuses_tags_cognito_would_refuse(text, message):
    with pytest.raises(forms.ValidationError) as refused:
        tag_lines(text)
    assert message in " ".join(refused.value.messages)


def test_it_shows_the_current_tags(admin_client, tagged_pool):
    form = admin_client.get(reverse("pools:tags", args=[tagged_pool])).context["form"]
    assert form["tags"].value() == "cost-centre=42\nold=x\nteam=identity"


def test_it_adds_changes_and_removes_and_keeps_every_other_setting(admin_client, tagged_pool):
    c = cognito()
    before = c.describe_user_pool(UserPoolId=tagged_pool)["UserPool"]
    response = admin_client.post(reverse("pools:tags", args=[tagged_pool]),
                                 {"tags": "team=platform\ncost-centre=42\nenv=prod", "reason": "T-3"})
    assert response.status_code == 302
    after = c.describe_user_pool(UserPoolId=tagged_pool)["UserPool"]
    assert after.pop("UserPoolTags") == {"team": "platform", "cost-centre": "42", "env": "prod"}
    before.pop("UserPoolTags")
    assert after == before

    event = AuditEvent.objects.get(action="pool.tags")
    assert event.outcome == "success" and event.reason == "T-3"
    assert event.params["changes"] == [
        {"field": "env", "before": None, "after": "prod"},
        {"field": "team", "before": "identity", "after": "platform"},
        {"field": "old", "before": "x", "after": None},
    ]


def test_it_refuses_bad_input_with_a_clear_message_and_no_call(admin_client, tagged_pool, cognito_calls):
    cognito_calls.clear()
    response = admin_client.post(reverse("pools:tags", args=[tagged_pool]), {"tags": "aws:team=x\nteam=ok"})
    assert response.status_code == 200
    assert "Line 1: keys starting with aws: are reserved for AWS." in response.content.decode()
    assert not [c for c in cognito_calls if not c.startswith(("Describe", "Get", "List"))]
    assert not AuditEvent.objects.filter(action="pool.tags").exists()


def test_saving_the_same_tags_calls_nothing(alice, tagged_pool, cognito_calls):
    cognito_calls.clear()
    wanted = {"team": "identity", "cost-centre": "42", "old": "x"}
    assert tags_save(operator=alice, pool_id=tagged_pool, wanted=wanted, reason="T-1") == []
    assert cognito_calls == ["DescribeUserPool"]


def test_the_tag_requests_match_the_service_model(aws, alice):
    described = {"Id": "us-east-1_abc", "Name": "Real", "Arn": ARN, "UserPoolTags": {"a": "1", "b": "2"}}
    with Stubber(cognito("us-east-1")) as stub:
        stub.add_response("describe_user_pool", {"UserPool": described}, {"UserPoolId": "us-east-1_abc"})
        stub.add_response("tag_resource", {}, {"ResourceArn": ARN, "Tags": {"a": "one", "c": "3"}})
        stub.add_response("untag_resource", {}, {"ResourceArn": ARN, "TagKeys": ["b"]})
        tags_save(operator=alice, pool_id="us-east-1_abc", wanted={"a": "one", "c": "3"}, reason="T-1")
        stub.assert_no_pending_responses()
