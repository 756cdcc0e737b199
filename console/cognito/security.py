"""Threat protection's risk configuration and the pool's log delivery.

SetRiskConfiguration and SetLogDeliveryConfiguration replace the whole configuration they are
given (a block left out is removed), so callers send back what risk_get / log_delivery_get
returned with their changes laid over it. Neither is part of DescribeUserPool, so they leave
the cached pool description alone."""

from console.cognito.client import cognito
from console.cognito.errors import translated
from console.cognito.pools import region_of

# The blocks of a risk configuration that SetRiskConfiguration takes back.
RISK_BLOCKS = (
    "CompromisedCredentialsRiskConfiguration",
    "AccountTakeoverRiskConfiguration",
    "RiskExceptionConfiguration",
)


def _ids(pool_id: str, client_id: str | None) -> dict:
    return {"UserPoolId": pool_id, **({"ClientId": client_id} if client_id else {})}


def risk_get(pool_id: str, client_id: str | None = None) -> tuple[dict, bool]:
    """(the risk configuration's blocks, whether they are the client's own). A client without a
    configuration of its own is answered with the pool's."""
    with translated("DescribeRiskConfiguration"):
        raw = cognito(region_of(pool_id)).describe_risk_configuration(**_ids(pool_id, client_id))
    config = raw.get("RiskConfiguration") or {}
    own = not client_id or config.get("ClientId") == client_id
    return {key: config[key] for key in RISK_BLOCKS if config.get(key)}, own


def risk_set(pool_id: str, config: dict, client_id: str | None = None) -> None:
    """SetRiskConfiguration with a whole configuration (as risk_get returns it)."""
    blocks = {key: config[key] for key in RISK_BLOCKS if config.get(key)}
    with translated("SetRiskConfiguration"):
        cognito(region_of(pool_id)).set_risk_configuration(**_ids(pool_id, client_id), **blocks)


def log_delivery_get(pool_id: str) -> list[dict]:
    """The pool's log configurations (at most one per event source)."""
    with translated("GetLogDeliveryConfiguration"):
        raw = cognito(region_of(pool_id)).get_log_delivery_configuration(UserPoolId=pool_id)
    return list((raw.get("LogDeliveryConfiguration") or {}).get("LogConfigurations") or [])


def log_delivery_set(pool_id: str, configurations: list[dict]) -> None:
    with translated("SetLogDeliveryConfiguration"):
        cognito(region_of(pool_id)).set_log_delivery_configuration(
            UserPoolId=pool_id, LogConfigurations=configurations
        )
