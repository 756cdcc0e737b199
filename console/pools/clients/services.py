"""App clients: created, changed and deleted only through here, audited. Never a secret in the
audit log: the new client's secret goes back to the operator once and nowhere else."""

from functools import partial

from console.cognito import clients as cognito_clients
from console.cognito.types import AppClient, client_from_cognito
from console.pools.changes import Updatable, audited, change_allowed
from console.pools.resource_changes import created_audited, deleted_audited, updated_audited

# Never compared, shown or audited.
SECRET_FIELDS = ("ClientSecret",)

APP_CLIENT = Updatable(
    describe=cognito_clients.client_describe,
    as_request=cognito_clients.client_update_request,
    send=cognito_clients.client_update,
    hidden=SECRET_FIELDS,
)

TOKEN_KEYS = ["AccessTokenValidity", "IdTokenValidity", "RefreshTokenValidity", "TokenValidityUnits"]
# Which request keys each field of the client form sets. The identity providers travel only when
# the operator changed them: sending [COGNITO] with a flow change switched single sign-on off.
KEYS_OF_FIELD = {
    "name": ["ClientName"],
    "identity_providers": ["SupportedIdentityProviders"],
    "auth_flows": ["ExplicitAuthFlows"],
    "auth_session_minutes": ["AuthSessionValidity"],
    "prevent_user_existence_errors": ["PreventUserExistenceErrors"],
    **{f"{t}_token_{part}": TOKEN_KEYS for t in ("access", "id", "refresh") for part in ("validity", "unit")},
    "token_revocation": ["EnableTokenRevocation"],
    "refresh_rotation": ["RefreshTokenRotation"],
    "rotation_grace_seconds": ["RefreshTokenRotation"],
    "read_attributes": ["ReadAttributes"],
    "write_attributes": ["WriteAttributes"],
    "oauth_flows": ["AllowedOAuthFlows", "AllowedOAuthFlowsUserPoolClient"],
    "scopes": ["AllowedOAuthScopes"],
    "callback_urls": ["CallbackURLs"],
    "logout_urls": ["LogoutURLs"],
}


# --- Request builders (from the client form's cleaned data) ----------------------------


def client_settings(d: dict) -> dict:
    oauth = bool(d["oauth_flows"])
    rotation = {"Feature": "ENABLED" if d["refresh_rotation"] else "DISABLED"}
    if d["refresh_rotation"]:
        rotation["RetryGracePeriodSeconds"] = d["rotation_grace_seconds"] or 0
    return {
        "ClientName": d["name"],
        "SupportedIdentityProviders": d["identity_providers"],
        "ExplicitAuthFlows": d["auth_flows"],
        "AuthSessionValidity": d["auth_session_minutes"],
        "PreventUserExistenceErrors": "ENABLED" if d["prevent_user_existence_errors"] else "LEGACY",
        "AccessTokenValidity": d["access_token_validity"],
        "IdTokenValidity": d["id_token_validity"],
        "RefreshTokenValidity": d["refresh_token_validity"],
        "TokenValidityUnits": {
            "AccessToken": d["access_token_unit"],
            "IdToken": d["id_token_unit"],
            "RefreshToken": d["refresh_token_unit"],
        },
        "EnableTokenRevocation": d["token_revocation"],
        "RefreshTokenRotation": rotation,
        "ReadAttributes": d["read_attributes"],
        "WriteAttributes": d["write_attributes"],
        "AllowedOAuthFlowsUserPoolClient": oauth,
        "AllowedOAuthFlows": d["oauth_flows"],
        "AllowedOAuthScopes": d["scopes"] if oauth else [],
        "CallbackURLs": d["callback_urls"],
        "LogoutURLs": d["logout_urls"],
    }


def client_create_request(d: dict) -> dict:
    """CreateUserPoolClient's request for the client form's cleaned data."""
    request = {k: v for k, v in client_settings(d).items() if v != []}
    request["GenerateSecret"] = d["confidential"]
    return request


def client_changes(d: dict, changed: set[str], described: dict) -> dict:
    """Only the settings the operator changed (the three validities travel with their units)."""
    settings_ = client_settings(d)
    changes = {key: settings_[key] for name in changed for key in KEYS_OF_FIELD.get(name, [])}
    hosted_on = changes.get("AllowedOAuthFlowsUserPoolClient")
    if hosted_on and not described.get("SupportedIdentityProviders") and "SupportedIdentityProviders" not in changes:
        # Hosted sign-in just turned on for a client with no provider: Cognito's own directory.
        changes["SupportedIdentityProviders"] = ["COGNITO"]
    return changes


# --- Services ------------------------------------------------------------------------


def client_create(*, operator, pool_id: str, request: dict, reason: str = "") -> tuple[AppClient, str]:
    """Create an app client. Returns (client, secret): the secret is for showing
    once to the operator and is never stored, logged or audited."""
    reason = change_allowed("client.create", operator=operator, pool_id=pool_id, reason=reason)
    target = request.get("ClientName", "")
    client, secret = created_audited(
        "client.create",
        cognito_clients.client_create,
        pool_id,
        request,
        target=target,
        hidden=SECRET_FIELDS,
        reason=reason,
    )
    return client_from_cognito(client), secret


def _target(described: dict) -> str:
    return f"{described.get('ClientName', '')} ({described['ClientId']})"


def client_update(*, operator, pool_id: str, client_id: str, changes, reason: str = "") -> list[dict]:
    """Change some settings of an app client and nothing else (changes: a dict, or a function
    of the fresh description), through the whole-configuration rule."""
    reason = change_allowed("client.update", operator=operator, pool_id=pool_id, reason=reason)
    return updated_audited(
        "client.update", APP_CLIENT, pool_id, client_id, changes=changes, reason=reason, target=_target
    )


def client_save(
    *, operator, pool_id: str, client_id: str, cleaned: dict, changed: set[str], reason: str = ""
) -> list[dict]:
    """The client form's changes: only the fields the operator changed."""
    return client_update(
        operator=operator,
        pool_id=pool_id,
        client_id=client_id,
        changes=lambda described: client_changes(cleaned, changed, described),
        reason=reason,
    )


def client_delete(*, operator, pool_id: str, client_id: str, reason: str = "") -> None:
    reason = change_allowed("client.delete", operator=operator, pool_id=pool_id, reason=reason)
    deleted_audited(
        "client.delete", APP_CLIENT, cognito_clients.client_delete, pool_id, client_id, reason=reason, target=_target
    )


# --- Client secret rotation ----------------------------------------------------------
# Add a second secret, move the app to it, then delete the old one: no moment without a
# working secret. Audited by secret id, never by value.


def _secret_change(action: str, call, pool_id: str, client_id: str, reason: str, **params):
    return audited(action, call, pool_id=pool_id, target=client_id, reason=reason, params=params or None)


def client_secret_add(*, operator, pool_id: str, client_id: str, reason: str = "") -> str:
    """A new secret for the client, returned once for showing to the operator."""
    reason = change_allowed("client.secret_add", operator=operator, pool_id=pool_id, reason=reason)
    add = cognito_clients.client_secret_add
    return _secret_change("client.secret_add", lambda: add(pool_id, client_id)[1], pool_id, client_id, reason)


def client_secret_delete(*, operator, pool_id: str, client_id: str, secret_id: str, reason: str = "") -> None:
    reason = change_allowed("client.secret_delete", operator=operator, pool_id=pool_id, reason=reason)
    delete = partial(cognito_clients.client_secret_delete, pool_id, client_id, secret_id)
    _secret_change("client.secret_delete", delete, pool_id, client_id, reason, secret_id=secret_id)
