"""`make run`'s emulator answers the Service Quotas calls the gateway makes for cognito-idp
(moto has no ListServiceQuotas and lists defaults for vpc only), through the same endpoint."""

from console.cognito import client, limiter


def test_the_emulator_process_serves_cognitos_quotas_to_the_gateway(emulator, settings):
    settings.CONSOLE_RATE_QUOTAS_FROM_ACCOUNT = True
    found = client.account_quotas("us-east-1")
    assert {name: value for name, (value, _) in found.items()} == {k: float(v) for k, v in limiter.QUOTAS.items()}
    assert client.service_quotas("us-east-1").meta.endpoint_url == emulator.url
    defaults = client.service_quotas("us-east-1").list_aws_default_service_quotas(ServiceCode="cognito-idp")
    assert {q["QuotaName"] for q in defaults["Quotas"]} == {f"Rate of {name} requests" for name in limiter.QUOTAS}
