"""Demo data for the local emulator: one pool that signs in by email, a custom
attribute, three groups and a few hundred users in mixed states.

Seeding is idempotent: it finds the pool by name and creates only what is
missing, so running it twice leaves the same data.
"""

import logging
import random

from console.cognito.client import cognito
from console.cognito.errors import translated
from console.emulator.demo_federation import ensure_federation
from console.emulator.demo_helpdesk import seed_helpdesk
from console.emulator.demo_sign_ins import seed_sign_ins

log = logging.getLogger(__name__)

DEMO_POOL_NAME = "Demo pool"
DEMO_CLIENT_NAME = "demo-web"
DEMO_PASSWORD = "Demo-Passw0rd!"  # the demo users' own password; not an operator's
DEMO_GROUPS = [
    ("admins", "Administrators of the demo app", 1),
    ("staff", "Employees", 10),
    ("customers", "Customers of the demo app", 50),
]
DEPARTMENTS = ["Sales", "Support", "Engineering", "Finance", "Marketing", "Operations"]
GIVEN = [
    "Ada",
    "Alan",
    "Grace",
    "Linus",
    "Margaret",
    "Ken",
    "Barbara",
    "Dennis",
    "Frances",
    "Edsger",
    "Radia",
    "Tim",
    "Hedy",
    "John",
    "Katherine",
    "Guido",
    "Sophie",
    "Niklaus",
    "Joan",
    "Donald",
]
FAMILY = [
    "Lovelace",
    "Turing",
    "Hopper",
    "Torvalds",
    "Hamilton",
    "Thompson",
    "Liskov",
    "Ritchie",
    "Allen",
    "Dijkstra",
    "Perlman",
    "Berners-Lee",
    "Lamarr",
    "McCarthy",
    "Johnson",
    "van Rossum",
    "Wilson",
    "Wirth",
    "Clarke",
    "Knuth",
]


def demo_people(count: int) -> list[dict]:
    """Deterministic people: the same count always gives the same users."""
    rng = random.Random(42)
    people = []
    for i in range(count):
        given, family = GIVEN[i % len(GIVEN)], FAMILY[(i // len(GIVEN) + i) % len(FAMILY)]
        email = f"{given}.{family}.{i:03d}@example.com".lower().replace(" ", "")
        roll = rng.random()
        state = (
            "confirmed"
            if roll < 0.7
            else "force_change"
            if roll < 0.85
            else "unconfirmed"
            if roll < 0.93
            else "disabled"
        )
        groups = ["staff"] if i % 3 == 0 else ["customers"]
        if i % 50 == 0:
            groups.append("admins")
        people.append(
            {
                "email": email,
                "given_name": given,
                "family_name": family,
                "phone_number": f"+1415555{i:04d}",
                "department": DEPARTMENTS[i % len(DEPARTMENTS)],
                "state": state,
                "groups": groups,
            }
        )
    return people


def _find_pool(client) -> str | None:
    for page in client.get_paginator("list_user_pools").paginate(MaxResults=60):
        for pool in page["UserPools"]:
            if pool["Name"] == DEMO_POOL_NAME:
                return pool["Id"]
    return None


def _create_pool(client) -> str:
    pool = client.create_user_pool(
        PoolName=DEMO_POOL_NAME,
        UsernameAttributes=["email"],
        UsernameConfiguration={"CaseSensitive": False},
        AutoVerifiedAttributes=["email"],
        MfaConfiguration="OPTIONAL",
        Policies={
            "PasswordPolicy": {
                "MinimumLength": 10,
                "RequireUppercase": True,
                "RequireLowercase": True,
                "RequireNumbers": True,
                "RequireSymbols": False,
            }
        },
        Schema=[
            {"Name": "email", "AttributeDataType": "String", "Required": True, "Mutable": True},
            {
                "Name": "department",
                "AttributeDataType": "String",
                "Mutable": True,
                "StringAttributeConstraints": {"MinLength": "0", "MaxLength": "64"},
            },
        ],
        AdminCreateUserConfig={"AllowAdminCreateUserOnly": False},
    )
    return pool["UserPool"]["Id"]


def _client_id(client, pool_id: str) -> str:
    for c in client.list_user_pool_clients(UserPoolId=pool_id, MaxResults=60)["UserPoolClients"]:
        if c["ClientName"] == DEMO_CLIENT_NAME:
            return c["ClientId"]
    created = client.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName=DEMO_CLIENT_NAME,
        ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )
    return created["UserPoolClient"]["ClientId"]


def _ensure_groups(client, pool_id: str) -> None:
    existing = {g["GroupName"] for g in client.list_groups(UserPoolId=pool_id, Limit=60)["Groups"]}
    for name, description, precedence in DEMO_GROUPS:
        if name not in existing:
            client.create_group(UserPoolId=pool_id, GroupName=name, Description=description, Precedence=precedence)


def _existing_emails(client, pool_id: str) -> set[str]:
    emails = set()
    for page in client.get_paginator("list_users").paginate(UserPoolId=pool_id, AttributesToGet=["email"]):
        for user in page["Users"]:
            emails.update(a["Value"] for a in user.get("Attributes", []) if a["Name"] == "email")
    return emails


def _create_person(client, pool_id: str, client_id: str, person: dict) -> None:
    attrs = [
        {"Name": "email", "Value": person["email"]},
        {"Name": "email_verified", "Value": "true"},
        {"Name": "given_name", "Value": person["given_name"]},
        {"Name": "family_name", "Value": person["family_name"]},
        {"Name": "phone_number", "Value": person["phone_number"]},
        {"Name": "custom:department", "Value": person["department"]},
    ]
    if person["state"] == "unconfirmed":
        client.sign_up(
            ClientId=client_id,
            Username=person["email"],
            Password=DEMO_PASSWORD,
            UserAttributes=[a for a in attrs if a["Name"] != "email_verified"],
        )
    else:
        client.admin_create_user(
            UserPoolId=pool_id, Username=person["email"], UserAttributes=attrs, MessageAction="SUPPRESS"
        )
        if person["state"] in ("confirmed", "disabled"):
            client.admin_set_user_password(
                UserPoolId=pool_id, Username=person["email"], Password=DEMO_PASSWORD, Permanent=True
            )
        if person["state"] == "disabled":
            client.admin_disable_user(UserPoolId=pool_id, Username=person["email"])
    for group in person["groups"]:
        client.admin_add_user_to_group(UserPoolId=pool_id, Username=person["email"], GroupName=group)


def seed_demo(*, users: int = 300, region: str | None = None) -> dict:
    """Create the demo pool and whatever of its content is missing. Returns counts."""
    client = cognito(region)
    with translated("SeedDemo"):
        pool_id = _find_pool(client) or _create_pool(client)
        client_id = _client_id(client, pool_id)
        _ensure_groups(client, pool_id)
        ensure_federation(client, pool_id)
        have = _existing_emails(client, pool_id)
        missing = [p for p in demo_people(users) if p["email"] not in have]
        # One at a time: moto is not thread-safe (concurrent creates in an email
        # pool fail or corrupt its state), and 300 users take only seconds.
        for person in missing:
            _create_person(client, pool_id, client_id, person)
        seed_sign_ins(client, pool_id, client_id, missing, password=DEMO_PASSWORD)
    seed_helpdesk(client, pool_id, client_id, demo_people(users), DEMO_PASSWORD)
    log.info("demo pool %s: %d users created, %d already there", pool_id, len(missing), len(have))
    return {"pool_id": pool_id, "created": len(missing), "existing": len(have)}
