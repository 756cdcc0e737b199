"""The OpenID Connect sign-in settings (mozilla-django-oidc), read only when
CONSOLE_OIDC_CLIENT_ID is set; kept apart so console/settings.py stays readable."""

from django.core.exceptions import ImproperlyConfigured

from console.env import env_secret, env_str


def oidc_settings(client_id: str) -> dict:
    """mozilla-django-oidc's settings from the environment; a missing endpoint or secret stops start-up."""
    values = {
        "OIDC_RP_CLIENT_ID": client_id,
        "OIDC_RP_CLIENT_SECRET": env_secret("CONSOLE_OIDC_CLIENT_SECRET"),
        "OIDC_RP_SIGN_ALGO": env_str("CONSOLE_OIDC_SIGN_ALGO", "RS256"),
        "OIDC_RP_SCOPES": env_str("CONSOLE_OIDC_SCOPES", "openid email profile"),
        "OIDC_OP_AUTHORIZATION_ENDPOINT": env_str("CONSOLE_OIDC_AUTHORIZATION_ENDPOINT"),
        "OIDC_OP_TOKEN_ENDPOINT": env_str("CONSOLE_OIDC_TOKEN_ENDPOINT"),
        # Optional: the ID token's claims are used, merged with userinfo when this is set.
        "OIDC_OP_USER_ENDPOINT": env_str("CONSOLE_OIDC_USERINFO_ENDPOINT"),
        "OIDC_OP_JWKS_ENDPOINT": env_str("CONSOLE_OIDC_JWKS_ENDPOINT"),
        "OIDC_USE_PKCE": True,
        "OIDC_AUTHENTICATION_CALLBACK_URL": "accounts:oidc_authentication_callback",
        "LOGIN_REDIRECT_URL_FAILURE": "/accounts/login/",
    }
    required = {
        "CONSOLE_OIDC_CLIENT_SECRET": "OIDC_RP_CLIENT_SECRET",
        "CONSOLE_OIDC_AUTHORIZATION_ENDPOINT": "OIDC_OP_AUTHORIZATION_ENDPOINT",
        "CONSOLE_OIDC_TOKEN_ENDPOINT": "OIDC_OP_TOKEN_ENDPOINT",
        "CONSOLE_OIDC_JWKS_ENDPOINT": "OIDC_OP_JWKS_ENDPOINT",
    }
    missing = [variable for variable, setting in required.items() if not values[setting]]
    if missing:
        needed = ", ".join(missing)
        raise ImproperlyConfigured(f"OpenID Connect sign-in needs {needed} (CONSOLE_OIDC_CLIENT_ID is set).")
    return values
