"""The import kind: what a row of the file does in Cognito (docs/CSV.md)."""

import pytest

from console.cognito import limiter
from console.cognito.client import cognito
from console.jobs import runner
from tests.fixtures.cognito import build_pool
from tests.jobs.factories import start_import

pytestmark = pytest.mark.django_db


def test_it_disables_a_user_whose_row_says_enabled_false_through_the_limiter(tmp_path, aws, alice, monkeypatch):
    pool = build_pool(name="Target", users=0)
    charged = []
    real = limiter.acquire
    monkeypatch.setattr(limiter, "acquire", lambda op, region, **kw: charged.append(op) or real(op, region, **kw))
    text = "email,enabled\noff@example.com,false\non@example.com,true\n"
    job = start_import(tmp_path, alice, pool.id, text, suppress_invitations=True)
    assert runner.job_run(job_id=job.pk) == "finished"
    users = cognito().list_users(UserPoolId=pool.id)["Users"]
    enabled = {next(a["Value"] for a in u["Attributes"] if a["Name"] == "email"): u["Enabled"] for u in users}
    assert enabled == {"off@example.com": False, "on@example.com": True}
    assert charged.count("AdminDisableUser") == 1
