"""Sign-in history for the demo pool (issue 13, item 3): a few confirmed demo users sign in as an
app would, so the user page shows sign-in events, a blocked risky sign-in to mark valid, and failed
attempts for the diagnosis panel. The emulator rates addresses in 203.0.113.0/24 as High risk
(console.emulator.cognito_auth_events); elsewhere the sign-ins are plain."""

RISKY_EVERY, FAILED_EVERY = 20, 25  # one confirmed user in 20 was blocked as risky, one in 25 mistyped
# Past the first confirmed users, who get factors, sessions and devices (demo_helpdesk.py): a
# blocked sign-in there would stop their devices from being remembered.
FIRST = 5


def _sign_in(client, pool_id: str, client_id: str, email: str, *, password: str, ip: str) -> None:
    context = {"IpAddress": ip, "ServerName": "demo.example.com", "ServerPath": "/login", "HttpHeaders": []}
    try:
        client.admin_initiate_auth(
            UserPoolId=pool_id,
            ClientId=client_id,
            AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": email, "PASSWORD": password},
            ContextData=context,
        )
    except client.exceptions.NotAuthorizedException:
        pass  # a failed or blocked sign-in is the point


def seed_sign_ins(client, pool_id: str, client_id: str, people: list[dict], *, password: str) -> int:
    """Sign some of the newly created confirmed people in (their password is `password`); returns
    how many have a history."""
    confirmed = [p for p in people if p["state"] == "confirmed"]
    seeded = 0
    for i, person in enumerate(confirmed):
        email = person["email"]
        if i % RISKY_EVERY == FIRST:
            _sign_in(client, pool_id, client_id, email, password=password, ip="198.51.100.7")
            _sign_in(client, pool_id, client_id, email, password=password, ip=f"203.0.113.{i % 250 + 1}")
        elif i % FAILED_EVERY == FIRST + 1:
            for _ in range(2):
                _sign_in(client, pool_id, client_id, email, password="not-" + password, ip="198.51.100.9")
        else:
            continue
        seeded += 1
    return seeded
