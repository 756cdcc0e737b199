"""Where a pool delivers its logs, as one typed value read fresh from Cognito."""

from dataclasses import dataclass

from console.cognito import pools as cognito_pools
from console.cognito import security
from console.cognito.errors import CognitoError
from console.pools.tiers import pool_tier

NOTIFICATIONS, AUTH_EVENTS = "userNotification", "userAuthEvents"
# Each destination's block and the name of its ARN inside it.
DESTINATIONS = {
    "CloudWatchLogsConfiguration": "LogGroupArn",
    "S3Configuration": "BucketArn",
    "FirehoseConfiguration": "StreamArn",
}


@dataclass(frozen=True)
class LogDelivery:
    tier: str
    notifications_arn: str = ""  # user notification errors: a CloudWatch Logs log group
    auth_events_arn: str = ""  # user auth events: a log group, an S3 bucket or a Firehose stream
    error: str = ""  # why the configuration could not be read


def destination_arn(configuration: dict | None) -> str:
    for block, key in DESTINATIONS.items():
        arn = ((configuration or {}).get(block) or {}).get(key)
        if arn:
            return arn
    return ""


def log_delivery_from_cognito(described: dict, configurations: list[dict], error: str = "") -> LogDelivery:
    by_source = {c.get("EventSource"): c for c in configurations}
    return LogDelivery(
        tier=pool_tier(described),
        notifications_arn=destination_arn(by_source.get(NOTIFICATIONS)),
        auth_events_arn=destination_arn(by_source.get(AUTH_EVENTS)),
        error=error,
    )


def log_delivery_settings(pool_id: str) -> LogDelivery:
    described = cognito_pools.pool_describe(pool_id, fresh=True)
    try:
        return log_delivery_from_cognito(described, security.log_delivery_get(pool_id))
    except CognitoError as exc:
        return log_delivery_from_cognito(described, [], f"Log delivery could not be read: {exc.message}")
