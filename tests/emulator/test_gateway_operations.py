"""Every Cognito operation the gateway calls is answered by `make run`'s emulator (issue 13, item 7).

The operations are those console/cognito/ calls (the scan tests/security/test_iam_policy.py checks the
IAM policy with). Each is called once against the emulator process, on a pool with a user, a group,
an app client and an identity provider, with the request's required members filled in from Cognito's
service model. A refusal (not found, invalid value) is an answer; a 5xx (moto's reply to an operation
it lacks, or a handler that crashed) or "not implemented" is not.
"""

from datetime import UTC, datetime

import boto3
import botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError

from console.cognito.errors import UNSUPPORTED_CODES
from tests.emulator.test_cognito_identities import with_provider
from tests.fixtures.cognito import build_pool
from tests.security.test_iam_policy import called_operations

# Called last, in this order: they remove what the other calls use.
LAST = ("DeleteGroup", "DeleteIdentityProvider", "DeleteResourceServer", "DeleteUserPoolClient",
        "DeleteUserPoolDomain", "AdminDeleteUser", "DeleteUserPool")
MODEL = botocore.session.get_session().get_service_model("cognito-idp")


def gateway_operations() -> list[str]:
    found = {a.split(":", 1)[1] for a in called_operations() if a.startswith("cognito-idp:")}
    return sorted(found, key=lambda op: (LAST.index(op) if op in LAST else -1, op))


def value_for(name: str, shape, known: dict):
    if name in known:
        return known[name]
    kind, low = shape.type_name, shape.metadata.get("min", 0)
    if kind == "structure":
        return {m: value_for(m, s, known) for m, s in shape.members.items() if m in shape.required_members}
    if kind == "list":
        return [value_for(name, shape.member, known)] if low else []
    if kind == "map":
        return {}
    if kind == "string":
        return shape.enum[0] if shape.enum else "x" * max(int(low), 1)
    if kind in ("integer", "long"):
        return max(int(low), 1)
    if kind == "boolean":
        return False
    if kind == "timestamp":
        return datetime.now(UTC)
    return b"x"


def test_every_operation_the_gateway_calls_is_answered(emulator):
    pool = build_pool(users=1)
    with_provider(pool)
    username = pool.users["user0@example.com"]
    known = {
        "UserPoolId": pool.id,
        "Username": username,
        "ClientId": pool.client_id,
        "GroupName": "staff",
        "ProviderName": "Google",
        "ResourceArn": f"arn:aws:cognito-idp:us-east-1:123456789012:userpool/{pool.id}",
        "Identifier": "https://api.example.com",
        "Domain": "console-ops-test",
        "JobId": "import-0000000000",
        "CustomAttributes": [{"Name": "level", "AttributeDataType": "Number"}],
    }
    client = boto3.client("cognito-idp", endpoint_url=emulator.url, region_name="us-east-1",
                          config=Config(retries={"max_attempts": 1}))
    operations = gateway_operations()
    assert {"ListUsers", "AdminLinkProviderForUser", "AdminListUserSessions"} <= set(operations)  # the scan works
    unanswered = []
    for op in operations:
        model = MODEL.operation_model(op)
        params = value_for(op, model.input_shape, known) if model.input_shape else {}
        try:
            getattr(client, botocore.xform_name(op))(**params)
        except ClientError as exc:
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
            code = exc.response.get("Error", {}).get("Code", "")
            if status >= 500 or code in UNSUPPORTED_CODES or "not yet implemented" in str(exc).lower():
                unanswered.append(op)
    assert unanswered == []
