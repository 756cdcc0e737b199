"""SECURITY.md's IAM policy allows every Cognito operation the gateway calls,
so a new feature cannot ship with a policy that refuses it in production."""

import json
import re
from pathlib import Path

import botocore.session
from botocore import xform_name

ROOT = Path(__file__).resolve().parents[2]


def policy_actions() -> set[str]:
    text = (ROOT / "SECURITY.md").read_text()
    block = re.search(r"```json\n(.*?)```", text, re.S).group(1)
    policy = json.loads(block)
    actions = set()
    for statement in policy["Statement"]:
        assert statement["Effect"] == "Allow"
        actions.update(statement["Action"])
    return actions


def operations(service: str) -> dict[str, str]:
    model = botocore.session.get_session().get_service_model(service)
    return {xform_name(name): name for name in model.operation_names}


def called_operations() -> set[str]:
    """cognito-idp/sts operations named in the gateway: client.method( calls and paginator names."""
    known = {**{k: f"cognito-idp:{v}" for k, v in operations("cognito-idp").items()}}
    known["get_caller_identity"] = "sts:GetCallerIdentity"
    found = set()
    for path in (ROOT / "console" / "cognito").rglob("*.py"):
        text = path.read_text()
        for name in re.findall(r"\.([a-z_]+)\(", text) + re.findall(r"[\"']([a-z_]+)[\"']", text):
            if name in known:
                found.add(known[name])
    return found


def test_the_policy_is_valid_json_with_real_action_names():
    cognito = set(operations("cognito-idp").values())
    for action in policy_actions():
        service, _, name = action.partition(":")
        assert service in ("cognito-idp", "sts", "iam"), action
        if service == "cognito-idp":
            assert name in cognito, f"{action} is not a Cognito operation"


def test_the_policy_allows_every_operation_the_console_calls():
    called = called_operations()
    assert "cognito-idp:ListUsers" in called  # the scan works
    missing = sorted(called - policy_actions())
    assert missing == [], f"add to the IAM policy in SECURITY.md: {missing}"


def test_the_policy_never_allows_signing_in_as_a_user():
    actions = policy_actions()
    for forbidden in ("cognito-idp:AdminInitiateAuth", "cognito-idp:InitiateAuth", "cognito-idp:*", "*"):
        assert forbidden not in actions
    assert "iam:PassRole" in actions
