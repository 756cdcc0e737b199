import pytest


@pytest.fixture
def calls(cognito_calls):
    """Every Cognito operation made during the test, by name (the pools tests' name for it)."""
    return cognito_calls

@pytest.fixture
def security_emulated(aws, monkeypatch):
    """In-process moto answering risk configuration and log delivery, and refusing threat
    protection below the Plus plan, as the emulator does (console/emulator/pool_security.py)."""
    from moto.cognitoidp import responses

    from console.emulator import pool_security

    for handler in pool_security.HANDLERS:
        monkeypatch.setattr(responses.CognitoIdpResponse, handler.__name__, handler, raising=False)
    original = responses.CognitoIdpResponse.update_user_pool
    monkeypatch.setattr(responses.CognitoIdpResponse, "update_user_pool", pool_security._tier_checked(original))


def assert_refused(save, calls: list[str], *, action: str, match: str, code: str = "FeatureUnavailableInTier",
                   **kwargs) -> None:
    """The service itself refuses (whoever calls it): nothing changed in Cognito since `calls` was
    last cleared, and the refusal is audited as one failure with its code."""
    from console.audit.models import AuditEvent
    from console.pools.changes import ChangeRefused
    from tests.fixtures.cognito import changing

    with pytest.raises(ChangeRefused, match=match):
        save(**kwargs)
    assert changing(calls) == []
    refused = AuditEvent.objects.get(action=action)
    assert (refused.outcome, refused.error_code) == ("failure", code)
