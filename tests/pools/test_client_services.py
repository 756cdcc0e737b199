import pytest
from botocore.stub import Stubber

from console.audit.models import AuditEvent
from console.cognito import clients as cognito_clients
from console.cognito import pools as cognito_pools
from console.cognito.client import cognito
from console.pools.changes import ChangeRefused, changes_between
from console.pools.clients.services import client_create, client_delete, client_update
from console.pools.domains.services import domain_create, domain_delete

FULL_CLIENT = dict(
    ClientName="web",
    GenerateSecret=True,
    ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    AccessTokenValidity=30,
    IdTokenValidity=45,
    RefreshTokenValidity=10,
    TokenValidityUnits={"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
    AllowedOAuthFlowsUserPoolClient=True,
    AllowedOAuthFlows=["code"],
    AllowedOAuthScopes=["openid", "email"],
    SupportedIdentityProviders=["COGNITO"],
    CallbackURLs=["https://app.example.com/callback"],
    LogoutURLs=["https://app.example.com/bye"],
    PreventUserExistenceErrors="ENABLED",
)


def _described(pool_id, client_id):
    d = cognito_clients.client_describe(pool_id, client_id)
    d.pop("LastModifiedDate", None)
    return d


def test_it_changes_one_client_setting_and_leaves_the_others(pool, alice):
    client_id = cognito().create_user_pool_client(UserPoolId=pool.id, **FULL_CLIENT)["UserPoolClient"]["ClientId"]
    before = _described(pool.id, client_id)
    assert before["CallbackURLs"] == ["https://app.example.com/callback"]

    diff = client_update(
        operator=alice, pool_id=pool.id, client_id=client_id, changes={"ClientName": "web-2"}, reason="rename"
    )

    after = _described(pool.id, client_id)
    assert diff == [{"field": "ClientName", "before": "web", "after": "web-2"}]
    assert changes_between(before, after) == [{"field": "ClientName", "before": "web", "after": "web-2"}]
    event = AuditEvent.objects.get(action="client.update")
    assert event.params == {"changes": diff}


def test_the_client_update_request_carries_every_current_setting(aws, alice):
    """moto's UpdateUserPoolClient keeps what a request leaves out (real Cognito resets it),
    so the exact request is checked with Stubber against the real API model."""
    pool_id, client_id = "us-east-1_abc", "1example23456789"
    current = {k: v for k, v in FULL_CLIENT.items() if k != "GenerateSecret"}
    described = {
        **current,
        "UserPoolId": pool_id,
        "ClientId": client_id,
        "ClientSecret": "not-for-anyone-0123456789abcdef",
        "CreationDate": "2024-01-01T00:00:00Z",
        "LastModifiedDate": "2024-01-01T00:00:00Z",
        "EnableTokenRevocation": True,
        "AuthSessionValidity": 3,
    }
    expected = {
        **current,
        "UserPoolId": pool_id,
        "ClientId": client_id,
        "EnableTokenRevocation": True,
        "AuthSessionValidity": 3,
        "LogoutURLs": ["https://app.example.com/bye", "https://app.example.com/logged-out"],
    }
    with Stubber(cognito("us-east-1")) as stub:
        stub.add_response(
            "describe_user_pool_client", {"UserPoolClient": described}, {"UserPoolId": pool_id, "ClientId": client_id}
        )
        stub.add_response("update_user_pool_client", {"UserPoolClient": {}}, expected)
        diff = client_update(
            operator=alice,
            pool_id=pool_id,
            client_id=client_id,
            changes={"LogoutURLs": expected["LogoutURLs"]},
            reason="T-1",
        )
        stub.assert_no_pending_responses()
    assert [d["field"] for d in diff] == ["LogoutURLs"]
    assert "not-for-anyone-0123456789abcdef" not in str(AuditEvent.objects.get(action="client.update").params)


def test_the_secret_is_returned_once_and_never_audited(pool, alice):
    client, secret = client_create(
        operator=alice, pool_id=pool.id, request={"ClientName": "server", "GenerateSecret": True}, reason="T-1"
    )
    assert secret
    assert client.has_secret is True
    assert "ClientSecret" not in cognito_clients.client_describe(pool.id, client.id)
    event = AuditEvent.objects.get(action="client.create")
    assert secret not in str(event.params)
    assert secret not in event.message


def test_it_deletes_a_client_and_audits_it(pool, alice):
    client_delete(operator=alice, pool_id=pool.id, client_id=pool.client_id, reason="T-1")
    assert cognito_clients.clients_list(pool.id) == []
    event = AuditEvent.objects.get(action="client.delete")
    assert event.target == f"app ({pool.client_id})"


def test_it_creates_and_deletes_the_domain(pool, alice):
    domain_create(operator=alice, pool_id=pool.id, prefix="example-login", reason="T-1")
    assert cognito_pools.pool_describe(pool.id)["Domain"] == "example-login"
    with pytest.raises(ChangeRefused, match="already has the domain"):
        domain_create(operator=alice, pool_id=pool.id, prefix="another-login", reason="T-1")
    domain_delete(operator=alice, pool_id=pool.id, reason="T-1")
    assert not cognito_pools.pool_describe(pool.id).get("Domain")
    events = list(
        AuditEvent.objects.filter(action__startswith="domain.").order_by("id").values_list("action", "outcome")
    )
    assert events == [("domain.create", "success"), ("domain.create", "failure"), ("domain.delete", "success")]


def test_pool_tags_are_read_with_list_tags_for_resource(aws):
    """moto lacks ListTagsForResource; Stubber checks the request against the real API model."""
    client = cognito("us-east-1")
    arn = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc"
    with Stubber(client) as stub:
        stub.add_response("list_tags_for_resource", {"Tags": {"team": "identity"}}, {"ResourceArn": arn})
        assert cognito_pools.pool_tags("us-east-1_abc", arn) == {"team": "identity"}
        stub.assert_no_pending_responses()


def test_an_unsupported_operation_becomes_a_plain_error(aws):
    client = cognito("us-east-1")
    with Stubber(client) as stub:
        stub.add_client_error("list_tags_for_resource", service_error_code="NotImplemented", http_status_code=501)
        with pytest.raises(Exception) as raised:
            cognito_pools.pool_tags("us-east-1_abc", "arn:aws:cognito-idp:us-east-1:123456789012:userpool/x")
    assert raised.value.code == "NotImplemented"
