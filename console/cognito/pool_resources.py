"""One shape for the resources that live inside a pool (app clients, identity providers,
resource servers): Create/Describe/Update/Delete<Noun>, each answering with <Noun> and
naming one resource by a key besides the pool. A resource module declares itself once."""

from collections.abc import Callable
from dataclasses import dataclass

from botocore import xform_name

from console.cognito.client import cognito
from console.cognito.errors import translated
from console.cognito.pagination import iterate
from console.cognito.pools import region_of


def pool_call(pool_id: str, operation: str, **params) -> dict:
    """One Cognito operation (by its API name) on something of the pool, errors translated."""
    with translated(operation):
        return getattr(cognito(region_of(pool_id)), xform_name(operation))(UserPoolId=pool_id, **params)


@dataclass(frozen=True)
class PoolResource:
    noun: str  # the operations' noun and the answers' key, e.g. "IdentityProvider"
    key: str  # the parameter naming one of them, e.g. "ProviderName"
    plural: str  # List<plural>'s operation and answer key, e.g. "IdentityProviders"

    def listed(self, pool_id: str, typed: Callable[[dict], object], *, result_key: str = "", **params) -> list:
        """Every one of them as typed values, sorted by name (case-insensitive)."""
        raw = iterate(
            xform_name(f"List{self.plural}"),
            result_key or self.plural,
            region=region_of(pool_id),
            UserPoolId=pool_id,
            **params,
        )
        return sorted((typed(r) for r in raw), key=lambda r: r.name.lower())

    def describe(self, pool_id: str, name: str) -> dict:
        return pool_call(pool_id, f"Describe{self.noun}", **{self.key: name})[self.noun]

    def create(self, pool_id: str, request: dict) -> dict:
        return pool_call(pool_id, f"Create{self.noun}", **request)[self.noun]

    def update(self, request: dict) -> None:
        """The update request carries the pool (as the description it was built from does)."""
        params = {k: v for k, v in request.items() if k != "UserPoolId"}
        pool_call(request["UserPoolId"], f"Update{self.noun}", **params)

    def delete(self, pool_id: str, name: str) -> None:
        pool_call(pool_id, f"Delete{self.noun}", **{self.key: name})
