"""Threat protection and log delivery, which moto lacks, added to the emulator process (applied
with the other corrections, console.emulator.cognito_fixes.apply) so the console's threat
protection and log delivery pages round-trip, with the rules Cognito documents:

- DescribeRiskConfiguration / SetRiskConfiguration for the pool (ClientId "ALL") and per app
  client; a client without its own configuration is answered with the pool's. Setting one needs
  threat protection on (UserPoolAddOnNotEnabledException). Each Set replaces the whole
  configuration: a block left out is removed.
- GetLogDeliveryConfiguration / SetLogDeliveryConfiguration: user notification errors (ERROR)
  go to CloudWatch Logs only; user auth events (INFO) to CloudWatch Logs, S3 or Firehose, on
  the Plus plan only.
- UpdateUserPool refuses threat protection (UserPoolAddOns) below the Plus plan.
"""

import copy

from moto.cognitoidp import responses
from moto.cognitoidp.exceptions import InvalidParameterException
from moto.core.exceptions import JsonRESTError
from moto.core.responses import ActionResult

RISK_BLOCKS = (
    "CompromisedCredentialsRiskConfiguration",
    "AccountTakeoverRiskConfiguration",
    "RiskExceptionConfiguration",
)
POOL_WIDE = "ALL"
DEFAULT_TIER = "ESSENTIALS"  # what Cognito gives a pool created without a plan
DESTINATIONS = ("CloudWatchLogsConfiguration", "S3Configuration", "FirehoseConfiguration")
LOG_SOURCES = {
    "userNotification": ("ERROR", ("CloudWatchLogsConfiguration",)),
    "userAuthEvents": ("INFO", DESTINATIONS),
}


class UserPoolAddOnNotEnabledException(JsonRESTError):
    def __init__(self):
        super().__init__("UserPoolAddOnNotEnabledException", "Threat protection is not enabled for this user pool.")


class FeatureUnavailableInTierException(JsonRESTError):
    def __init__(self, message: str):
        super().__init__("FeatureUnavailableInTierException", message)


def _tier(pool) -> str:
    return pool.extended_config.get("UserPoolTier") or DEFAULT_TIER


def _threat_mode(config: dict) -> str:
    return (config.get("UserPoolAddOns") or {}).get("AdvancedSecurityMode") or "OFF"


def _risk(pool) -> dict:
    if not hasattr(pool, "console_risk"):
        pool.console_risk = {}
    return pool.console_risk


def describe_risk_configuration(self):
    pool = self.backend.describe_user_pool(self._get_param("UserPoolId"))
    client_id = self._get_param("ClientId")
    if client_id:
        self.backend.describe_user_pool_client(pool.id, client_id)  # ResourceNotFoundException when absent
    stored = _risk(pool)
    key = client_id if client_id in stored else POOL_WIDE
    config = {"UserPoolId": pool.id, **copy.deepcopy(stored.get(key, {}))}
    if key in stored:
        config["ClientId"] = key
    return ActionResult({"RiskConfiguration": config})


def set_risk_configuration(self):
    pool = self.backend.describe_user_pool(self._get_param("UserPoolId"))
    client_id = self._get_param("ClientId")
    if client_id:
        self.backend.describe_user_pool_client(pool.id, client_id)
    if _threat_mode(pool.extended_config) == "OFF":
        raise UserPoolAddOnNotEnabledException()
    blocks = {key: self._get_param(key) for key in RISK_BLOCKS if self._get_param(key)}
    _risk(pool)[client_id or POOL_WIDE] = copy.deepcopy(blocks)
    config = {"UserPoolId": pool.id, "ClientId": client_id or POOL_WIDE, **blocks}
    return ActionResult({"RiskConfiguration": config})


def _log_problem(config: dict, tier: str) -> str:
    source = config.get("EventSource")
    level, allowed = LOG_SOURCES.get(source, ("", ()))
    destinations = [key for key in DESTINATIONS if config.get(key)]
    if config.get("LogLevel") != level:
        return f"{source} logs are delivered at the {level} level."
    if len(destinations) != 1 or destinations[0] not in allowed:
        return f"{source} logs need exactly one destination of: {', '.join(allowed)}."
    if source == "userAuthEvents" and tier != "PLUS":
        return "FEATURE_PLAN"
    return ""


def get_log_delivery_configuration(self):
    pool = self.backend.describe_user_pool(self._get_param("UserPoolId"))
    configs = copy.deepcopy(getattr(pool, "console_log_delivery", []))
    return ActionResult({"LogDeliveryConfiguration": {"UserPoolId": pool.id, "LogConfigurations": configs}})


def set_log_delivery_configuration(self):
    pool = self.backend.describe_user_pool(self._get_param("UserPoolId"))
    configs = self._get_param("LogConfigurations") or []
    sources = [c.get("EventSource") for c in configs]
    if len(set(sources)) != len(sources):
        raise InvalidParameterException("Each event source can have one log configuration.")
    for config in configs:
        problem = _log_problem(config, _tier(pool))
        if problem == "FEATURE_PLAN":
            raise FeatureUnavailableInTierException("User auth event logs need the Plus feature plan.")
        if problem:
            raise InvalidParameterException(problem)
    pool.console_log_delivery = copy.deepcopy(configs)
    return ActionResult({"LogDeliveryConfiguration": {"UserPoolId": pool.id, "LogConfigurations": configs}})


def _tier_checked(original):
    def update_user_pool(self):
        pool = self.backend.describe_user_pool(self._get_param("UserPoolId"))
        tier = self._get_param("UserPoolTier") or _tier(pool)
        if _threat_mode(self.parameters) != "OFF" and tier != "PLUS":
            raise FeatureUnavailableInTierException("Threat protection needs the Plus feature plan.")
        return original(self)

    update_user_pool.console_tier_checked = True
    return update_user_pool


HANDLERS = (
    describe_risk_configuration,
    set_risk_configuration,
    get_log_delivery_configuration,
    set_log_delivery_configuration,
)


def apply() -> None:
    for handler in HANDLERS:
        setattr(responses.CognitoIdpResponse, handler.__name__, handler)
    current = responses.CognitoIdpResponse.update_user_pool
    if not getattr(current, "console_tier_checked", False):
        responses.CognitoIdpResponse.update_user_pool = _tier_checked(current)
