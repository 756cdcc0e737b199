"""Federated users (issue 13, item 4): unlinking an identity from an external provider and linking
one to an existing user. Each function makes the Cognito change and records exactly one audit event
(success, or failure with the Cognito code). The catalogue (console.users.actions) applies the
permission, the pool scope and the reason rule first."""

from console.audit.services import audited
from console.cognito import federated_users
from console.cognito.errors import CognitoError
from console.cognito.users import user_get

NOT_LINKED = "This identity is not linked to this user (it may have been unlinked already). Reload the page."


def user_unlink_identity(*, pool_id: str, username: str, provider: str, user_id: str, reason: str = "") -> None:
    """AdminDisableProviderForUser names the identity, not the user: the identity is first checked to be
    linked to this user, so a request naming one user never unlinks another's."""

    def change():
        linked = federated_users.identities_parse(user_get(pool_id, username).attributes.get("identities"))
        if not any(i.provider == provider and i.user_id == user_id for i in linked):
            raise CognitoError(NOT_LINKED, code="ResourceNotFoundException")
        federated_users.identity_unlink(pool_id, provider, user_id)

    audited(
        "user.unlink_identity",
        change,
        pool_id=pool_id,
        target=username,
        reason=reason,
        params={"provider": provider, "provider_user": user_id},
    )


def user_link_identity(
    *, pool_id: str, username: str, provider: str, attribute: str, value: str, reason: str = ""
) -> None:
    """Whoever signs in with this identity at the provider will be signed in as this user."""
    audited(
        "user.link_identity",
        lambda: federated_users.identity_link(pool_id, username, provider, attribute, value),
        pool_id=pool_id,
        target=username,
        reason=reason,
        params={"provider": provider, "attribute": attribute, "provider_user": value},
    )
