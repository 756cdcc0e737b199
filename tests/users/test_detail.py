"""One user's page: attributes, verified flags, status, MFA, groups, console history;
devices and sign-in events where the backend offers them."""

from datetime import UTC, datetime

import pytest
from botocore.stub import Stubber
from django.urls import reverse

from console.audit.services import audit_record
from console.cognito.client import cognito
from console.users import selectors
from console.users.event_selectors import user_events_page

pytestmark = pytest.mark.django_db


def detail(client, pool_id, username, **extra):
    return client.get(reverse("users:detail", args=[pool_id, username]), **extra)


def test_it_shows_everything_about_the_user(viewer_client, pool):
    username = pool.users["user2@example.com"]
    c = cognito()
    c.admin_add_user_to_group(UserPoolId=pool.id, Username=username, GroupName="customers")
    c.admin_update_user_attributes(
        UserPoolId=pool.id, Username=username, UserAttributes=[{"Name": "email_verified", "Value": "true"}]
    )
    audit_record(action="user.reset_password", pool_id=pool.id, target=username, reason="TICKET-42")
    html = detail(viewer_client, pool.id, username).content.decode()
    assert "user2@example.com" in html and "custom:department" in html and "Support" in html
    assert 'badge-ok">verified' in html and "must change password" in html
    assert "customers" in html
    assert "user.reset_password" in html and "TICKET-42" in html
    # Devices, sessions and sign-in events: moto in-process has none of them.
    assert html.count("Not available on this backend") == 3
    # A viewer sees no action buttons.
    assert 'data-action="reset_password"' not in html


def test_it_offers_actions_by_role(helpdesk_client, admin_client, pool):
    username = pool.users["user2@example.com"]
    helpdesk = detail(helpdesk_client, pool.id, username).content.decode()
    assert 'data-action="reset_password"' in helpdesk and 'data-action="resend_invitation"' in helpdesk
    assert "Delete the user" not in helpdesk
    admin = detail(admin_client, pool.id, username).content.decode()
    assert "Delete the user" in admin and 'name="attr_custom__department"' in admin


def test_it_says_when_the_user_does_not_exist(viewer_client, pool):
    response = detail(viewer_client, pool.id, "nobody")
    assert response.status_code == 404
    assert "No such user" in response.content.decode()


def test_it_returns_the_panel_to_htmx(viewer_client, pool):
    html = detail(viewer_client, pool.id, pool.users["user1@example.com"], HTTP_HX_REQUEST="true").content.decode()
    assert html.lstrip().startswith('<div id="user-panel">')


def test_it_reads_devices_and_sign_in_events_where_offered(aws):
    client = cognito()
    with Stubber(client) as stub:
        stub.add_response(
            "admin_list_devices",
            {
                "Devices": [
                    {
                        "DeviceKey": "us-east-1_abc",
                        "DeviceAttributes": [
                            {"Name": "device_name", "Value": "Pixel"},
                            {"Name": "dev:device_remembered_status", "Value": "remembered"},
                        ],
                        "DeviceLastAuthenticatedDate": datetime(2026, 1, 2, tzinfo=UTC),
                    }
                ]
            },
            {"UserPoolId": "us-east-1_X", "Username": "bob", "Limit": 20},
        )
        stub.add_response(
            "admin_list_user_auth_events",
            {
                "AuthEvents": [
                    {
                        "EventId": "e1",
                        "EventType": "SignIn",
                        "CreationDate": datetime(2026, 1, 2, tzinfo=UTC),
                        "EventResponse": "Pass",
                        "EventRisk": {"RiskLevel": "Low"},
                        "EventContextData": {"IpAddress": "192.0.2.1", "City": "Paris", "Country": "France"},
                    }
                ]
            },
            {"UserPoolId": "us-east-1_X", "Username": "bob", "MaxResults": 10},
        )
        devices = selectors.user_devices("us-east-1_X", "bob")
        events = user_events_page("us-east-1_X", "bob")
        stub.assert_no_pending_responses()
    assert devices.items[0].name == "Pixel" and devices.items[0].remembered == "remembered"
    [event] = events.items
    assert event.type == "SignIn" and event.risk == "Low" and event.place == "Paris, France"


@pytest.mark.parametrize("code", ["UserPoolAddOnNotEnabledException", "NotImplemented"])
def test_it_says_when_a_pool_lacks_the_feature(aws, code):
    client = cognito()
    with Stubber(client) as stub:
        stub.add_client_error("admin_list_user_auth_events", service_error_code=code, http_status_code=400)
        events = user_events_page("us-east-1_X", "bob")
    assert events.unavailable and not events.items and not events.error


def test_it_shows_other_failures_in_words(aws):
    client = cognito()
    with Stubber(client) as stub:
        stub.add_client_error("admin_list_devices", service_error_code="TooManyRequestsException", http_status_code=400)
        devices = selectors.user_devices("us-east-1_X", "bob")
    assert "throttling" in devices.error


def test_it_says_the_emulator_lacks_devices(pool):
    assert selectors.user_devices(pool.id, pool.users["user1@example.com"]).unavailable
