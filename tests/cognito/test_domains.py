"""The domain requests the gateway sends, checked against Cognito's model with the Stubber."""

from console.cognito import domains as cognito_domains

CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-1234567890ab"


def test_create_and_update_send_the_version_and_only_a_custom_domain_s_certificate(stub):
    stub.add_response("update_user_pool_domain", {"CloudFrontDomain": "d1.cloudfront.net"}, {
        "UserPoolId": "us-east-1_abc", "Domain": "auth.example.com", "ManagedLoginVersion": 2,
        "CustomDomainConfig": {"CertificateArn": CERT}})
    stub.add_response("create_user_pool_domain", {}, {
        "UserPoolId": "us-east-1_abc", "Domain": "shop-login", "ManagedLoginVersion": 1})
    cognito_domains.domain_update("us-east-1_abc", "auth.example.com", certificate_arn=CERT, version=2)
    cognito_domains.domain_create("us-east-1_abc", "shop-login", version=1)
