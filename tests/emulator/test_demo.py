from console.cognito.client import cognito
from console.emulator.demo import DEMO_POOL_NAME, demo_people, seed_demo


def test_it_seeds_idempotently(aws):
    first = seed_demo(users=24)
    second = seed_demo(users=24)
    assert first["created"] == 24
    assert second == {"pool_id": first["pool_id"], "created": 0, "existing": 24}
    c = cognito()
    pools = [p for p in c.list_user_pools(MaxResults=60)["UserPools"] if p["Name"] == DEMO_POOL_NAME]
    assert len(pools) == 1
    groups = {g["GroupName"] for g in c.list_groups(UserPoolId=first["pool_id"])["Groups"]}
    assert groups == {"admins", "staff", "customers"}


def test_it_seeds_users_in_mixed_states(aws):
    result = seed_demo(users=60)
    users = cognito().list_users(UserPoolId=result["pool_id"])["Users"]
    states = {u["UserStatus"] for u in users}
    assert {"CONFIRMED", "FORCE_CHANGE_PASSWORD", "UNCONFIRMED"} <= states
    assert any(not u["Enabled"] for u in users)
    wanted = {p["state"] for p in demo_people(60)}
    assert wanted == {"confirmed", "force_change", "unconfirmed", "disabled"}


def test_it_seeds_a_blocked_risky_sign_in_and_failed_ones_on_the_emulator(emulator):
    result = seed_demo(users=40)
    c, risky, failed = cognito(), 0, 0
    for person in [p for p in demo_people(40) if p["state"] == "confirmed"]:
        events = c.admin_list_user_auth_events(UserPoolId=result["pool_id"], Username=person["email"])["AuthEvents"]
        risky += any(e["EventRisk"]["RiskDecision"] == "Block" for e in events)
        failed += any(e["ChallengeResponses"][0]["ChallengeResponse"] == "Failure" for e in events)
    assert risky >= 1 and failed >= 1
def test_the_demo_pool_has_an_oidc_provider_and_a_resource_server_once(aws):
    pool_id = seed_demo(users=0)["pool_id"]
    seed_demo(users=0)
    c = cognito()
    providers = c.list_identity_providers(UserPoolId=pool_id, MaxResults=60)["Providers"]
    assert [(p["ProviderName"], p["ProviderType"]) for p in providers] == [("DemoIdP", "OIDC")]
    [server] = c.list_resource_servers(UserPoolId=pool_id, MaxResults=50)["ResourceServers"]
    assert server["Identifier"] == "https://api.example.com"
    assert {s["ScopeName"] for s in server["Scopes"]} == {"orders.read", "orders.write"}
