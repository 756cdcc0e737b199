"""Domains (issue 14, item 7): a custom domain with its ACM certificate and managed-login version,
the CloudFront target its DNS points at, and the version/certificate changed later; round-tripped
through the emulator (console/emulator/branding.py), request shapes checked with the Stubber."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from console.audit.models import AuditEvent
from console.cognito import domains as cognito_domains
from console.cognito.client import cognito
from console.pools.changes import ChangeRefused
from console.pools.domains import services
from tests.pools.sections import UNRELATED, assert_refused, described

CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-1234567890ab"
CERT2 = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
NEW = {"domain": "auth.example.com", "certificate_arn": CERT, "version": "2", "reason": "TICKET-7"}


@pytest.fixture
def pool_id(emulator):
    pool_id = cognito().create_user_pool(PoolName="Branded", **UNRELATED)["UserPool"]["Id"]
    cognito().create_user_pool_domain(UserPoolId=pool_id, Domain="branded-login")
    return pool_id


def test_an_admin_adds_a_custom_domain_and_sees_where_dns_points(pool_id, admin_client):
    before = described(pool_id)
    response = admin_client.post(reverse("pools:domain_custom_new", args=[pool_id]), NEW)
    assert response.status_code == 302
    after = described(pool_id)
    assert (after["Domain"], after["CustomDomain"]) == ("branded-login", "auth.example.com")
    assert {k: after.get(k) for k in UNRELATED if k != "UserPoolTags"} == {
        k: before.get(k) for k in UNRELATED if k != "UserPoolTags"}
    custom = cognito_domains.domain_describe(pool_id, "auth.example.com")
    assert (custom["ManagedLoginVersion"], custom["CustomDomainConfig"]) == (2, {"CertificateArn": CERT})
    page = admin_client.get(reverse("pools:detail", args=[pool_id])).content.decode()
    assert custom["CloudFrontDistribution"] in page and custom["CloudFrontDistribution"].endswith("cloudfront.net")
    event = AuditEvent.objects.get(action="domain.create", target="auth.example.com")
    assert {c["field"]: c["after"] for c in event.params["changes"]} == {
        "Domain": "auth.example.com", "CertificateArn": CERT, "ManagedLoginVersion": 2}
    assert event.reason == "TICKET-7"


def test_changing_the_version_keeps_the_certificate_and_the_prefix_domain(pool_id, admin_client):
    admin_client.post(reverse("pools:domain_custom_new", args=[pool_id]), {**NEW, "version": "1"})
    url = reverse("pools:domain_settings", args=[pool_id, "custom"])
    assert admin_client.get(url).context["form"].initial == {"version": 1, "certificate_arn": CERT}
    assert admin_client.post(url, {"version": "2", "certificate_arn": CERT, "reason": "T-1"}).status_code == 302
    custom = cognito_domains.domain_describe(pool_id, "auth.example.com")
    assert (custom["ManagedLoginVersion"], custom["CustomDomainConfig"]) == (2, {"CertificateArn": CERT})
    assert cognito_domains.domain_describe(pool_id, "branded-login")["ManagedLoginVersion"] == 1
    event = AuditEvent.objects.get(action="domain.update")
    assert event.params["changes"] == [{"field": "ManagedLoginVersion", "before": 1, "after": 2}]

    admin_client.post(url, {"version": "2", "certificate_arn": CERT2, "reason": "T-2"})
    assert cognito_domains.domain_describe(pool_id, "auth.example.com")["CustomDomainConfig"] == {
        "CertificateArn": CERT2}
    admin_client.post(url, {"version": "2", "certificate_arn": CERT2, "reason": "T-2"})  # nothing changed: nothing sent
    assert AuditEvent.objects.filter(action="domain.update").count() == 2


def test_the_prefix_domain_moves_to_managed_login(pool_id, admin_client):
    url = reverse("pools:domain_settings", args=[pool_id, "prefix"])
    assert "certificate_arn" not in admin_client.get(url).context["form"].fields
    admin_client.post(url, {"version": "2", "reason": "T-3"})
    assert cognito_domains.domain_describe(pool_id, "branded-login")["ManagedLoginVersion"] == 2


@pytest.mark.parametrize(("field", "value", "message"), [
    ("certificate_arn", CERT.replace("us-east-1", "eu-west-1"), "us-east-1"),
    ("certificate_arn", "arn:aws:iam::123456789012:role/x", "Not an ACM certificate ARN"),
    ("domain", "localhost", "full domain name"),
    ("domain", "x.auth.us-east-1.amazoncognito.com", "domain of your own"),
])
def test_bad_input_gets_a_clear_message_and_no_call(pool_id, admin_client, cognito_calls, field, value, message):
    cognito_calls.clear()
    response = admin_client.post(reverse("pools:domain_custom_new", args=[pool_id]), {**NEW, field: value})
    assert_refused(response, cognito_calls, field, message, "domain.create")


def test_a_second_custom_domain_is_refused_and_audited(pool_id, alice):
    services.custom_domain_create(operator=alice, pool_id=pool_id, domain="auth.example.com",
                                  certificate_arn=CERT, version=2, reason="T-5")
    with pytest.raises(ChangeRefused, match="already has the custom domain"):
        services.custom_domain_create(operator=alice, pool_id=pool_id, domain="login.example.com",
                                      certificate_arn=CERT, version=2, reason="T-5")
    assert AuditEvent.objects.get(action="domain.create", outcome="failure").error_code == "DomainExists"


def test_the_service_checks_permission_whoever_calls(pool_id, hugo):
    with pytest.raises(PermissionDenied, match="may not change pools"):
        services.domain_settings_save(operator=hugo, pool_id=pool_id, kind="prefix", cleaned={"version": 2},
                                      reason="T-6")
    assert cognito_domains.domain_describe(pool_id, "branded-login")["ManagedLoginVersion"] == 1


def test_the_custom_domain_is_deleted_on_its_own(pool_id, admin_client):
    admin_client.post(reverse("pools:domain_custom_new", args=[pool_id]), NEW)
    admin_client.post(reverse("pools:domain_delete", args=[pool_id]), {"kind": "custom", "reason": "T-4"})
    after = described(pool_id)
    assert ("CustomDomain" not in after, after["Domain"]) == (True, "branded-login")

