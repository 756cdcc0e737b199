"""Fault injection for tests and drills, off unless CONSOLE_FAULT_THROTTLE_SHARE > 0.

It answers a share of the limited clients' mutating calls (jobs, loops over users) with TooManyRequestsException
before they leave the process, exactly as Cognito would, so the integration
tests can prove that throttling never fails a row in a real worker process.
"""

import random

from botocore.awsrequest import AWSResponse
from django.conf import settings

INJECTED_OPERATIONS = (
    "AdminCreateUser",
    "AdminUpdateUserAttributes",
    "AdminAddUserToGroup",
    "AdminRemoveUserFromGroup",
    "AdminDisableUser",
    "AdminEnableUser",
    "AdminUserGlobalSignOut",
    "ListUsers",
)


class _Raw:
    def stream(self, **kwargs):
        return iter(())


def _throttle(model=None, **kwargs):
    share = settings.CONSOLE_FAULT_THROTTLE_SHARE
    if share <= 0 or random.random() >= share:
        return None
    http = AWSResponse("https://fault.invalid", 400, {}, _Raw())
    parsed = {
        "Error": {"Code": "TooManyRequestsException", "Message": "Rate exceeded (injected)"},
        "ResponseMetadata": {"HTTPStatusCode": 400, "HTTPHeaders": {}},
    }
    return http, parsed


def install(client, *, when) -> None:
    """Register the injector on a client when it is built (idempotent by unique_id). It acts on
    limited calls only (when()), and reads the share at each call, so turning it on needs no new client."""

    def throttle(**kwargs):
        return _throttle(**kwargs) if when() else None

    for op in INJECTED_OPERATIONS:
        client.meta.events.register(
            f"before-call.cognito-identity-provider.{op}", throttle, unique_id=f"console-fault-{op}"
        )
