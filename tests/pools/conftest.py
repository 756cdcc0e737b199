import pytest


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
