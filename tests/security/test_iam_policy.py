"""docs/iam-policy.json, the one IAM policy README and SECURITY.md point to, is checked both ways:
it allows every Cognito operation the gateway calls (a new feature cannot ship with a policy that
refuses it in production) and allows nothing the console never calls (least privilege)."""

import json
import re
from pathlib import Path

import botocore.session
from botocore import xform_name

ROOT = Path(__file__).resolve().parents[2]


POLICY = ROOT / "docs" / "iam-policy.json"
# Not an operation but a permission Cognito checks when the console hands it a role: the CloudWatch
# Logs role of a native import job (CreateUserImportJob) and a group's IAM role (CreateGroup/UpdateGroup).
ROLE_PASSING = {"iam:PassRole": ("cognito-idp:CreateUserImportJob", "cognito-idp:CreateGroup")}


def policy_actions() -> set[str]:
    policy = json.loads(POLICY.read_text())
    actions = set()
    for statement in policy["Statement"]:
        assert statement["Effect"] == "Allow"
        action = statement["Action"]
        actions.update([action] if isinstance(action, str) else action)
    return actions


def operations(service: str) -> dict[str, str]:
    model = botocore.session.get_session().get_service_model(service)
    return {xform_name(name): name for name in model.operation_names}


def called_operations() -> set[str]:
    """cognito-idp/sts operations named in the gateway: client.method( calls, paginator names, operation
    names in quotes (pool_call), and the Create/Describe/Update/Delete/List operations of each
    PoolResource("Noun", ..., plural="Nouns") declaration."""
    # Service Quotas (the account's Cognito rate quotas) first: a shared name means the Cognito operation.
    known = {**{k: f"servicequotas:{v}" for k, v in operations("service-quotas").items()},
             **{k: f"cognito-idp:{v}" for k, v in operations("cognito-idp").items()}}
    known["get_caller_identity"] = "sts:GetCallerIdentity"
    found = set()
    for path in (ROOT / "console" / "cognito").rglob("*.py"):
        text = path.read_text()
        names = re.findall(r"\.([a-z_]+)\(", text) + re.findall(r"[\"']([a-z_]+)[\"']", text)
        names += [xform_name(n) for n in re.findall(r"pool_call\([^,]+, \"([A-Z]\w+)\"", text)]
        for noun, plural in re.findall(r"PoolResource\(\"(\w+)\".*?plural=\"(\w+)\"", text):
            names += [xform_name(f"{verb}{noun}") for verb in ("Create", "Describe", "Update", "Delete")]
            names.append(xform_name(f"List{plural}"))
        for name in names:
            if name in known:
                found.add(known[name])
    return found


def test_the_policy_is_valid_json_with_real_action_names():
    models = {"cognito-idp": "cognito-idp", "servicequotas": "service-quotas"}
    for action in policy_actions():
        service, _, name = action.partition(":")
        assert service in ("cognito-idp", "sts", "iam", "servicequotas"), action
        if service in models:
            assert name in operations(models[service]).values(), f"{action} is not a {service} operation"


def test_the_policy_allows_every_operation_the_console_calls():
    called = called_operations()
    assert {"cognito-idp:ListUsers", "servicequotas:ListServiceQuotas"} <= called  # the scan works
    missing = sorted(called - policy_actions())
    assert missing == [], f"add to docs/iam-policy.json: {missing}"


def test_the_policy_allows_nothing_the_console_never_calls():
    called = called_operations()
    unused = sorted(a for a in policy_actions() - called if not set(ROLE_PASSING.get(a, ("-",))) <= called)
    assert unused == [], f"docs/iam-policy.json grants actions no gateway code calls: {unused}"


def test_readme_and_security_point_to_the_one_policy_file_instead_of_copies():
    for name in ("README.md", "SECURITY.md"):
        text = (ROOT / name).read_text()
        assert "](docs/iam-policy.json)" in text, f"{name} does not link docs/iam-policy.json"
        assert '"cognito-idp:' not in text, f"{name} carries its own copy of the policy"


def test_the_policy_never_allows_signing_in_as_a_user():
    actions = policy_actions()
    for forbidden in ("cognito-idp:AdminInitiateAuth", "cognito-idp:InitiateAuth", "cognito-idp:*", "*"):
        assert forbidden not in actions
    assert "iam:PassRole" in actions
