"""The session-wide secrets check (tests/fixtures/secrets.py) sees what it must:
generated secrets get recorded, and a leak into a log or a table is found."""

import logging

from django.urls import reverse
from django.utils.html import escape

from console.audit.services import audit_record
from tests.fixtures.secrets import RECORDER


def test_it_records_the_temporary_password_of_a_helpdesk_action(pool, admin_client):
    before = len(RECORDER.order)
    url = reverse("users:action", kwargs={"pool_id": pool.id, "action": "set_temporary_password"})
    response = admin_client.post(url, {"username": pool.users["user1@example.com"], "reason": "INC-1"})
    assert response.status_code == 200
    kinds = [kind for _, kind, _ in RECORDER.order[before:]]
    assert "temporary password" in kinds
    password = next(v for v, kind, _ in RECORDER.order[before:] if kind == "temporary password")
    assert escape(password) in response.content.decode()  # shown once to the operator, and nowhere else


def test_it_records_session_ids_and_generated_passwords(admin_client, alice):
    assert admin_client.session.session_key in RECORDER.seen
    before = len(RECORDER.order)
    admin_client.post(reverse("operators:password", kwargs={"operator_id": alice.pk}))
    assert "generated password" in [kind for _, kind, _ in RECORDER.order[before:]]


def test_it_finds_a_secret_in_a_log_record_and_in_a_table(alice):
    secret = "leak-canary-" + "x7Qp" * 4
    RECORDER.add("test canary", secret)
    logs_before = len(RECORDER.logs)
    logging.getLogger("console.test").warning("reset done, password %s", secret)
    try:
        assert RECORDER.in_logs(logs_before) == [
            f"test canary in a log record: 'console.test: reset done, password {secret}'"
        ]
    finally:
        del RECORDER.logs[logs_before:]  # the canary is not a real leak
    alice.first_name = f"oops {secret}"
    alice.save()
    try:
        leaks = RECORDER.in_database([(secret, "test canary", frozenset())])
        assert [leak for leak in leaks if leak.endswith(".first_name")], leaks
    finally:
        alice.first_name = ""
        alice.save()


def test_it_searches_audit_events(alice):
    secret = "audit-canary-" + "Zk3w" * 4
    audit_record(action="user.disable", operator=alice, params={"note": secret})
    assert "test canary in the database: audit_auditevent.params" in RECORDER.in_database(
        [(secret, "test canary", frozenset())]
    )
    # (no RECORDER.add: audit events cannot be deleted, so this canary must not fail the test)


def test_it_records_passwords_typed_at_sign_in(alice, client):
    before = len(RECORDER.order)
    client.post(reverse("accounts:login"), {"username": "alice", "password": "Wrong-But-Close-9"})
    assert ("Wrong-But-Close-9", "password typed at sign-in") in [(v, k) for v, k, _ in RECORDER.order[before:]]
