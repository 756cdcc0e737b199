"""A user's linked identities from external identity providers (issue 13, item 4): the
`identities` attribute read as a list, AdminLinkProviderForUser and AdminDisableProviderForUser.

Cognito keeps the links in the user's `identities` attribute, a JSON list it maintains itself
(an application can never write it): one object per provider with userId, providerName,
providerType, issuer, primary and dateCreated (milliseconds since the epoch).
"""

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from console.cognito.client import cognito
from console.cognito.errors import translated
from console.cognito.pools import region_of

# The attribute an unlink names: the provider's subject, which is the userId Cognito recorded
# (AdminDisableProviderForUser: "must always be Cognito_Subject for social IdPs", and for SAML
# identities that have signed in).
SUBJECT = "Cognito_Subject"
# ProviderName "Cognito" in AdminDisableProviderForUser means the user's own password sign-in:
# never what "unlink" means here.
NATIVE = "Cognito"
MAX_LINKED = 5  # Cognito's limit of federated identities linked to one user


@dataclass(frozen=True)
class LinkedIdentity:
    provider: str
    type: str = ""  # Google, Facebook, LoginWithAmazon, SignInWithApple, SAML, OIDC
    user_id: str = ""  # the user's subject at the provider
    linked: datetime | None = None
    primary: bool = False
    issuer: str = ""


def _date(value) -> datetime | None:
    try:
        return datetime.fromtimestamp(int(value) / 1000, tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def identities_parse(raw: str | None) -> list[LinkedIdentity]:
    """The `identities` attribute as LinkedIdentity values; nothing for an absent or unreadable value
    (the page says what Cognito holds, it does not fail on it)."""
    try:
        items = json.loads(raw or "[]")
    except ValueError:
        return []
    if not isinstance(items, list):
        return []
    return [
        LinkedIdentity(
            provider=str(item.get("providerName") or ""),
            type=str(item.get("providerType") or ""),
            user_id=str(item.get("userId") or ""),
            linked=_date(item.get("dateCreated")),
            primary=str(item.get("primary")).lower() == "true",
            issuer=str(item.get("issuer") or ""),
        )
        for item in items
        if isinstance(item, dict) and item.get("providerName")
    ]


def _identity(provider: str, attribute: str, value: str) -> dict:
    """Cognito's ProviderUserIdentifierType, refusing "Cognito" as the provider."""
    if not provider or provider == NATIVE:
        raise ValueError("A linked identity names an external identity provider, never Cognito itself.")
    return {"ProviderName": provider, "ProviderAttributeName": attribute, "ProviderAttributeValue": value}


def identity_unlink(pool_id: str, provider: str, user_id: str) -> None:
    """AdminDisableProviderForUser for a linked identity: the link goes, so the next sign-in with that
    provider no longer reaches this user (it makes a new one)."""
    user = _identity(provider, SUBJECT, user_id)
    with translated("AdminDisableProviderForUser"):
        cognito(region_of(pool_id)).admin_disable_provider_for_user(UserPoolId=pool_id, User=user)


def identity_link(pool_id: str, username: str, provider: str, attribute: str, value: str) -> None:
    """AdminLinkProviderForUser: a federated identity that has not signed in yet will sign in as this
    existing user. `attribute` is Cognito_Subject (the provider's subject) or a SAML attribute name."""
    source = _identity(provider, attribute, value)
    destination = {"ProviderName": NATIVE, "ProviderAttributeName": SUBJECT, "ProviderAttributeValue": username}
    with translated("AdminLinkProviderForUser"):
        cognito(region_of(pool_id)).admin_link_provider_for_user(
            UserPoolId=pool_id, DestinationUser=destination, SourceUser=source
        )
