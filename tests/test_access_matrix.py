"""Every URL × persona × method against a table of who may do what.

A URL pattern without an entry in ACCESS fails the test, so nothing new ships
without a decision about who may reach it. For each entry the expected outcome
per persona is derived from the permission it needs:
- anonymous: a redirect to sign-in (or 200 for public pages);
- a role without the permission, or an operator limited to other pools: 403, audited;
- a role with the permission: anything but 403, 5xx or the sign-in redirect.
No GET may make a mutating Cognito call.
"""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from console.audit.models import AuditEvent
from console.cognito.client import cognito
from console.jobs.models import ImportUpload, Job
from tests.fixtures.operators import make_operator

PUBLIC = "public"
SIGNED_IN = "signed_in"

# url name -> {method: permission codename | PUBLIC | SIGNED_IN}
ACCESS = {
    "core:home": {"GET": "view_console"},
    "core:healthz": {"GET": PUBLIC},
    "accounts:login": {"GET": PUBLIC, "POST": PUBLIC},
    "accounts:logout": {"POST": SIGNED_IN},
    "accounts:security": {"GET": "view_console"},
    "accounts:two_factor_start": {"POST": "view_console"},
    "accounts:two_factor_enrol": {"GET": "view_console", "POST": "view_console"},
    "accounts:two_factor_disable": {"POST": "view_console"},
    "accounts:two_factor_verify": {"GET": "view_console", "POST": "view_console"},
    "audit:list": {"GET": "view_audit"},
    "audit:export": {"GET": "view_audit"},
    "operators:list": {"GET": "manage_operators"},
    "operators:new": {"GET": "manage_operators", "POST": "manage_operators"},
    "operators:edit": {"GET": "manage_operators", "POST": "manage_operators"},
    "operators:password": {"POST": "manage_operators"},
    "quotas:list": {"GET": "manage_operators"},
    "jobs:list": {"GET": "view_console"},
    "jobs:detail": {"GET": "view_console"},
    "jobs:cancel": {"POST": "run_imports"},  # the fixture job is an import
    "jobs:results": {"GET": "view_console"},
    "jobs:failures": {"GET": "view_console"},
    "jobs:import_upload": {"GET": "run_imports", "POST": "run_imports"},
    "jobs:import_template": {"GET": "run_imports"},
    "jobs:import_check": {"GET": "run_imports", "POST": "run_imports"},
    "jobs:import_errors": {"GET": "run_imports"},
    "jobs:native_list": {"GET": "run_imports", "POST": "run_imports"},
    "jobs:native_header": {"GET": "run_imports"},
    "jobs:native_stop": {"POST": "run_imports"},
    "jobs:bulk_choose": {"GET": "run_bulk"},
    "jobs:bulk_confirm": {"POST": "run_bulk"},
    "jobs:bulk_count": {"GET": "run_bulk"},
    "jobs:bulk_reverse": {"POST": "run_bulk"},
    "jobs:export_new": {"GET": "export_users", "POST": "export_users"},
    "jobs:export_download": {"GET": "export_users"},
    "pools:list": {"GET": "view_console"},
    "pools:switch": {"GET": "view_console"},
    "pools:detail": {"GET": "view_console"},
    "pools:new": {"GET": "manage_pools", "POST": "manage_pools"},
    "pools:edit": {"GET": "manage_pools", "POST": "manage_pools"},
    "pools:attribute_new": {"GET": "manage_pools", "POST": "manage_pools"},
    "pools:delete": {"GET": "manage_pools", "POST": "manage_pools"},
    "pools:client": {"GET": "view_console"},
    "pools:client_created": {"GET": "manage_pools"},
    "pools:client_new": {"GET": "manage_pools", "POST": "manage_pools"},
    "pools:client_edit": {"GET": "manage_pools", "POST": "manage_pools"},
    "pools:client_delete": {"POST": "manage_pools"},
    "pools:client_secret_new": {"POST": "manage_pools"},
    "pools:client_secret_delete": {"POST": "manage_pools"},
    "pools:domain_new": {"POST": "manage_pools"},
    "pools:domain_delete": {"POST": "manage_pools"},
    # Domains and branding (issue 14, item 7): admin pages.
    **{name: {"GET": "manage_pools", "POST": "manage_pools"} for name in (
        "pools:domain_custom_new", "pools:domain_settings", "pools:hosted_ui", "pools:hosted_ui_client",
        "pools:managed_login")},
    "pools:managed_login_delete": {"POST": "manage_pools"},
    "pools:provider": {"GET": "view_console"},
    "pools:provider_new": {"GET": "manage_pools", "POST": "manage_pools"},
    "pools:provider_edit": {"GET": "manage_pools", "POST": "manage_pools"},
    "pools:provider_delete": {"POST": "manage_pools"},
    "pools:provider_find": {"GET": "view_console"},
    "pools:signing_certificate": {"GET": "view_console"},
    "pools:resource_server_new": {"GET": "manage_pools", "POST": "manage_pools"},
    "pools:resource_server_edit": {"GET": "manage_pools", "POST": "manage_pools"},
    "pools:resource_server_delete": {"POST": "manage_pools"},
    "pools:signin": {"GET": "manage_pools", "POST": "manage_pools"},
    "pools:tags": {"GET": "manage_pools", "POST": "manage_pools"},
    "pools:messaging": {"GET": "manage_pools", "POST": "manage_pools"},
    "pools:triggers": {"GET": "manage_pools", "POST": "manage_pools"},
    "pools:threats": {"GET": "manage_pools", "POST": "manage_pools"},
    "pools:threats_client": {"GET": "manage_pools", "POST": "manage_pools"},
    "pools:log_delivery": {"GET": "manage_pools", "POST": "manage_pools"},
    "users:list": {"GET": "view_console"},
    "users:create": {"GET": "manage_users", "POST": "manage_users"},
    "users:detail": {"GET": "view_console"},
    "users:action": {"POST": "helpdesk_users"},
    "users:device": {"GET": "helpdesk_users"},  # the URL's action is "disable"; every action: USER_ACTIONS
    "users:events": {"GET": "view_console"},
    "finder:find": {"GET": "view_console"},
    "groups:list": {"GET": "view_console"},
    "groups:new": {"GET": "manage_pools", "POST": "manage_pools"},
    "groups:edit": {"GET": "manage_pools", "POST": "manage_pools"},
    "groups:delete": {"GET": "manage_pools", "POST": "manage_pools"},
    "groups:count": {"GET": "view_console"},
    "groups:members": {"GET": "view_console"},
    "groups:member_search": {"GET": "manage_membership"},
    "groups:member_add": {"POST": "manage_membership"},
    "groups:member_remove": {"POST": "manage_membership"},
}

