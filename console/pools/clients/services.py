"""App clients: created, changed and deleted only through here, audited. Never a secret in the
audit log: the new client's secret goes back to the operator once and nowhere else."""

from console.cognito import clients as cognito_clients
from console.cognito.types import AppClient, client_from_cognito
from console.pools.changes import Updatable
from console.pools.resource_changes import created_audited, deleted_audited, updated_audited

# Never compared, shown or audited.
SECRET_FIELDS = ("ClientSecret",)

APP_CLIENT = Updatable(
    describe=cognito_clients.client_describe,
    as_request=cognito_clients.client_update_request,
    send=cognito_clients.client_update,
    hidden=SECRET_FIELDS,
)

# Which request keys each field of the client form sets. Not SupportedIdentityProviders: the
# form does not edit them, and sending [COGNITO] with a flow change switched single sign-on off.
KEYS_OF_FIELD = {
    "name": ["ClientName"],
    "auth_flows": ["ExplicitAuthFlows"],
    "access_token_minutes": ["AccessTokenValidity", "TokenValidityUnits"],
    "id_token_minutes": ["IdTokenValidity", "TokenValidityUnits"],
    "refresh_token_days": ["RefreshTokenValidity", "TokenValidityUnits"],
    "oauth_flows": ["AllowedOAuthFlows", "AllowedOAuthFlowsUserPoolClient"],
    "scopes": ["AllowedOAuthScopes"],
    "callback_urls": ["CallbackURLs"],
    "logout_urls": ["LogoutURLs"],
}


# --- Request builders (from the client form's cleaned data) ----------------------------


def client_settings(d: dict) -> dict:
    oauth = bool(d["oauth_flows"])
    return {
        "ClientName": d["name"],
        "ExplicitAuthFlows": d["auth_flows"],
        "AccessTokenValidity": d["access_token_minutes"],
        "IdTokenValidity": d["id_token_minutes"],
        "RefreshTokenValidity": d["refresh_token_days"],
        "TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
        "AllowedOAuthFlowsUserPoolClient": oauth,
        "AllowedOAuthFlows": d["oauth_flows"],
        "AllowedOAuthScopes": d["scopes"] if oauth else [],
        "CallbackURLs": d["callback_urls"],
        "LogoutURLs": d["logout_urls"],
    }


def client_create_request(d: dict) -> dict:
    """CreateUserPoolClient's request for the client form's cleaned data."""
    request = {k: v for k, v in client_settings(d).items() if v != []}
    if d["oauth_flows"]:
        request["SupportedIdentityProviders"] = ["COGNITO"]
    request["GenerateSecret"] = d["confidential"]
    request["PreventUserExistenceErrors"] = "ENABLED"
    request["EnableTokenRevocation"] = True
    return request


def client_changes(d: dict, changed: set[str], described: dict) -> dict:
    """Only the settings the operator changed (units travel with any validity)."""
    settings_ = client_settings(d)
    changes = {key: settings_[key] for name in changed for key in KEYS_OF_FIELD.get(name, [])}
    if "TokenValidityUnits" in changes:
        # Units apply to all three validities: send all three in those units.
        for key in ("AccessTokenValidity", "IdTokenValidity", "RefreshTokenValidity"):
            changes[key] = settings_[key]
    if changes.get("AllowedOAuthFlowsUserPoolClient") and not described.get("SupportedIdentityProviders"):
        # Hosted sign-in just turned on for a client with no provider: Cognito's own directory.
        changes["SupportedIdentityProviders"] = ["COGNITO"]
    return changes


# --- Services ------------------------------------------------------------------------


def client_create(*, pool_id: str, request: dict, reason: str = "") -> tuple[AppClient, str]:
    """Create an app client. Returns (client, secret): the secret is for showing
    once to the operator and is never stored, logged or audited."""
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


def client_update(*, pool_id: str, client_id: str, changes, reason: str = "") -> list[dict]:
    """Change some settings of an app client and nothing else (changes: a dict, or a function
    of the fresh description), through the whole-configuration rule."""
    return updated_audited(
        "client.update", APP_CLIENT, pool_id, client_id, changes=changes, reason=reason, target=_target
    )


def client_save(*, pool_id: str, client_id: str, cleaned: dict, changed: set[str], reason: str = "") -> list[dict]:
    """The client form's changes: only the fields the operator changed."""
    return client_update(
        pool_id=pool_id,
        client_id=client_id,
        changes=lambda described: client_changes(cleaned, changed, described),
        reason=reason,
    )


def client_delete(*, pool_id: str, client_id: str, reason: str = "") -> None:
    deleted_audited(
        "client.delete", APP_CLIENT, cognito_clients.client_delete, pool_id, client_id, reason=reason, target=_target
    )
