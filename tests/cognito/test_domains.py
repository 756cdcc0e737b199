"""The domain requests the gateway sends, checked against Cognito's model with the Stubber."""

from console.cognito import domains as cognito_domains

PNG = b"\x89PNG\r\n\x1a\n" + b"\1" * 32
SETTINGS = {"components": {}}
CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-1234567890ab"


def test_create_and_update_send_the_version_and_only_a_custom_domain_s_certificate(stub):
    stub.add_response("update_user_pool_domain", {"CloudFrontDomain": "d1.cloudfront.net"}, {
        "UserPoolId": "us-east-1_abc", "Domain": "auth.example.com", "ManagedLoginVersion": 2,
        "CustomDomainConfig": {"CertificateArn": CERT}})
    stub.add_response("create_user_pool_domain", {}, {
        "UserPoolId": "us-east-1_abc", "Domain": "shop-login", "ManagedLoginVersion": 1})
    cognito_domains.domain_update("us-east-1_abc", "auth.example.com", certificate_arn=CERT, version=2)
    cognito_domains.domain_create("us-east-1_abc", "shop-login", version=1)


def test_ui_customization_requests(stub):
    from console.cognito import branding

    stub.add_response("get_ui_customization", {"UICustomization": {"ClientId": "ALL", "CSS": ".a{}"}},
                      {"UserPoolId": "us-east-1_abc", "ClientId": "ALL"})
    stub.add_response("set_ui_customization", {"UICustomization": {}},
                      {"UserPoolId": "us-east-1_abc", "ClientId": "web1", "CSS": ".b{}", "ImageFile": b"\x89PNG"})
    stub.add_response("set_ui_customization", {"UICustomization": {}},
                      {"UserPoolId": "us-east-1_abc", "ClientId": "web1", "CSS": ""})
    assert branding.ui_customization_get("us-east-1_abc")["CSS"] == ".a{}"
    branding.ui_customization_set("us-east-1_abc", "web1", css=".b{}", image=b"\x89PNG")
    branding.ui_customization_set("us-east-1_abc", "web1", css="")


def test_managed_login_branding_requests(stub):
    from console.cognito import branding

    stub.add_response("create_managed_login_branding", {"ManagedLoginBranding": {}}, {
        "UserPoolId": "us-east-1_abc", "ClientId": "web1", "UseCognitoProvidedValues": True,
        "Assets": [{"Category": "FORM_LOGO", "ColorMode": "LIGHT", "Extension": "PNG", "Bytes": PNG}]})
    stub.add_response("update_managed_login_branding", {"ManagedLoginBranding": {}}, {
        "UserPoolId": "us-east-1_abc", "ManagedLoginBrandingId": "0f1e2d3c-aaaa-4bbb-8ccc-1234567890ab",
        "Settings": SETTINGS, "Assets": []})
    stub.add_response("delete_managed_login_branding", {}, {
        "UserPoolId": "us-east-1_abc", "ManagedLoginBrandingId": "0f1e2d3c-aaaa-4bbb-8ccc-1234567890ab"})
    branding.managed_branding_create("us-east-1_abc", "web1", use_cognito=True, settings=None, assets=[
        {"Category": "FORM_LOGO", "ColorMode": "LIGHT", "Extension": "PNG", "Bytes": PNG}])
    branding.managed_branding_update("us-east-1_abc", "0f1e2d3c-aaaa-4bbb-8ccc-1234567890ab", use_cognito=False,
                                     settings=SETTINGS, assets=[])
    branding.managed_branding_delete("us-east-1_abc", "0f1e2d3c-aaaa-4bbb-8ccc-1234567890ab")
