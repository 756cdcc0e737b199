"""OpenID Connect sign-in: claim → role mapping and the operator backend, with fake claims (no network)."""

import pytest
from django.contrib.auth import authenticate
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from console.accounts.models import Operator
from console.accounts.oidc import OperatorOIDCBackend, SignInRefused
from console.accounts.rolemap import claim_values, parse_role_map, role_for_claims
from console.audit.models import AuditEvent

ROLE_MAP = "console-admins=admin,console-helpdesk=helpdesk,console-viewers=viewer"


@pytest.fixture
def oidc_settings(settings):
    settings.OIDC_RP_CLIENT_ID = "client-123"
    settings.OIDC_RP_CLIENT_SECRET = "client-secret-value"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.example/oauth2/token"
    settings.OIDC_OP_USER_ENDPOINT = ""
    settings.OIDC_OP_JWKS_ENDPOINT = "https://idp.example/.well-known/jwks.json"
    settings.OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:login"  # any resolvable name: no network here
    settings.CONSOLE_OIDC_ROLE_CLAIM = "cognito:groups"
    settings.CONSOLE_OIDC_ROLE_MAP = ROLE_MAP
    settings.CONSOLE_OIDC_USERNAME_CLAIM = "email"
    return settings


def make_request(path="/accounts/oidc/callback/", **params):
    request = RequestFactory().get(path, params)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def backend_for(request) -> OperatorOIDCBackend:
    backend = OperatorOIDCBackend()
    backend.request = request
    return backend


def claims(email="dana@example.com", groups=("console-helpdesk",)):
    return {"sub": "abc-123", "email": email, "cognito:groups": list(groups)}


# --- the mapping -----------------------------------------------------------------


def test_it_parses_the_role_map():
    assert parse_role_map(ROLE_MAP) == {
        "console-admins": "admin",
        "console-helpdesk": "helpdesk",
        "console-viewers": "viewer",
    }
    assert parse_role_map(" a = viewer , ") == {"a": "viewer"}
    assert parse_role_map("") == {}


@pytest.mark.parametrize("bad", ["console-admins", "x=superuser", "=admin", "x="])
def test_it_refuses_a_malformed_role_map(bad):
    with pytest.raises(ValueError):
        parse_role_map(bad)


@pytest.mark.parametrize(
    "value,expected",
    [
        (["console-viewers"], "viewer"),
        (["console-viewers", "console-admins"], "admin"),  # the most powerful wins
        (["console-helpdesk", "staff"], "helpdesk"),
        ("console-helpdesk,console-viewers", "helpdesk"),  # a string claim
        ("console-admins console-viewers", "admin"),
        (["staff", "customers"], None),  # nothing mapped
        ([], None),
        (None, None),
    ],
)
def test_it_maps_the_group_claim_to_a_role(value, expected):
    assert role_for_claims({"cognito:groups": value}, claim="cognito:groups", role_map=parse_role_map(ROLE_MAP)) == (
        expected
    )


def test_the_claim_name_is_configurable():
    groups = {"groups": ["ops"]}
    assert role_for_claims(groups, claim="groups", role_map={"ops": "admin"}) == "admin"
    assert role_for_claims(groups, claim="cognito:groups", role_map={"ops": "admin"}) is None
    assert claim_values("  a  b,c ") == ["a", "b", "c"]


# --- the backend -----------------------------------------------------------------


def test_it_creates_an_operator_with_exactly_the_mapped_role(db, oidc_settings):
    backend = backend_for(make_request())
    operator = backend.get_or_create_user("access", "id", claims(groups=["console-helpdesk", "staff"]))
    assert operator.username == "dana@example.com"
    assert operator.role == "helpdesk"
    assert list(operator.groups.values_list("name", flat=True)) == ["helpdesk"]
    assert not operator.has_usable_password()
    assert not operator.is_superuser
    event = AuditEvent.objects.get(action="operator.create")
    assert event.params == {"role": "helpdesk", "method": "oidc"}


def test_it_updates_the_role_at_each_sign_in(db, oidc_settings):
    backend = backend_for(make_request())
    backend.get_or_create_user("a", "i", claims(groups=["console-admins"]))
    operator = backend.get_or_create_user("a", "i", claims(groups=["console-viewers"]))
    operator = Operator.objects.get(pk=operator.pk)
    assert operator.role == "viewer"
    assert list(operator.groups.values_list("name", flat=True)) == ["viewer"]
    change = AuditEvent.objects.get(action="operator.role_change")
    assert change.params == {"role": "viewer", "previous": "admin", "method": "oidc"}


def test_it_refuses_a_sign_in_without_a_mapped_group(db, oidc_settings):
    request = make_request()
    with pytest.raises(SignInRefused, match="not in a group that gives a console role"):
        backend_for(request).get_or_create_user("a", "i", claims(groups=["customers"]))
    assert not Operator.objects.exists()
    assert "not in a group" in [str(m) for m in request._messages][0]


