"""Managed login branding per app client (issue 14, item 7.2): Cognito's values or a settings
document, assets added one at a time (the others kept), deleted back to no branding; bad input
refused before any call; audited with assets by type and size, never their bytes."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from console.audit.models import AuditEvent
from console.cognito import branding
from console.cognito.client import cognito
from tests.pools.sections import assert_refused

PNG = b"\x89PNG\r\n\x1a\n" + b"\1" * 32
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"/>'
SETTINGS = {"components": {"primaryButton": {"lightMode": {"defaults": {"backgroundColor": "0972d3ff"}}}}}


def upload(name, data):
    return SimpleUploadedFile(name, data)


@pytest.fixture
def ids(db, emulator):
    pool_id = cognito().create_user_pool(PoolName="Managed")["UserPool"]["Id"]
    client_id = cognito().create_user_pool_client(UserPoolId=pool_id, ClientName="web")["UserPoolClient"]["ClientId"]
    return pool_id, client_id


def post(admin_client, ids, **fields):
    data = {"asset_category": "PAGE_HEADER_LOGO", "asset_color_mode": "LIGHT", "reason": "T-1", **fields}
    return admin_client.post(reverse("pools:managed_login", args=ids), data)


def test_settings_and_assets_round_trip_and_an_asset_replaces_only_its_own(ids, admin_client):
    pool_id, client_id = ids
    assert post(admin_client, ids, settings=json.dumps(SETTINGS), asset=upload("logo.png", PNG)).status_code == 302
    post(admin_client, ids, settings=json.dumps(SETTINGS), asset=upload("bg.svg", SVG),
         asset_category="PAGE_BACKGROUND", asset_color_mode="DARK")
    post(admin_client, ids, settings=json.dumps(SETTINGS), asset=upload("logo2.png", PNG + b"\2"))
    saved = branding.managed_branding_get(pool_id, client_id)
    assert saved["Settings"] == SETTINGS and not saved["UseCognitoProvidedValues"]
    assets = {(a["Category"], a["ColorMode"]): (a["Extension"], len(a["Bytes"])) for a in saved["Assets"]}
    assert assets == {("PAGE_HEADER_LOGO", "LIGHT"): ("PNG", len(PNG) + 1),
                      ("PAGE_BACKGROUND", "DARK"): ("SVG", len(SVG))}
    events = AuditEvent.objects.filter(action="client.managed_login").order_by("pk")
    assert events.count() == 3
    first = {c["field"]: c["after"] for c in events[0].params["changes"]}
    assert first["Assets"] == [f"PAGE_HEADER_LOGO LIGHT: PNG, {len(PNG)} bytes"]
    assert "backgroundColor" not in str(events[0].params)  # the document by size and digest only

    # Cognito's values instead: the settings go, the assets stay.
    post(admin_client, ids, use_cognito="on")
    saved = branding.managed_branding_get(pool_id, client_id)
    assert saved["UseCognitoProvidedValues"] and not saved.get("Settings") and len(saved["Assets"]) == 2


def test_delete_goes_back_to_no_branding(ids, admin_client):
    pool_id, client_id = ids
    post(admin_client, ids, use_cognito="on")
    admin_client.post(reverse("pools:managed_login_delete", args=ids), {"reason": "T-2"})
    assert branding.managed_branding_get(pool_id, client_id) == {}
    event = AuditEvent.objects.get(action="client.managed_login_delete")
    assert {"field": "Branding", "before": "own", "after": "none"} in event.params["changes"]


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"settings": "{not json"}, "settings", "Not valid JSON"),
    ({"settings": "[1, 2]"}, "settings", "JSON object"),
    ({"settings": ""}, "settings", "Give the settings document"),
    ({"settings": "{}", "use_cognito": "on"}, "settings", "not both"),
    ({"use_cognito": "on", "asset": upload("big.png", PNG + b"\0" * 1_000_000)}, "asset", "at most 1,000,000 bytes"),
    ({"use_cognito": "on", "asset": upload("logo.svg", PNG)}, "asset", "matching file extension"),
    ({"use_cognito": "on", "asset": upload("x.gif", b"GIF89a")}, "asset", "PNG, JPEG, SVG or ICO"),
])
def test_bad_input_gets_a_clear_message_and_no_call(ids, admin_client, cognito_calls, fields, field, message):
    cognito_calls.clear()
    assert_refused(post(admin_client, ids, **fields), cognito_calls, field, message, "client.managed_login")



def test_delete_without_a_reason_is_refused_and_said(ids, admin_client):
    post(admin_client, ids, use_cognito="on")
    response = admin_client.post(reverse("pools:managed_login_delete", args=ids), follow=True)
    assert "Give a reason" in response.content.decode()
    assert branding.managed_branding_get(*ids)
