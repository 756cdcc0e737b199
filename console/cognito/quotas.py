"""Cognito's request-rate quotas as the account has them, from the Service Quotas API (service
code cognito-idp): the values applied to the account (ListServiceQuotas), else AWS's defaults
(ListAWSDefaultServiceQuotas). Quotas are matched to the limiter's categories by name ("Rate of
UserCreation requests"); others are ignored. The client is passed in (console.cognito.client
builds it and caches the result), so this module imports no client and no cache."""

import re
from dataclasses import dataclass

from django.conf import settings

from console.cognito import limiter

SERVICE_CODE = "cognito-idp"
ACCOUNT, DEFAULT, OVERRIDE, BUILT_IN = "account", "default", "CONSOLE_RATE_QUOTAS", "built-in"
_NAME = re.compile(r"^Rate of (\w+) requests\b", re.IGNORECASE)


def _read(sq_client, operation: str) -> dict[str, float]:
    found = {}
    for page in sq_client.get_paginator(operation).paginate(ServiceCode=SERVICE_CODE):
        for quota in page.get("Quotas", []):
            match = _NAME.match(quota.get("QuotaName", ""))
            value = quota.get("Value") or 0
            if match and match[1] in limiter.QUOTAS and value > 0:
                found[match[1]] = float(value)
    return found


def read(sq_client) -> dict[str, tuple[float, str]]:
    """{category: (requests per second, ACCOUNT | DEFAULT)}; raises botocore's errors."""
    applied = {name: (value, ACCOUNT) for name, value in _read(sq_client, "list_service_quotas").items()}
    if set(applied) >= set(limiter.QUOTAS):
        return applied
    defaults = {name: (value, DEFAULT) for name, value in
                _read(sq_client, "list_aws_default_service_quotas").items()}
    return {**defaults, **applied}


@dataclass(frozen=True)
class Row:
    category: str
    quota: float
    source: str
    budget: float  # the console's requests per second


def budget_rows(account: dict[str, tuple[float, str]]) -> list[Row]:
    """Each category's quota, where it came from, and the console's budget from it."""
    overrides = limiter.overrides()
    values = {name: value for name, (value, _) in account.items()}
    rows = []
    for category in sorted(limiter.QUOTAS):
        if category in overrides:
            quota, source = overrides[category], OVERRIDE
        else:
            quota, source = account.get(category, (limiter.QUOTAS[category], BUILT_IN))
        rows.append(Row(category, quota, source, limiter.category_limit(category, values).rate))
    return rows


def share() -> float:
    return settings.CONSOLE_RATE_BUDGET_SHARE
