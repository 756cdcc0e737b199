from botocore.stub import Stubber

from console.audit.models import AuditEvent
from console.cognito import resource_servers as cognito_resource_servers
from console.cognito.client import cognito
from console.pools.resource_servers.forms import ResourceServerForm
from console.pools.resource_servers.services import (
    resource_server_create,
    resource_server_delete,
    resource_server_request,
    resource_server_update,
)

API = "https://api.example.com"
SCOPES = [
    {"ScopeName": "orders.read", "ScopeDescription": "Read orders"},
    {"ScopeName": "orders.write", "ScopeDescription": "Change orders"},
]


def test_it_creates_a_resource_server_and_audits_it(pool, alice):
    server = resource_server_create(
        operator=alice,
        pool_id=pool.id,
        request=resource_server_request({"identifier": API, "name": "Orders API", "scopes": SCOPES}),
        reason="API-1",
    )

    assert server.full_scopes == [f"{API}/orders.read", f"{API}/orders.write"]
    listed = cognito_resource_servers.resource_servers_list(pool.id)
    assert [s.identifier for s in listed] == [API]
    event = AuditEvent.objects.get(action="resource_server.create")
    assert event.target == API and {"field": "Name", "before": None, "after": "Orders API"} in event.params["settings"]


def test_renaming_keeps_the_scopes_in_the_request(aws, alice):
    """UpdateResourceServer resets the scopes a request leaves out (moto lacks the operation):
    a rename sends the current scopes back, checked against the API model."""
    pool_id = "us-east-1_abc"
    described = {"UserPoolId": pool_id, "Identifier": API, "Name": "Orders API", "Scopes": SCOPES}
    expected = {"UserPoolId": pool_id, "Identifier": API, "Name": "Orders", "Scopes": SCOPES}
    with Stubber(cognito("us-east-1")) as stub:
        stub.add_response(
            "describe_resource_server", {"ResourceServer": described}, {"UserPoolId": pool_id, "Identifier": API}
        )
        stub.add_response("update_resource_server", {"ResourceServer": expected}, expected)
        diff = resource_server_update(
            operator=alice, pool_id=pool_id, identifier=API, changes={"Name": "Orders"}, reason="rename"
        )
        stub.assert_no_pending_responses()
    assert diff == [{"field": "Name", "before": "Orders API", "after": "Orders"}]
    event = AuditEvent.objects.get(action="resource_server.update")
    assert event.params == {"changes": diff} and event.reason == "rename"


def test_removing_a_scope_is_audited_with_before_and_after(aws, alice):
    pool_id = "us-east-1_abc"
    described = {"UserPoolId": pool_id, "Identifier": API, "Name": "Orders API", "Scopes": SCOPES}
    expected = {"UserPoolId": pool_id, "Identifier": API, "Name": "Orders API", "Scopes": SCOPES[:1]}
    with Stubber(cognito("us-east-1")) as stub:
        stub.add_response("describe_resource_server", {"ResourceServer": described})
        stub.add_response("update_resource_server", {"ResourceServer": expected}, expected)
        diff = resource_server_update(
            operator=alice,
            pool_id=pool_id,
            identifier=API,
            changes={"Name": "Orders API", "Scopes": SCOPES[:1]},
            reason="T-1",
        )
    assert diff == [{"field": "Scopes", "before": SCOPES, "after": SCOPES[:1]}]


def test_deleting_audits_what_the_server_was(aws, alice):
    pool_id = "us-east-1_abc"
    described = {"UserPoolId": pool_id, "Identifier": API, "Name": "Orders API", "Scopes": SCOPES}
    with Stubber(cognito("us-east-1")) as stub:
        stub.add_response("describe_resource_server", {"ResourceServer": described})
        stub.add_response("delete_resource_server", {}, {"UserPoolId": pool_id, "Identifier": API})
        resource_server_delete(operator=alice, pool_id=pool_id, identifier=API, reason="retired")
        stub.assert_no_pending_responses()
    event = AuditEvent.objects.get(action="resource_server.delete")
    assert {"field": "Name", "before": "Orders API", "after": None} in event.params["before"]


def test_the_form_refuses_bad_scopes_with_the_line_that_is_wrong():
    cases = {
        "orders/read = Read": "Line 1: orders/read is not a scope name",
        "orders.read": "Line 1: write scope = description.",
        "a = x\na = y": "Line 2: the scope a is listed twice.",
        "a = " + "x" * 257: "Line 1: a description may have at most 256 characters.",
    }
    for scopes, message in cases.items():
        form = ResourceServerForm({"identifier": API, "name": "Orders API", "scopes": scopes})
        assert not form.is_valid()
        assert message in form.errors["scopes"][0]


def test_the_form_refuses_an_identifier_with_spaces_and_reads_scopes():
    form = ResourceServerForm({"identifier": "my api", "name": "Orders API", "scopes": ""})
    assert not form.is_valid() and "identifier" in form.errors
    form = ResourceServerForm({"identifier": API, "name": "Orders API", "scopes": "orders.read = Read orders\n\n",
                               "reason": "T-1"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["scopes"] == [{"ScopeName": "orders.read", "ScopeDescription": "Read orders"}]
