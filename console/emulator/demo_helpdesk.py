"""Helpdesk demo data for the emulator (issue 13, item 7): a few demo users with an authenticator
app, active sessions and a remembered device, and one with a linked federated identity, so that
`make run` shows every lost-phone, stolen-laptop and federated-user feature working.

Idempotent like the rest of the demo: each piece is added only when the user does not have it
yet. On a backend without an operation (plain moto) that piece is left out with a log line.
"""

import logging
import uuid

from console.cognito.errors import CognitoError, translated

log = logging.getLogger(__name__)

DEMO_PROVIDER = "Google"  # a social provider the demo pool trusts; its client id and secret are placeholders
DEMO_SUBJECT = "104857600000000000001"  # the linked user's (made-up) Google subject
DEVICE_NAMES = ("Work laptop", "Phone")


def helpdesk_people(people: list[dict]) -> list[dict]:
    """The demo users who get factors, sessions and devices: the first confirmed (and enabled) ones."""
    return [p for p in people if p["state"] == "confirmed"][:4]


def _device_key(email: str, name: str) -> str:
    # Deterministic, so a re-seed recognises the device it made.
    return f"us-east-1_{uuid.uuid5(uuid.NAMESPACE_URL, f'{email}/{name}')}"


def _sign_in(client, pool_id: str, client_id: str, email: str, password: str) -> str | None:
    """An access token (a new session, as an app's sign-in makes one); None when MFA is asked."""
    auth = client.admin_initiate_auth(
        UserPoolId=pool_id,
        ClientId=client_id,
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": email, "PASSWORD": password},
    )
    return (auth.get("AuthenticationResult") or {}).get("AccessToken")


def _sessions_and_devices(client, pool_id, client_id, email, password, *, devices: int) -> None:
    if client.admin_list_user_sessions(UserPoolId=pool_id, Username=email)["Sessions"]:
        return
    for name in DEVICE_NAMES[: max(devices, 1)]:
        token = _sign_in(client, pool_id, client_id, email, password)
        if token is None:
            return  # MFA is on: the demo's own sign-in cannot answer the challenge
        if devices:
            client.confirm_device(
                AccessToken=token,
                DeviceKey=_device_key(email, name),
                DeviceName=name,
                DeviceSecretVerifierConfig={"PasswordVerifier": "demo", "Salt": "demo"},
            )


def _authenticator(client, pool_id, client_id, email, password) -> None:
    factors = client.admin_get_user_auth_factors(UserPoolId=pool_id, Username=email)
    if "SOFTWARE_TOKEN" in factors.get("ConfiguredUserAuthFactors", []):
        return
    token = _sign_in(client, pool_id, client_id, email, password)
    if token is None:
        return
    client.associate_software_token(AccessToken=token)
    client.verify_software_token(AccessToken=token, UserCode="123456")  # the emulator takes any code
    client.admin_set_user_mfa_preference(
        UserPoolId=pool_id, Username=email, SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True}
    )


def _federated(client, pool_id: str, email: str) -> None:
    names = {p["ProviderName"] for p in client.list_identity_providers(UserPoolId=pool_id, MaxResults=60)["Providers"]}
    if DEMO_PROVIDER not in names:
        client.create_identity_provider(
            UserPoolId=pool_id,
            ProviderName=DEMO_PROVIDER,
            ProviderType="Google",
            ProviderDetails={
                "client_id": "demo-client",
                "client_secret": "demo-secret",
                "authorize_scopes": "openid email",
            },
            AttributeMapping={"email": "email"},
        )
    user = client.admin_get_user(UserPoolId=pool_id, Username=email)
    if any(a["Name"] == "identities" for a in user.get("UserAttributes", [])):
        return
    client.admin_link_provider_for_user(
        UserPoolId=pool_id,
        DestinationUser={"ProviderName": "Cognito", "ProviderAttributeValue": user["Username"]},
        SourceUser={
            "ProviderName": DEMO_PROVIDER,
            "ProviderAttributeName": "Cognito_Subject",
            "ProviderAttributeValue": DEMO_SUBJECT,
        },
    )


def _quietly(what: str, step) -> None:
    try:
        with translated("SeedDemo"):
            step()
    except CognitoError as exc:
        if not exc.unsupported:
            raise
        log.info("demo: %s left out (the backend does not offer it)", what)


def seed_helpdesk(client, pool_id: str, client_id: str, people: list[dict], password: str) -> None:
    """Sessions and a remembered device for each chosen user, then an authenticator app for the first
    two (after their sessions: with MFA on, the seeding's own sign-in would be challenged), and a
    linked Google identity for the last."""
    chosen = [p["email"] for p in helpdesk_people(people)]
    for i, email in enumerate(chosen):
        devices = 1 if i % 2 else 2
        _quietly(
            "sessions and devices",
            lambda e=email, d=devices: _sessions_and_devices(client, pool_id, client_id, e, password, devices=d),
        )
    for email in chosen[:2]:
        _quietly("authenticator apps", lambda e=email: _authenticator(client, pool_id, client_id, e, password))
    if chosen:
        _quietly("a linked federated identity", lambda: _federated(client, pool_id, chosen[-1]))
