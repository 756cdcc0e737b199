"""The classic hosted UI's look (issue 14, item 7.3): CSS and a logo for the pool or one app client,
size- and type-checked before any call, audited by size and type (never the bytes); round-tripped
through the emulator (console/emulator/branding.py)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from console.audit.models import AuditEvent
from console.cognito import branding
from console.cognito.client import cognito
from console.cognito.errors import CognitoError
from tests.pools.sections import UNRELATED, assert_refused, described

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
CSS = ".banner-customizable { background-color: #123456; }"


def logo(name="logo.png", data=PNG):
    return SimpleUploadedFile(name, data, content_type="image/png")


@pytest.fixture
def pool_id(db, emulator):
    pool_id = cognito().create_user_pool(PoolName="Looks", **UNRELATED)["UserPool"]["Id"]
    cognito().create_user_pool_domain(UserPoolId=pool_id, Domain="looks-login")
    return pool_id


@pytest.fixture
def client_id(pool_id):
    return cognito().create_user_pool_client(UserPoolId=pool_id, ClientName="web")["UserPoolClient"]["ClientId"]


def test_the_pool_s_css_and_logo_round_trip_and_the_audit_never_holds_the_bytes(pool_id, admin_client):
    before = described(pool_id)
    url = reverse("pools:hosted_ui", args=[pool_id])
    response = admin_client.post(url, {"css": CSS, "logo": logo(), "reason": "T-1"})
    assert response.status_code == 302
    saved = branding.ui_customization_get(pool_id)
    assert (saved["CSS"], bool(saved.get("ImageUrl"))) == (CSS, True)
    assert {k: described(pool_id).get(k) for k in ("Policies", "DeletionProtection", "Domain")} == {
        k: before.get(k) for k in ("Policies", "DeletionProtection", "Domain")}
    event = AuditEvent.objects.get(action="pool.hosted_ui")
    changes = {c["field"]: c["after"] for c in event.params["changes"]}
    assert changes["Logo"] == f"image/png, {len(PNG)} bytes"
    assert changes["CSS"].startswith(f"{len(CSS)} characters, sha256 ")
    assert CSS not in str(event.params)

    # A CSS change without a new logo keeps the logo.
    admin_client.post(url, {"css": CSS + "\n.label-customizable { color: #000; }", "reason": "T-2"})
    assert branding.ui_customization_get(pool_id).get("ImageUrl")
    latest = AuditEvent.objects.filter(action="pool.hosted_ui").order_by("pk").last()
    assert [c["field"] for c in latest.params["changes"]] == ["CSS"]


def test_a_client_gets_its_own_look_and_the_pool_s_stays(pool_id, client_id, admin_client):
    admin_client.post(reverse("pools:hosted_ui", args=[pool_id]), {"css": CSS, "reason": "T-1"})
    page = admin_client.get(reverse("pools:hosted_ui_client", args=[pool_id, client_id]))
    assert page.context["form"].initial["css"] == CSS and not page.context["own"]
    response = admin_client.post(reverse("pools:hosted_ui_client", args=[pool_id, client_id]),
                                 {"css": ".x { color: red; }", "reason": "T-2"})
    assert response["Location"] == reverse("pools:client", args=[pool_id, client_id])
    assert branding.ui_customization_get(pool_id, client_id)["CSS"] == ".x { color: red; }"
    assert branding.ui_customization_get(pool_id)["CSS"] == CSS


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"logo": logo(data=PNG + b"\0" * 102400)}, "logo", "under 100 KB"),
    ({"logo": logo("logo.gif", b"GIF89a" + b"\0" * 10)}, "logo", "PNG (.png) or JPEG"),
    ({"logo": logo("logo.jpg")}, "logo", "PNG (.png) or JPEG"),  # PNG content, JPEG name
    ({"css": "a" * 131_073}, "css", "131072"),
])
def test_bad_input_gets_a_clear_message_and_no_call(pool_id, admin_client, cognito_calls, fields, field, message):
    cognito_calls.clear()
    response = admin_client.post(reverse("pools:hosted_ui", args=[pool_id]), {"css": CSS, "reason": "T", **fields})
    assert_refused(response, cognito_calls, field, message, "pool.hosted_ui")


def test_without_a_domain_cognito_s_refusal_is_shown_and_audited(db, emulator, admin_client):
    pool_id = cognito().create_user_pool(PoolName="No domain")["UserPool"]["Id"]
    response = admin_client.post(reverse("pools:hosted_ui", args=[pool_id]), {"css": CSS, "reason": "T"})
    assert response.status_code == 200 and "no domain" in " ".join(response.context["form"].non_field_errors())
    assert AuditEvent.objects.get(action="pool.hosted_ui").outcome == "failure"
    with pytest.raises(CognitoError):
        branding.ui_customization_set(pool_id, "ALL", css=CSS)


def test_a_look_that_cannot_be_read_is_said_on_the_page(pool, admin_client):
    # In-process moto has no GetUICustomization: the page says so instead of failing.
    response = admin_client.get(reverse("pools:hosted_ui", args=[pool.id]))
    assert response.status_code == 200 and "could not be read" in response.context["warning"]
