"""The demo pool's federation: an OpenID Connect provider and a resource server with two custom
scopes, so the identity provider, resource server and app client pages have something to show."""

DEMO_PROVIDER = "DemoIdP"
DEMO_API = "https://api.example.com"


def ensure_federation(client, pool_id: str) -> None:
    """Create what is missing (idempotent, like the rest of the demo seeding)."""
    listed = client.list_identity_providers(UserPoolId=pool_id, MaxResults=60)["Providers"]
    if DEMO_PROVIDER not in {p["ProviderName"] for p in listed}:
        client.create_identity_provider(
            UserPoolId=pool_id, ProviderName=DEMO_PROVIDER,
            ProviderType="OIDC",
            ProviderDetails={
                "client_id": "demo-console",
                "client_secret": "demo-only-not-a-real-secret",  # the emulator's, never a real IdP's
                "authorize_scopes": "openid email profile",
                "attributes_request_method": "GET",
                "oidc_issuer": "https://idp.example.com",
            },
            AttributeMapping={"email": "email"},
            IdpIdentifiers=["example.com"],
        )
    servers = client.list_resource_servers(UserPoolId=pool_id, MaxResults=50)["ResourceServers"]
    if DEMO_API not in {server["Identifier"] for server in servers}:
        client.create_resource_server(
            UserPoolId=pool_id, Identifier=DEMO_API, Name="Orders API",
            Scopes=[
                {"ScopeName": "orders.read", "ScopeDescription": "Read orders"},
                {"ScopeName": "orders.write", "ScopeDescription": "Change orders"},
            ],
        )
