from django.urls import reverse

from console.emulator.server import free_port


def test_a_missing_pool_shows_a_plain_message_not_a_500(aws, viewer_client):
    response = viewer_client.get(reverse("users:list", args=["us-east-1_doesNotExist"]))
    assert response.status_code == 404
    assert b"no longer exists" in response.content
    assert b"Cognito code" in response.content


def test_unreachable_cognito_shows_a_plain_message(viewer_client, settings):
    settings.CONSOLE_COGNITO_ENDPOINT_URL = f"http://127.0.0.1:{free_port()}"
    settings.CONSOLE_AWS_MAX_ATTEMPTS = 1
    response = viewer_client.get(reverse("users:list", args=["us-east-1_abc"]))
    assert response.status_code == 503
    assert b"Cannot reach Cognito" in response.content


def test_an_htmx_request_gets_the_message_in_the_flash_area(aws, viewer_client):
    response = viewer_client.get(reverse("users:list", args=["us-east-1_doesNotExist"]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#flash"
    assert b"no longer exists" in response.content


def test_an_unknown_address_is_a_404_in_the_layout(viewer_client):
    response = viewer_client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"Cognito Console" in response.content


def test_the_layout_warns_when_jobs_cannot_run(aws, viewer_client, settings):
    from console.core.redis import redis_client

    settings.REDIS_URL = f"redis://127.0.0.1:{free_port()}/0"
    redis_client.cache_clear()
    try:
        response = viewer_client.get(reverse("pools:list"))
    finally:
        redis_client.cache_clear()
    assert response.status_code == 200
    assert b"Jobs cannot run right now: Redis is unreachable" in response.content


def test_the_layout_shows_the_backend(aws, viewer_client, settings):
    settings.CONSOLE_COGNITO_ENDPOINT_URL = None
    response = viewer_client.get(reverse("pools:list"))
    assert b"AWS us-east-1" in response.content
    settings.CONSOLE_COGNITO_ENDPOINT_URL = "http://127.0.0.1:5000"
    response = viewer_client.get(reverse("audit:list"))
    assert b"Local emulator" in response.content


def test_a_refused_htmx_request_says_so_in_the_flash_area(pool, viewer_client):
    response = viewer_client.post(reverse("groups:new", args=[pool.id]), HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    assert response["HX-Retarget"] == "#flash"
    assert b"Your role may not" in response.content


def test_the_sign_in_page_does_not_show_the_backend(client, db, settings, monkeypatch):
    """Before sign-in: no AWS account id, no emulator endpoint, no AWS call (issue 11, item 6)."""
    from console.cognito.backend import Backend

    calls = []
    fake = Backend(emulator=False, label="AWS us-east-1", account="123456789012")
    monkeypatch.setattr("console.core.context_processors.backend_describe", lambda: calls.append(1) or fake)
    html = client.get(reverse("accounts:login")).content.decode()
    assert "123456789012" not in html and calls == []
    settings.CONSOLE_COGNITO_ENDPOINT_URL = "http://127.0.0.1:5999"
    html = client.get(reverse("accounts:login")).content.decode()
    assert "127.0.0.1:5999" not in html and "Local emulator" not in html
