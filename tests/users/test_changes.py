"""The shared shape of user services (console/users/changes.py): one audited change per call,
the user as the target, the job id kept, a Cognito refusal recorded with its code."""

import pytest

from console.cognito import users as cognito_users
from console.cognito.errors import CognitoError
from console.users import factor_services, services
from console.users.changes import one_call_service
from console.users.selectors import UNAVAILABLE, BackendData, backend_optional
from tests.users.helpers import events

pytestmark = pytest.mark.django_db


def test_it_audits_one_success_against_the_user_with_the_job_id():
    calls = []
    service = one_call_service("user.poke", lambda pool_id, username: calls.append((pool_id, username)))
    service(pool_id="eu-west-1_x", username="ann", reason="TICKET-9", job_id=None)
    assert calls == [("eu-west-1_x", "ann")]
    [event] = events("user.poke")
    assert (event.outcome, event.pool_id, event.target, event.reason) == ("success", "eu-west-1_x", "ann", "TICKET-9")


def test_it_audits_a_refusal_with_the_cognito_code_and_raises_it():
    def refuse(pool_id, username):
        raise CognitoError("No such user.", code="UserNotFoundException")

    with pytest.raises(CognitoError):
        one_call_service("user.poke", refuse)(pool_id="p", username="bob", reason="r")
    [event] = events("user.poke")
    assert (event.outcome, event.error_code, event.target) == ("failure", "UserNotFoundException", "bob")


def test_the_one_call_services_keep_their_names_and_take_a_job_id():
    for service in (
        services.user_reset_password,
        services.user_enable,
        services.user_sign_out,
        services.user_confirm_sign_up,
        services.user_delete,
        factor_services.user_remove_authenticator,
    ):
        assert service.__name__.startswith("user_") and service.__doc__
        assert service.__kwdefaults__ == {"reason": "", "job_id": None}


# --- Reads a backend may not offer (console/users/selectors.backend_optional) -----------------


def _refused(code):
    def fetch():
        raise CognitoError("Refused.", code=code)

    return fetch


def test_it_does_not_ask_the_emulator_for_what_it_lacks_unless_told(settings):
    settings.CONSOLE_COGNITO_ENDPOINT_URL = "http://127.0.0.1:1"
    assert backend_optional(lambda: ["x"]).unavailable == UNAVAILABLE
    assert backend_optional(lambda: ["x"], ask_emulator=True).items == ["x"]


def test_it_tells_unavailable_from_failed(settings):
    settings.CONSOLE_COGNITO_ENDPOINT_URL = ""
    code = sorted(cognito_users.UNAVAILABLE_CODES)[0]
    assert backend_optional(_refused(code)) == BackendData(unavailable=UNAVAILABLE)
    assert backend_optional(_refused("InternalErrorException")) == BackendData(error="Refused.")
