"""One exception type for everything that goes wrong talking to Cognito.

botocore raises a zoo of exceptions (ClientError with an error code, endpoint
and credential errors, timeouts). Above the gateway the console only needs to
know: what to tell the operator, which Cognito code it was, and whether trying
again later could help.
"""

import contextlib
import logging

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    NoCredentialsError,
    NoRegionError,
    ParamValidationError,
    PartialCredentialsError,
    ReadTimeoutError,
)

log = logging.getLogger(__name__)

# Plain-language messages for the codes an operator meets most.
MESSAGES = {
    "UserNotFoundException": "No such user in this pool.",
    "ResourceNotFoundException": "That resource no longer exists in Cognito (it may have been deleted).",
    "UsernameExistsException": "A user with that username (or sign-in email/phone) already exists.",
    "AliasExistsException": "Another user already uses that email or phone number.",
    "GroupExistsException": "A group with that name already exists.",
    "InvalidParameterException": "Cognito refused a value: {detail}",
    "InvalidPasswordException": "The password does not satisfy the pool's password policy: {detail}",
    "NotAuthorizedException": "Cognito refused the operation: {detail}",
    "AccessDeniedException": "The console's AWS credentials are not allowed to do this (check the IAM policy).",
    "UnrecognizedClientException": "The console's AWS credentials are not valid.",
    "ExpiredTokenException": "The console's AWS credentials have expired.",
    "TooManyRequestsException": "Cognito is throttling requests right now. Try again in a moment.",
    "ThrottlingException": "Cognito is throttling requests right now. Try again in a moment.",
    "LimitExceededException": "A Cognito limit was reached: {detail}",
    "UserNotConfirmedException": "The user has not confirmed their account yet.",
    "UnsupportedUserStateException": "That action is not possible in the user's current state: {detail}",
    "CodeDeliveryFailureException": "Cognito could not deliver the message to the user: {detail}",
    "InvalidEmailRoleAccessPolicyException": "Cognito is not allowed to send email for this pool: {detail}",
    "InvalidSmsRoleAccessPolicyException": "Cognito is not allowed to send SMS for this pool: {detail}",
    "UserPoolTaggingException": "The pool's tags could not be changed: {detail}",
    "ConcurrentModificationException": "Someone else changed this at the same moment. Reload and try again.",
    "InternalErrorException": "Cognito had an internal error. Try again in a moment.",
    "NotImplemented": "The Cognito backend in use does not offer this operation.",
    "NotImplementedError": "The Cognito backend in use does not offer this operation.",
}

RETRYABLE_CODES = {
    "TooManyRequestsException",
    "ThrottlingException",
    "InternalErrorException",
    "ServiceUnavailable",
    "RequestTimeout",
    "ConcurrentModificationException",
    "Unreachable",
}
UNSUPPORTED_CODES = {"NotImplemented", "NotImplementedError", "UnknownOperationException"}
THROTTLING_CODES = {"TooManyRequestsException", "ThrottlingException", "RequestLimitExceeded"}


class CognitoError(Exception):
    """A failed Cognito call, told in words an operator understands."""

    def __init__(self, message: str, *, code: str = "", retryable: bool = False, operation: str = ""):
        super().__init__(message)
        self.message = message
        self.code = code
        self.retryable = retryable
        self.operation = operation

    @property
    def throttled(self) -> bool:
        return self.code in THROTTLING_CODES

    @property
    def unsupported(self) -> bool:
        """The backend does not offer the operation (the emulator lacks some)."""
        return self.code in UNSUPPORTED_CODES

    @property
    def not_found(self) -> bool:
        return self.code in ("UserNotFoundException", "ResourceNotFoundException")

    def __str__(self) -> str:
        return self.message


def translate(exc: Exception, operation: str = "") -> CognitoError:
    """Turn a botocore exception into a CognitoError."""
    if isinstance(exc, CognitoError):
        return exc
    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        code = error.get("Code", "") or "Unknown"
        detail = (error.get("Message") or "").strip() or code
        if code.isdigit():
            return _http_error(int(code), operation)
        template = MESSAGES.get(code)
        message = template.format(detail=detail) if template else f"Cognito error {code}: {detail}"
        return CognitoError(message, code=code, retryable=code in RETRYABLE_CODES, operation=operation)
    if isinstance(exc, (NoCredentialsError, PartialCredentialsError)):
        return CognitoError(
            "No AWS credentials were found. Configure them (environment, profile or role) "
            "or run without AWS to use the local emulator.",
            code="NoCredentials",
            operation=operation,
        )
    if isinstance(exc, NoRegionError):
        return CognitoError("No AWS region is configured (set CONSOLE_REGIONS).", code="NoRegion", operation=operation)
    if isinstance(exc, (EndpointConnectionError, ConnectTimeoutError, ReadTimeoutError, ConnectionClosedError)):
        return CognitoError(
            "Cannot reach Cognito. Check the network or the emulator, then try again.",
            code="Unreachable",
            retryable=True,
            operation=operation,
        )
    if isinstance(exc, ParamValidationError):
        return CognitoError(f"Invalid request: {exc}", code="InvalidParameterException", operation=operation)
    if isinstance(exc, BotoCoreError):
        return CognitoError(f"Cognito call failed: {exc}", code=type(exc).__name__, operation=operation)
    raise exc


def _http_error(status: int, operation: str) -> CognitoError:
    """A bare HTTP error (an HTML page, no Cognito error code)."""
    from console.cognito.client import using_emulator

    if using_emulator() and status >= 500:
        # The moto server answers operations it lacks with a bare 500 page.
        return CognitoError(MESSAGES["NotImplemented"], code="NotImplemented", operation=operation)
    return CognitoError(
        f"Cognito answered with HTTP {status} and no explanation. Try again in a moment.",
        code=f"HTTP{status}",
        retryable=status >= 500,
        operation=operation,
    )


@contextlib.contextmanager
def translated(operation: str = ""):
    """Run a block of boto3 calls; any botocore failure leaves as CognitoError."""
    try:
        yield
    except (ClientError, BotoCoreError) as exc:
        error = translate(exc, operation)
        log.info("cognito %s failed: %s (%s)", operation or "call", error.code, error.message)
        raise error from exc
    except NotImplementedError as exc:
        # moto (the emulator, and the in-process mock in tests) raises this for
        # operations it lacks; to the operator that is a backend limitation.
        raise CognitoError(MESSAGES["NotImplemented"], code="NotImplemented", operation=operation) from exc