def test_it_refuses_a_sign_in_without_the_role_claim(db, oidc_settings):
    no_claim = {"sub": "abc", "email": "dana@example.com"}
    with pytest.raises(SignInRefused):
        backend_for(make_request()).get_or_create_user("a", "i", no_claim)


def test_it_refuses_claims_without_a_username(db, oidc_settings):
    with pytest.raises(SignInRefused, match="'email' claim"):
        backend_for(make_request()).get_or_create_user("a", "i", {"cognito:groups": ["console-admins"]})


def test_it_never_takes_over_a_local_password_operator(oidc_settings, alice):
    alice.email = "alice@example.com"
    alice.save()
    hostile = claims(email="alice", groups=["console-admins"])
    with pytest.raises(SignInRefused, match="signs in with a password"):
        backend_for(make_request()).get_or_create_user("a", "i", hostile)


def test_a_removed_role_group_refuses_the_next_sign_in(db, oidc_settings):
    backend = backend_for(make_request())
    backend.get_or_create_user("a", "i", claims(groups=["console-admins"]))
    with pytest.raises(SignInRefused):
        backend.get_or_create_user("a", "i", claims(groups=[]))


@pytest.fixture
def provider_vouches(oidc_settings, monkeypatch):
    """The whole authenticate() chain with the provider stubbed: provider_vouches(claims, code) returns the
    callback request for which the provider hands out tokens and vouches for these claims."""
    oidc_settings.AUTHENTICATION_BACKENDS = [
        "console.accounts.backends.ThrottleBackend",
        "console.accounts.backends.RoleBackend",
        "console.accounts.oidc.OperatorOIDCBackend",
    ]
    monkeypatch.setattr(OperatorOIDCBackend, "get_token", lambda self, payload: {"id_token": "i", "access_token": "a"})

    def vouch(given: dict, code: str = "c"):
        monkeypatch.setattr(OperatorOIDCBackend, "verify_token", lambda self, token, **kw: given)
        request = make_request(code=code, state="s")
        request.META["REMOTE_ADDR"] = "10.9.9.9"
        return request

    return vouch


def test_full_authenticate_refusal_is_audited_once(db, provider_vouches):
    request = provider_vouches(claims(groups=["staff"]), code="auth-code-xyz")
    assert authenticate(request, nonce="n", code_verifier="v") is None
    event = AuditEvent.objects.get(action="operator.sign_in")
    assert event.outcome == "failure"
    assert "not in a group that gives a console role" in event.message
    assert "auth-code-xyz" not in str(list(AuditEvent.objects.values()))


def test_full_authenticate_success_returns_the_operator(db, provider_vouches):
    request = provider_vouches(claims(groups=["console-admins"]))
    operator = authenticate(request, nonce="n", code_verifier="v")
    assert operator is not None and operator.role == "admin"
    assert operator.backend == "console.accounts.oidc.OperatorOIDCBackend"


def test_settings_refuse_a_half_configured_provider():
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "CONSOLE_OIDC_CLIENT_ID": "abc", "DJANGO_SETTINGS_MODULE": "console.settings"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "CONSOLE_OIDC_CLIENT_SECRET" in result.stderr
    assert "CONSOLE_OIDC_TOKEN_ENDPOINT" in result.stderr


def test_a_configured_provider_mounts_the_sign_in_urls():
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "console.settings",
        "CONSOLE_OIDC_CLIENT_ID": "abc",
        "CONSOLE_OIDC_CLIENT_SECRET": "s3cret",
        "CONSOLE_OIDC_AUTHORIZATION_ENDPOINT": "https://idp.example/oauth2/authorize",
        "CONSOLE_OIDC_TOKEN_ENDPOINT": "https://idp.example/oauth2/token",
        "CONSOLE_OIDC_JWKS_ENDPOINT": "https://idp.example/jwks.json",
        "CONSOLE_OIDC_ROLE_MAP": ROLE_MAP,
    }
    code = (
        "import django; django.setup(); from django.urls import reverse; from django.conf import settings as s; "
        "print(reverse('accounts:oidc_authentication_init'), reverse(s.OIDC_AUTHENTICATION_CALLBACK_URL), "
        "s.AUTHENTICATION_BACKENDS[-1])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "/accounts/oidc/authenticate/",
        "/accounts/oidc/callback/",
        "console.accounts.oidc.OperatorOIDCBackend",
    ]
    bad = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=Path(__file__).resolve().parents[2],
        env={**env, "CONSOLE_OIDC_ROLE_MAP": ""},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "CONSOLE_OIDC_ROLE_MAP" in bad.stderr
