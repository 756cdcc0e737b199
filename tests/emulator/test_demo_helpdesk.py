"""The demo pool `make run` seeds shows the helpdesk features (issue 13, item 7): users with an
authenticator app, sessions and remembered devices, and one with a linked federated identity.
Against the emulator process, which answers every operation this needs."""

import json

from console.cognito.client import cognito
from console.emulator.demo import demo_people, seed_demo
from console.emulator.demo_helpdesk import DEMO_PROVIDER, DEMO_SUBJECT, helpdesk_people


def state(pool_id: str, email: str) -> dict:
    c = cognito()
    user = c.admin_get_user(UserPoolId=pool_id, Username=email)
    attrs = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
    return {
        "totp": "SOFTWARE_TOKEN" in c.admin_get_user_auth_factors(UserPoolId=pool_id, Username=email)[
            "ConfiguredUserAuthFactors"],
        "sessions": len(c.admin_list_user_sessions(UserPoolId=pool_id, Username=email)["Sessions"]),
        "devices": len(c.admin_list_devices(UserPoolId=pool_id, Username=email)["Devices"]),
        "identities": json.loads(attrs.get("identities", "[]")),
    }


def test_the_demo_has_factors_sessions_devices_and_a_federated_user_once(emulator):
    pool_id = seed_demo(users=24)["pool_id"]
    chosen = [p["email"] for p in helpdesk_people(demo_people(24))]
    assert len(chosen) == 4
    first = [state(pool_id, e) for e in chosen]
    assert [s["totp"] for s in first] == [True, True, False, False]
    assert [s["sessions"] for s in first] == [3, 2, 2, 1]  # setting up the authenticator signs in too
    assert [s["devices"] for s in first] == [2, 1, 2, 1]
    [linked] = first[-1]["identities"]
    assert (linked["providerName"], linked["userId"]) == (DEMO_PROVIDER, DEMO_SUBJECT)
    seed_demo(users=24)
    assert [state(pool_id, e) for e in chosen] == first  # a second seeding adds nothing