# Pool-scoped through the object they name (a job, an upload), not through the URL.
SCOPED_BY_OBJECT = {"jobs:detail", "jobs:cancel", "jobs:results", "jobs:failures", "jobs:import_check",
                    "jobs:import_errors", "jobs:bulk_reverse", "jobs:export_download"}
# An upload is checked only by the operator who uploaded it (the fixture's owner is "admin").
OWNER_ONLY = {"jobs:import_check", "jobs:import_errors"}
# Signing out ends at the sign-in page: there the redirect is the success.
ENDS_AT_SIGN_IN = {"accounts:logout"}
READ_PREFIXES = ("List", "Describe", "Get", "AdminGet", "AdminList")
# Every CSV download and every page that shows a secret once: never kept by a browser or a proxy
# (Cache-Control: no-store, by django's never_cache). The sweep below fails on a download that is
# missing here; test_downloads_and_one_time_secrets_are_never_cached asks each for real.
NO_STORE = {
    "audit:export": "GET",
    "jobs:results": "GET",
    "jobs:failures": "GET",
    "jobs:import_template": "GET",
    "jobs:import_errors": "GET",
    "jobs:native_header": "GET",
    "jobs:export_download": "GET",
    "operators:new": "POST",
    "operators:password": "POST",
}  # pools:client_created and the user actions that show a password: tests/pools, tests/users


