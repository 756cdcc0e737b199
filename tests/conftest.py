"""Shared fixtures: Cognito (moto in-process and a real moto server), operators
of each role, and the rule that turns missing services into failures on CI."""

import os

import pytest
from django.core.cache import cache

from tests.fixtures.cognito import *  # noqa: F403 - pool and emulator fixtures
from tests.fixtures.hostile import *  # noqa: F403 - users with hostile attribute values
from tests.fixtures.operators import *  # noqa: F403 - operator fixtures
from tests.fixtures.secrets import _secrets_never_leak, pytest_runtest_call  # noqa: F401 - no secret leaks
from tests.fixtures.services import *  # noqa: F403 - redis, chromium

os.makedirs(os.path.join(os.path.dirname(os.path.dirname(__file__)), "var"), exist_ok=True)  # file test DB lives here
os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
os.environ.pop("AWS_PROFILE", None)


@pytest.fixture(autouse=True)
def _isolated(settings):
    """Each test starts with an empty cache, fresh boto3 clients and no emulator endpoint."""
    from console.cognito.client import reset_clients

    # Password hashing is deliberately slow; tests don't need that.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CONSOLE_COGNITO_ENDPOINT_URL = None
    settings.CONSOLE_REGIONS = ["us-east-1"]
    # No Service Quotas round trip (to AWS) from every limited call; tests/cognito/test_quotas.py turns it on.
    settings.CONSOLE_RATE_QUOTAS_FROM_ACCOUNT = False
    cache.clear()
    reset_clients()
    yield
    cache.clear()
    reset_clients()
