"""Which Cognito the console is talking to, for the badge in the layout."""

from dataclasses import dataclass

from console.cognito.client import aws_account, cognito, default_region, endpoint_url, using_emulator
from console.cognito.errors import CognitoError, translated


@dataclass
class Backend:
    emulator: bool
    label: str
    account: str = ""
    endpoint: str = ""


def backend_describe() -> Backend:
    """The backend in use; the AWS account id is looked up once and cached."""
    if using_emulator():
        return Backend(emulator=True, label="Local emulator", endpoint=endpoint_url() or "")
    return Backend(emulator=False, label=f"AWS {default_region()}", account=aws_account())


def cognito_reachable() -> tuple[bool, str]:
    """A cheap read (ListUserPools, one item) to tell whether Cognito answers."""

    try:
        with translated("ListUserPools"):
            cognito().list_user_pools(MaxResults=1)
    except CognitoError as exc:
        return False, exc.message
    return True, ""
