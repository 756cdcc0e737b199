"""What the tests of the pool configuration pages (messaging, triggers) share; the `calls`
fixture is in conftest.py."""

from console.audit.models import AuditEvent
from console.cognito.client import cognito

READS = ("Describe", "Get", "List")
SES_ARN = "arn:aws:ses:us-east-1:123456789012:identity/example.com"

# Settings no configuration page of these changes: each test adds its section's own and checks
# that saving that section gives every one of these back unchanged.
UNRELATED = dict(
    Policies={"PasswordPolicy": {"MinimumLength": 14, "RequireUppercase": True, "TemporaryPasswordValidityDays": 3}},
    DeletionProtection="ACTIVE",
    AutoVerifiedAttributes=["email"],
    AccountRecoverySetting={"RecoveryMechanisms": [{"Priority": 1, "Name": "verified_email"}]},
    DeviceConfiguration={"ChallengeRequiredOnNewDevice": True},
    UserPoolTags={"team": "identity"},
)


def described(pool_id: str) -> dict:
    return cognito().describe_user_pool(UserPoolId=pool_id)["UserPool"]


def assert_refused(response, calls: list[str], field: str, message: str, action: str) -> None:
    """The page shows the form again with a clear message on the field; Cognito was only read."""
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not [c for c in calls if not c.startswith(READS)]
    assert not AuditEvent.objects.filter(action=action).exists()
