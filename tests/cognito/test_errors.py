from botocore.exceptions import ClientError, EndpointConnectionError, NoCredentialsError

from console.cognito.errors import translate


def _client_error(code, message="details"):
    return ClientError({"Error": {"Code": code, "Message": message}}, "AdminGetUser")


def test_it_speaks_plainly_about_common_codes():
    assert translate(_client_error("UserNotFoundException")).message == "No such user in this pool."
    throttled = translate(_client_error("TooManyRequestsException"))
    assert throttled.retryable and throttled.throttled
    assert "Try again" in throttled.message
    invalid = translate(_client_error("InvalidParameterException", "bad email"))
    assert invalid.message == "Cognito refused a value: bad email"
    assert not invalid.retryable
    assert "limit was reached" in translate(_client_error("LimitExceededException")).message
    assert translate(_client_error("SomethingNew", "odd")).message == "Cognito error SomethingNew: odd"


def test_it_explains_network_and_credential_failures():
    unreachable = translate(EndpointConnectionError(endpoint_url="http://x"))
    assert unreachable.code == "Unreachable" and unreachable.retryable
    assert "Cannot reach Cognito" in unreachable.message
    assert "No AWS credentials" in translate(NoCredentialsError()).message


def test_only_the_gateway_imports_boto3():
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2] / "console"
    offenders = [
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if re.search(r"^\s*(import|from)\s+(boto3|botocore)\b", p.read_text(), re.M)
        and p.relative_to(root).parts[0] != "cognito"
    ]
    assert offenders == []
