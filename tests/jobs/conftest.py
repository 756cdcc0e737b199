import pytest

from console.cognito.provisioning import PoolSchema, SchemaAttribute


@pytest.fixture(autouse=True)
def _job_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.CONSOLE_RATE_LIMITS_ENABLED = False
    settings.CONSOLE_JOB_CHUNK_SIZE = 10
    settings.CONSOLE_JOB_CONCURRENCY = 1  # threads need their own connections: see the transactional test


@pytest.fixture
def email_schema():
    """Like the `pool` fixture: signs in by email, custom:department."""
    attrs = {
        "sub": SchemaAttribute("sub", mutable=False, required=True),
        "email": SchemaAttribute("email", required=True),
        "email_verified": SchemaAttribute("email_verified", data_type="Boolean"),
        "phone_number": SchemaAttribute("phone_number"),
        "given_name": SchemaAttribute("given_name"),
        "family_name": SchemaAttribute("family_name"),
        "birthdate": SchemaAttribute("birthdate", min_length=10, max_length=10),
        "custom:department": SchemaAttribute("custom:department", max_length=20),
        "custom:level": SchemaAttribute("custom:level", data_type="Number", min_value=1, max_value=5),
    }
    return PoolSchema(pool_id="us-east-1_test", attributes=attrs, username_attributes=["email"])


@pytest.fixture
def username_schema(email_schema):
    attrs = dict(email_schema.attributes)
    attrs["email"] = SchemaAttribute("email")
    return PoolSchema(pool_id="us-east-1_test", attributes=attrs)


def write(tmp_path, text: str | bytes, name="users.csv"):
    path = tmp_path / name
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return str(path)
