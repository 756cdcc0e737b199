"""Reading identity providers as typed values, never with their secrets."""

from console.cognito import providers as cognito_providers
from console.cognito.providers import IdentityProvider, provider_from_cognito


def providers_all(pool_id: str) -> list[IdentityProvider]:
    return cognito_providers.providers_list(pool_id)


def provider_get(pool_id: str, name: str) -> IdentityProvider:
    return provider_from_cognito(cognito_providers.provider_describe(pool_id, name))


def provider_find(pool_id: str, identifier: str) -> IdentityProvider:
    """The provider an identifier (an email domain, say) sends users to."""
    return cognito_providers.provider_by_identifier(pool_id, identifier.strip())
