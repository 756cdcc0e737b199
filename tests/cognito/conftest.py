"""The Stubber fixture of the gateway tests for operations moto lacks: the request is checked
against Cognito's service model and every expected call must have happened."""

import pytest
from botocore.stub import Stubber

from console.cognito.client import cognito


@pytest.fixture
def stub(aws, settings):
    """botocore's Stubber on us-east-1's client: each request checked against Cognito's model."""
    settings.CONSOLE_RATE_LIMITS_ENABLED = False
    with Stubber(cognito("us-east-1")) as stubber:
        yield stubber
        stubber.assert_no_pending_responses()