def _patterns(resolver=None, prefix="", route=""):
    """(namespaced name, full route) of every named URL pattern."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _patterns(entry, namespace, route + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}", route + str(entry.pattern)


def test_every_url_has_an_entry_in_the_table():
    names = {name for name, _ in _patterns()}
    assert sorted(names - set(ACCESS)) == [], "add these URLs to ACCESS with the permission they need"
    assert sorted(set(ACCESS) - names) == [], "ACCESS lists URLs that no longer exist"


def _params(route: str) -> list[str]:
    return re.findall(r"<(?:\w+:)?(\w+)>", route)


def _url(name, route, values: dict) -> str:
    return reverse(name, kwargs={p: values[p] for p in _params(route)})


def federation_objects(pool_id: str) -> None:
    """The identity provider and resource server url_values names (in moto's pool)."""
    cognito().create_identity_provider(
        UserPoolId=pool_id, ProviderName="Okta", ProviderType="OIDC",
        ProviderDetails={"client_id": "c", "client_secret": "s", "authorize_scopes": "openid",
                         "attributes_request_method": "GET", "oidc_issuer": "https://idp.example.com"},
    )
    cognito().create_resource_server(UserPoolId=pool_id, Identifier="https://api.example.com", Name="API")


def url_values(admin, *, pool_id: str, username: str, client_id: str, job_status: str = "") -> dict:
    """A value for every parameter of the URL patterns, with the objects they name: an operator
    to act on, an import job (finished unless told) and an upload to check."""
    target = make_operator("tessa", "viewer")
    job = Job.objects.create(kind=Job.KIND_IMPORT, pool_id=pool_id, operator=admin,
                             status=job_status or Job.FINISHED, title="sweep")
    upload = ImportUpload.objects.create(pool_id=pool_id, operator=admin, filename="x.csv")
    return {"pool_id": pool_id, "username": username, "group": "staff", "group_name": "staff",
            "operator_id": target.pk, "client_id": client_id, "job_id": job.pk, "token": upload.token,
            "action": "disable", "kind": "oidc", "name": "Okta", "identifier": "https://api.example.com",
            "device_key": "us-east-1_0f6e7a3c-1111-2222-3333-444455556666", "secret_id": "secret-1"}


# "outsider" is an admin limited to another pool, "scoped" an admin limited to the test pool:
# both see what their scope allows, neither may manage operators (that would widen their scope).
PERSONAS = ["anonymous", "viewer", "helpdesk", "admin", "outsider", "scoped"]


@pytest.fixture
def personas(pool, db):
    operators = {
        "viewer": make_operator("vera", "viewer"),
        "helpdesk": make_operator("hugo", "helpdesk"),
        "admin": make_operator("alice", "admin"),
        "outsider": make_operator("otto", "admin", pools=["us-east-1_SomewhereElse"]),
        "scoped": make_operator("sam", "admin", pools=[pool.id]),
    }
    return operators


def _client(personas, persona) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(personas[persona])
    return client


def test_every_persona_gets_exactly_what_the_table_allows(pool, personas, cognito_calls):
    from console.accounts.permissions import has_perm

    patterns = dict(_patterns())
    federation_objects(pool.id)
    values = url_values(personas["admin"], pool_id=pool.id, username=pool.users["user0@example.com"],
                        client_id=pool.client_id)
    problems = []
    for name, methods in ACCESS.items():
        url = _url(name, patterns[name], values)
        for method, needs in methods.items():
            for persona in PERSONAS:
                client = _client(personas, persona)
                denied_before = AuditEvent.objects.filter(action="access.denied").count()
                cognito_calls.clear()
                response = client.generic(method, url)
                status = response.status_code
                login_redirect = status == 302 and "/accounts/login/" in response.get("Location", "")
                if method == "GET":
                    mutating = [c for c in cognito_calls if not c.startswith(READ_PREFIXES)]
                    if mutating:
                        problems.append(f"{method} {name} as {persona} called {mutating}")
                if status >= 500:
                    problems.append(f"{method} {name} as {persona}: {status}")
                    continue
                download = "attachment" in response.get("Content-Disposition", "") or response.get(
                    "Content-Type", ""
                ).startswith("text/csv")
                if download and (name not in NO_STORE or "no-store" not in response.get("Cache-Control", "")):
                    problems.append(f"{method} {name} as {persona}: a download without no-store (add it to NO_STORE)")
                if needs == PUBLIC:
                    if status in (401, 403) or login_redirect:
                        problems.append(f"{method} {name} as {persona}: {status}, expected public")
                    continue
                if persona == "anonymous":
                    if not login_redirect:
                        problems.append(f"{method} {name} as anonymous: {status}, expected sign-in redirect")
                    continue
                operator = personas[persona]
                allowed = needs == SIGNED_IN or has_perm(operator, needs)
                pool_scoped = "pool_id" in _params(patterns[name]) or name in SCOPED_BY_OBJECT
                in_scope = not pool_scoped or operator.can_see_pool(pool.id)
                if name in OWNER_ONLY and persona != "admin":
                    in_scope = False
                if allowed and in_scope:
                    if status == 403 or (login_redirect and name not in ENDS_AT_SIGN_IN):
                        problems.append(f"{method} {name} as {persona}: {status}, expected access")
                else:
                    if status != 403:
                        problems.append(f"{method} {name} as {persona}: {status}, expected 403")
                    elif AuditEvent.objects.filter(action="access.denied").count() != denied_before + 1:
                        problems.append(f"{method} {name} as {persona}: 403 not audited")
    assert problems == []


# Each helpdesk/admin action on one user and the permission it needs.
USER_ACTIONS = {
    "reset_password": "helpdesk_users",
    "resend_invitation": "helpdesk_users",
    "set_temporary_password": "helpdesk_users",
    "set_password": "manage_users",
    "enable": "helpdesk_users",
    "disable": "helpdesk_users",
    "sign_out": "helpdesk_users",
    "confirm_sign_up": "helpdesk_users",
    "verify_email": "helpdesk_users",
    "verify_phone": "helpdesk_users",
    "reset_mfa": "helpdesk_users",
    "remove_authenticator": "helpdesk_users",
    "set_mfa_preference": "helpdesk_users",
    "forget_device": "helpdesk_users",
    "device_not_remembered": "helpdesk_users",
    "revoke_session": "helpdesk_users",
    "unlink_identity": "helpdesk_users",
    "link_identity": "manage_users",
    "auth_event_feedback": "helpdesk_users",
    "update_attributes": "manage_users",
    "delete_attribute": "manage_users",
    "delete": "manage_users",
    "group_add": "manage_membership",
    "group_remove": "manage_membership",
}


def test_every_user_action_needs_its_permission(pool, personas, cognito_calls):
    from console.accounts.permissions import has_perm
    from console.users.actions import USER_PAGE_ACTIONS as ACTION_PERMISSIONS

    assert set(ACTION_PERMISSIONS) == set(USER_ACTIONS), "add new user actions to USER_ACTIONS"
    problems = []
    for action, needs in USER_ACTIONS.items():
        url = reverse("users:action", kwargs={"pool_id": pool.id, "action": action})
        for persona in ("viewer", "helpdesk", "admin", "outsider", "scoped"):
            operator = personas[persona]
            cognito_calls.clear()
            # No username: an allowed operator gets "missing username", a refused one 403 first.
            response = _client(personas, persona).post(url)
            allowed = has_perm(operator, needs) and operator.can_see_pool(pool.id)
            expected = 400 if allowed else 403
            if response.status_code != expected:
                problems.append(f"{action} as {persona}: {response.status_code}, expected {expected}")
            mutating = [c for c in cognito_calls if not c.startswith(READ_PREFIXES)]
            if not allowed and mutating:
                problems.append(f"{action} as {persona} changed Cognito: {mutating}")
    assert problems == []


OPERATOR_URLS = [name for name in ACCESS if name.startswith("operators:")]


def test_only_unscoped_admins_manage_operators(personas):
    """Operator management is refused to every pool-scoped operator, whatever its role: by the
    permission itself, so the navigation, the views and the services agree."""
    from console.accounts.permissions import has_perm

    assert OPERATOR_URLS and all(ACCESS[name][m] == "manage_operators" for name in OPERATOR_URLS for m in ACCESS[name])
    allowed = {persona for persona, operator in personas.items() if has_perm(operator, "manage_operators")}
    assert allowed == {"admin"}


def test_downloads_and_one_time_secrets_are_never_cached(pool, personas, tmp_path, settings, monkeypatch):
    """Issue 11, item 10: each URL of NO_STORE answers its content (not an error page) with no-store."""
    settings.MEDIA_ROOT = tmp_path
    # moto has no GetCSVHeader
    monkeypatch.setattr("console.cognito.imports.csv_header", lambda pool_id: ["cognito:username", "email"])
    patterns = dict(_patterns())
    admin = personas["admin"]
    values = url_values(admin, pool_id=pool.id, username=pool.users["user0@example.com"], client_id=pool.client_id)
    errors = tmp_path / "errors.csv"
    errors.write_text("line,column,value,reason\n2,email,x,not an email\n")
    ImportUpload.objects.filter(token=values["token"]).update(errors_path=str(errors))
    exported = tmp_path / "export.csv"
    exported.write_text("email\nuser0@example.com\n")
    export_job = Job.objects.create(kind=Job.KIND_EXPORT, pool_id=pool.id, operator=admin, status=Job.FINISHED,
                                    options={"file": str(exported)})
    session = Client()
    session.force_login(admin)
    data = {"operators:new": {"username": "nina", "email": "nina@example.com", "role": "viewer", "pools": ""}}
    problems = []
    for name, method in NO_STORE.items():
        url = _url(name, patterns[name], {**values, "job_id": export_job.pk} if "export" in name else values)
        response = session.generic(method, url, data=_form(data.get(name)),
                                   content_type="application/x-www-form-urlencoded")
        if response.status_code != 200 or "no-store" not in response.get("Cache-Control", ""):
            problems.append(f"{method} {name}: {response.status_code} {response.get('Cache-Control')}")
    assert problems == []


def _form(data: dict | None) -> str:
    from urllib.parse import urlencode

    return urlencode(data or {})
