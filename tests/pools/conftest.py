import pytest

from console.cognito.client import cognito


@pytest.fixture
def calls():
    """Every Cognito operation made during the test, by name."""
    made = []
    cognito().meta.events.register("before-call.cognito-idp", lambda model, **kw: made.append(model.name))
    return made
