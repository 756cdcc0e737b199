from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from console.cognito.client import cognito
from console.jobs.models import Job

pytestmark = pytest.mark.django_db


def test_it_checks_only_on_a_dry_run(tmp_path, alice, pool):
    path = tmp_path / "u.csv"
    path.write_text("email,given_name\nnew1@example.com,Ann\nbad,Bob\n")
    out = StringIO()
    call_command("import_users", str(path), "--pool", pool.id, "--dry-run", stdout=out)
    text = out.getvalue()
    assert "2 rows: 1 valid, 1 invalid." in text and "line 3 email: Not an email address." in text
    assert not Job.objects.exists()


def test_it_imports_with_a_progress_bar(tmp_path, alice, pool):
    path = tmp_path / "u.csv"
    path.write_text("email\nnew1@example.com\nnew2@example.com\nuser0@example.com\n")
    out = StringIO()
    call_command("import_users", str(path), "--pool", pool.id, "--suppress-invites", stdout=out)
    assert "created 2, updated 0, skipped 1, failed 0" in out.getvalue()
    assert "[####" in out.getvalue()
    emails = {a["Value"] for u in cognito().list_users(UserPoolId=pool.id)["Users"] for a in u["Attributes"]}
    assert {"new1@example.com", "new2@example.com"} <= emails


def test_it_refuses_a_bad_file_clearly(tmp_path, alice, pool):
    path = tmp_path / "u.csv"
    path.write_bytes("email\nJos\xe9@example.com\n".encode("latin-1"))
    with pytest.raises(CommandError, match=r"not UTF-8 text \(line 2\)"):
        call_command("import_users", str(path), "--pool", pool.id, stdout=StringIO())
