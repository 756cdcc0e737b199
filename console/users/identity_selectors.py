"""What the user page shows about a user's linked federated identities (issue 13, item 4) and the
pool's identity providers an admin may link one from."""

from dataclasses import dataclass, field

from django.core.cache import cache

from console.cognito import federated_users
from console.cognito.errors import CognitoError
from console.cognito.providers import IdentityProvider, providers_list
from console.cognito.types import CognitoUser

# What Cognito's API reference warns of for AdminLinkProviderForUser, in the console's words.
CAUTION = (
    "Linking lets whoever signs in with this identity at the provider sign in as this user, with this "
    "user's groups and access. Link only identities from a provider you trust, after checking they belong "
    "to this person."
)
PROVIDERS_CACHE_SECONDS = 30  # the link form's menu; a provider deleted meanwhile is refused by Cognito


@dataclass
class Identities:
    linked: list[federated_users.LinkedIdentity] = field(default_factory=list)
    providers: list[IdentityProvider] = field(default_factory=list)  # loaded for admins only
    providers_error: str = ""
    caution: str = CAUTION

    @property
    def can_link_more(self) -> bool:
        return len(self.linked) < federated_users.MAX_LINKED


def pool_providers(pool_id: str) -> list[IdentityProvider]:
    """The pool's identity providers (ListIdentityProviders), kept briefly in the shared cache."""
    key = f"console:users:providers:{pool_id}"
    found = cache.get(key)
    if found is None:
        found = providers_list(pool_id)
        cache.set(key, found, PROVIDERS_CACHE_SECONDS)
    return found


def user_identities(pool_id: str, user: CognitoUser, *, with_providers: bool) -> Identities:
    result = Identities(linked=federated_users.identities_parse(user.attributes.get("identities")))
    if with_providers:
        try:
            result.providers = pool_providers(pool_id)
        except CognitoError as exc:
            result.providers_error = exc.message
    return result
