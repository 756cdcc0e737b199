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
