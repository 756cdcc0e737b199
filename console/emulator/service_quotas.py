"""Service Quotas for cognito-idp in the emulator: moto answers ListAWSDefaultServiceQuotas for
vpc only and has no ListServiceQuotas, both of which the console calls to size its rate limiter
(console.cognito.quotas). The emulator answers Cognito's documented default request rates for
both (an emulated account has no raised quotas). Applied by console.emulator.moto_main, in the
emulator process only; imports moto only."""

import json

from moto.servicequotas import models, responses

# Cognito's default request rates per second (Amazon Cognito quotas, "Category" operation quotas).
COGNITO_RATES = {
    "UserAuthentication": 120, "UserCreation": 50, "UserFederation": 25, "UserAccountRecovery": 30,
    "UserRead": 120, "UserUpdate": 25, "UserToken": 120, "UserList": 30, "UserResourceRead": 50,
    "UserResourceUpdate": 25, "UserPoolRead": 20, "UserPoolResourceUpdate": 15, "UserPoolCreate": 10,
    "UserPoolUpdate": 5,
}


def cognito_quotas(region: str, account_id: str) -> list[dict]:
    return [
        {
            "ServiceCode": "cognito-idp", "ServiceName": "Amazon Cognito User Pools",
            "QuotaArn": f"arn:aws:servicequotas:{region}:{account_id}:cognito-idp/L-{index:08X}",
            "QuotaCode": f"L-{index:08X}", "QuotaName": f"Rate of {name} requests",
            "Value": float(value), "Unit": "None", "Adjustable": True, "GlobalQuota": False,
        }
        for index, (name, value) in enumerate(sorted(COGNITO_RATES.items()), start=1)
    ]


def _defaults(original):
    def list_aws_default_service_quotas(self, service_code):
        if service_code == "cognito-idp":
            return cognito_quotas(self.region_name, self.account_id)
        return original(self, service_code)

    return list_aws_default_service_quotas


def list_service_quotas(self):
    """The applied quotas: the defaults (nothing was raised in the emulator)."""
    params = json.loads(self.body)
    return json.dumps({"Quotas": self.backend.list_aws_default_service_quotas(str(params.get("ServiceCode")))})


def apply() -> None:
    backend = models.ServiceQuotasBackend
    if getattr(backend, "_console_fixes_applied", False):
        return
    backend.list_aws_default_service_quotas = _defaults(backend.list_aws_default_service_quotas)
    responses.ServiceQuotasResponse.list_service_quotas = list_service_quotas
    backend._console_fixes_applied = True
