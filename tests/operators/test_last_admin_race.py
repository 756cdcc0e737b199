"""Two unscoped admins demoting each other at the same moment: one wins, one admin remains.

PostgreSQL only: SQLite serialises writers (IMMEDIATE transactions), so the race cannot happen there."""

import threading
import time

import pytest
from django.db import connection

from console.accounts.models import Operator
from console.operators import services
from tests.fixtures.operators import make_operator

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_it_keeps_one_admin_when_two_demote_each_other(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("the race needs PostgreSQL (SQLite serialises writers); set DATABASE_URL=postgres://...")
    alice, bob = make_operator("alice", "admin"), make_operator("bob", "admin")
    counted = services._unscoped_admins

    def slow_count():
        # Widen the window between counting the admins and saving the change.
        result = list(counted())
        time.sleep(0.5)
        return Operator.objects.filter(pk__in=[o.pk for o in result])

    monkeypatch.setattr(services, "_unscoped_admins", slow_count)
    barrier = threading.Barrier(2)
    outcomes = []

    def demote(target, by):
        barrier.wait()
        try:
            services.operator_update(operator=target, role="viewer", pools=[], is_active=True, changed_by=by)
            outcomes.append("done")
        except services.OperatorChangeRefused as exc:
            outcomes.append(str(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=demote, args=(bob, alice)), threading.Thread(target=demote, args=(alice, bob))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(outcomes) == 2 and outcomes.count("done") == 1, outcomes
    assert counted().count() == 1
