"""Every mutating pool service checks the rules itself, whoever calls it (a page, a command, a
job): the manage_pools permission, the operator's pool scope and the reason rule. Called
directly here, not through a view, so the view's @require cannot be what refuses."""

import pytest
from django.core.exceptions import PermissionDenied

from console.accounts.policy import ReasonMissing
from console.audit.models import AuditEvent
from console.pools.attributes.services import pool_attribute_add
from console.pools.branding.managed import managed_login_delete, managed_login_save
from console.pools.branding.services import ui_customization_save
from console.pools.clients.services import (
    client_create,
    client_delete,
    client_secret_add,
    client_secret_delete,
    client_update,
)
from console.pools.domains.services import custom_domain_create, domain_create, domain_delete, domain_settings_save
from console.pools.log_delivery.services import log_delivery_save
from console.pools.messaging.services import messaging_save
from console.pools.providers.services import provider_create, provider_delete, provider_update
from console.pools.resource_servers.services import (
    resource_server_create,
    resource_server_delete,
    resource_server_update,
)
from console.pools.settings.services import pool_create, pool_delete, pool_update
from console.pools.signin.services import signin_save
from console.pools.tags.services import tags_save
from console.pools.threats.services import threats_save
from console.pools.triggers.services import triggers_save
from tests.fixtures.cognito import changing
from tests.fixtures.operators import make_operator

API = "https://api.example.com"
OIDC = {
    "client_id": "c",
    "client_secret": "s",
    "authorize_scopes": "openid",
    "oidc_issuer": "https://example.okta.com",
    "attributes_request_method": "GET",
}

# Each mutating service (r: the operator and the reason); without its own checks each would
# go on to call Cognito with these arguments.
SERVICES = {
    "pool_create": lambda pool, **r: pool_create(**r, region="us-east-1", request={"PoolName": "Another"}),
    "pool_update": lambda pool, **r: pool_update(**r, pool_id=pool.id, changes={"DeletionProtection": "ACTIVE"}),
    "pool_delete": lambda pool, **r: pool_delete(**r, pool_id=pool.id, confirm_name="Test pool"),
    "signin_save": lambda pool, **r: signin_save(
        **r, pool_id=pool.id, cleaned={"devices": "always"}, changed={"devices"}
    ),
    "tags_save": lambda pool, **r: tags_save(**r, pool_id=pool.id, wanted={"env": "prod"}),
    "pool_attribute_add": lambda pool, **r: pool_attribute_add(
        **r, pool_id=pool.id, attribute={"Name": "team", "AttributeDataType": "String", "Mutable": True}
    ),
    "messaging_save": lambda pool, **r: messaging_save(
        **r, pool_id=pool.id, cleaned={"code_sms": "Code {####}"}, changed={"code_sms"}
    ),
    "triggers_save": lambda pool, **r: triggers_save(**r, pool_id=pool.id, cleaned={}, changed=set()),
    "threats_save": lambda pool, **r: threats_save(**r, pool_id=pool.id, cleaned={"mode": "AUDIT"}, changed={"mode"}),
    "log_delivery_save": lambda pool, **r: log_delivery_save(**r, pool_id=pool.id, cleaned={}, changed=set()),
    "client_create": lambda pool, **r: client_create(**r, pool_id=pool.id, request={"ClientName": "other"}),
    "client_update": lambda pool, **r: client_update(
        **r, pool_id=pool.id, client_id=pool.client_id, changes={"ClientName": "renamed"}
    ),
    "client_delete": lambda pool, **r: client_delete(**r, pool_id=pool.id, client_id=pool.client_id),
    "client_secret_add": lambda pool, **r: client_secret_add(**r, pool_id=pool.id, client_id=pool.client_id),
    "client_secret_delete": lambda pool, **r: client_secret_delete(
        **r, pool_id=pool.id, client_id=pool.client_id, secret_id="s1"
    ),
    "domain_create": lambda pool, **r: domain_create(**r, pool_id=pool.id, prefix="shop-login"),
    "domain_delete": lambda pool, **r: domain_delete(**r, pool_id=pool.id),
    "custom_domain_create": lambda pool, **r: custom_domain_create(
        **r, pool_id=pool.id, domain="login.example.com", version=2,
        certificate_arn="arn:aws:acm:us-east-1:123456789012:certificate/abc",
    ),
    "domain_settings_save": lambda pool, **r: domain_settings_save(
        **r, pool_id=pool.id, kind="prefix", cleaned={"version": 2}
    ),
    "ui_customization_save": lambda pool, **r: ui_customization_save(
        **r, pool_id=pool.id, client_id="ALL", css=".banner { color: red; }", logo=None
    ),
    "managed_login_save": lambda pool, **r: managed_login_save(
        **r, pool_id=pool.id, client_id=pool.client_id, use_cognito=True, settings=None, asset=None
    ),
    "managed_login_delete": lambda pool, **r: managed_login_delete(**r, pool_id=pool.id, client_id=pool.client_id),
    "provider_create": lambda pool, **r: provider_create(
        **r, pool_id=pool.id, request={"ProviderName": "Okta", "ProviderType": "OIDC", "ProviderDetails": OIDC}
    ),
    "provider_update": lambda pool, **r: provider_update(**r, pool_id=pool.id, name="Okta", changes={}),
    "provider_delete": lambda pool, **r: provider_delete(**r, pool_id=pool.id, name="Okta"),
    "resource_server_create": lambda pool, **r: resource_server_create(
        **r, pool_id=pool.id, request={"Identifier": API, "Name": "Orders"}
    ),
    "resource_server_update": lambda pool, **r: resource_server_update(
        **r, pool_id=pool.id, identifier=API, changes={"Name": "Renamed"}
    ),
    "resource_server_delete": lambda pool, **r: resource_server_delete(**r, pool_id=pool.id, identifier=API),
}

WHO = {
    "helpdesk": (lambda: make_operator("hugo", "helpdesk"), "T-9", PermissionDenied),
    "admin_of_another_pool": (
        lambda: make_operator("sam", "admin", pools=["us-east-1_NotYours"]),
        "T-9",
        PermissionDenied,
    ),
    "admin_without_reason": (lambda: make_operator("alice", "admin"), "  ", ReasonMissing),
}


def _cases():
    for name in SERVICES:
        for who in WHO:
            if name == "pool_create" and who == "admin_of_another_pool":
                continue  # a pool not created yet has no scope to check (see change_allowed)
            yield pytest.param(name, who, id=f"{name}-{who}")


@pytest.mark.parametrize(("service", "who"), list(_cases()))
def test_every_pool_service_refuses_by_itself_and_writes_nothing(db, pool, cognito_calls, settings, service, who):
    settings.CONSOLE_REASON_REQUIRED = True
    make, reason, refusal = WHO[who]
    operator = make()
    call = SERVICES[service]
    cognito_calls.clear()

    with pytest.raises(refusal):
        call(pool, operator=operator, reason=reason)

    assert changing(cognito_calls) == []
    refused = AuditEvent.objects.get(outcome=AuditEvent.OUTCOME_FAILURE)
    assert refused.operator_id == operator.pk and refused.error_code in ("PermissionDenied", "ReasonMissing")
    assert not AuditEvent.objects.filter(outcome=AuditEvent.OUTCOME_SUCCESS).exclude(action__startswith="operator.")
