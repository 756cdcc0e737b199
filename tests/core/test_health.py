from django.urls import reverse

from console.emulator.server import free_port


def test_it_reports_every_dependency(aws, client, db, redis_url, settings):
    settings.REDIS_URL = redis_url
    from console.core.redis import redis_client

    redis_client.cache_clear()
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": True, "redis": True, "cognito": True}}


def test_it_is_503_when_cognito_is_unreachable(client, db, settings):
    settings.CONSOLE_COGNITO_ENDPOINT_URL = f"http://127.0.0.1:{free_port()}"
    settings.CONSOLE_AWS_MAX_ATTEMPTS = 1
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["cognito"] is False
    assert "Cannot reach Cognito" in body["cognito_message"]


def test_it_reports_redis_down_but_stays_up(aws, client, db, settings):
    settings.REDIS_URL = f"redis://127.0.0.1:{free_port()}/0"
    from console.core.redis import redis_client

    redis_client.cache_clear()
    response = client.get(reverse("core:healthz"))
    redis_client.cache_clear()
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["redis"] is False
