"""Upload, check, start, job pages and downloads through the web."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from console.audit.models import AuditEvent
from console.jobs import runner
from console.jobs.models import ImportUpload, Job

pytestmark = pytest.mark.django_db


def upload(client, pool_id, text, name="users.csv", **extra):
    data = text.encode() if isinstance(text, str) else text
    return client.post(
        reverse("jobs:import_upload", args=[pool_id]),
        {"file": SimpleUploadedFile(name, data, content_type="text/csv"), **extra},
    )


@pytest.fixture
def no_queue(monkeypatch):
    sent = []
    monkeypatch.setattr("console.jobs.queue.broker_reachable", lambda: True)
    # The queue sends the run task by name (it imports nothing of the runner).
    monkeypatch.setattr(
        "console.jobs.queue.current_app.send_task",
        lambda name, args, **kw: sent.append(args[0]) if name == "jobs.run" else None,
    )
    return sent


def test_it_checks_an_upload_and_shows_the_report(admin_client, pool):
    text = "email,given_name,groups\nnew1@example.com,Ann,staff\nbad,Bob,nope\n"
    response = upload(admin_client, pool.id, text)
    assert response.status_code == 302
    page = admin_client.get(response["Location"])
    body = page.content.decode()
    assert page.status_code == 200
    assert 'id="valid"><span class="badge badge-ok">1<' in body
    assert "Not an email address." in body and "No group &#x27;nope&#x27;" in body
    assert "attribute given_name" in body
    upload_ = ImportUpload.objects.get()
    errors = admin_client.get(reverse("jobs:import_errors", args=[upload_.token]))
    csv_text = b"".join(errors.streaming_content).decode()
    assert csv_text.splitlines()[0] == "line,column,value,reason"
    assert "3,email,bad,Not an email address." in csv_text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The submitted file is empty."),
        (b"email\n", "no rows"),
        ("email,given_name\nJos\xe9@example.com,x\n".encode("latin-1"), "not UTF-8"),
        (b"email,shoe\na@example.com,1\n", "Unknown column: shoe"),
        (b"a@example.com,Ann\n", "not a header row"),
    ],
)
def test_it_explains_a_bad_file_without_changing_cognito(admin_client, pool, content, message, no_queue):
    response = upload(admin_client, pool.id, content)
    if response.status_code == 302:  # stored and checked: the check page explains
        page = admin_client.get(response["Location"])
        start = admin_client.post(response["Location"], {"existing": "skip", "invitations": "send"})
        assert start.status_code == 400
    else:  # refused by the form itself
        page = response
        assert response.status_code == 400
    assert message in page.content.decode()
    assert not Job.objects.exists() and no_queue == []


def test_it_refuses_a_file_over_the_limit_while_it_streams(admin_client, pool, settings):
    settings.CONSOLE_IMPORT_MAX_BYTES = 64 * 1024
    response = upload(admin_client, pool.id, b"email\n" + b"x@example.com\n" * 10_000)
    assert response.status_code == 413
    assert "larger than" in response.content.decode()
    assert not ImportUpload.objects.exists()


def test_it_starts_the_job_after_commit_and_audits(admin_client, pool, no_queue, django_capture_on_commit_callbacks):
    response = upload(admin_client, pool.id, "email,given_name\nnew1@example.com,Ann\nnew2@example.com,Bob\n")
    with django_capture_on_commit_callbacks(execute=True):
        start = admin_client.post(
            response["Location"], {"existing": "skip", "invitations": "suppress", "reason": "TICKET-1"}
        )
    job = Job.objects.get()
    assert start.status_code == 302 and start["Location"] == reverse("jobs:detail", args=[job.pk])
    assert no_queue == [job.pk]
    assert (job.total, job.options["suppress_invitations"]) == (2, True)
    event = AuditEvent.objects.get(action="import.start")
    assert (event.operator_name, event.reason, event.job_id) == ("alice", "TICKET-1", job.pk)
    assert not ImportUpload.objects.get().path or not __import__("os").path.exists(ImportUpload.objects.get().path)


def test_a_job_waits_with_a_note_when_redis_is_down(
    admin_client, pool, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("console.jobs.queue.broker_reachable", lambda: False)
    response = upload(admin_client, pool.id, "email\nnew1@example.com\n")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(response["Location"], {"existing": "skip", "invitations": "suppress"})
    job = Job.objects.get()
    assert job.status == Job.QUEUED and "Redis is unreachable" in job.note
    page = admin_client.get(reverse("jobs:detail", args=[job.pk]))
    assert "Redis is unreachable" in page.content.decode()


def test_the_job_page_polls_only_while_running(admin_client, pool, no_queue, django_capture_on_commit_callbacks):
    response = upload(admin_client, pool.id, "email\nnew1@example.com\nuser1@example.com\n")
    admin_client.post(response["Location"], {"existing": "fail", "invitations": "suppress"})
    job = Job.objects.get()
    partial = admin_client.get(reverse("jobs:detail", args=[job.pk]), headers={"HX-Request": "true"})
    assert 'hx-trigger="every 1s"' in partial.content.decode()
    assert "<html" not in partial.content.decode()
    runner.job_run(job_id=job.pk)
    body = admin_client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' not in body
    assert 'data-count="created">1<' in body and 'data-count="failed">1<' in body
    assert "Already in the pool." in body
    failures = admin_client.get(reverse("jobs:failures", args=[job.pk]))
    assert b"".join(failures.streaming_content).decode().splitlines() == ["email", "user1@example.com"]
    listing = admin_client.get(reverse("jobs:list")).content.decode()
    assert f"#{job.pk}" in listing and "every 2s" not in listing


def test_it_cancels_by_post_only(admin_client, pool, no_queue):
    response = upload(admin_client, pool.id, "email\nnew1@example.com\n")
    admin_client.post(response["Location"], {"existing": "skip", "invitations": "suppress"})
    job = Job.objects.get()
    assert admin_client.get(reverse("jobs:cancel", args=[job.pk])).status_code == 405
    admin_client.post(reverse("jobs:cancel", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == Job.CANCELLED
    assert AuditEvent.objects.filter(action="import.cancel", job_id=job.pk).exists()


def test_helpdesk_and_viewers_cannot_import(helpdesk_client, viewer_client, pool):
    for client in (helpdesk_client, viewer_client):
        assert client.get(reverse("jobs:import_upload", args=[pool.id])).status_code == 403
        assert upload(client, pool.id, "email\nx@example.com\n").status_code == 403
    assert not ImportUpload.objects.exists()


def test_an_operator_outside_the_pool_sees_neither_job_nor_upload(admin_client, outsider_client, pool, no_queue):
    response = upload(admin_client, pool.id, "email\nnew1@example.com\n")
    assert outsider_client.get(response["Location"]).status_code == 403
    admin_client.post(response["Location"], {"existing": "skip", "invitations": "suppress"})
    job = Job.objects.get()
    assert outsider_client.get(reverse("jobs:detail", args=[job.pk])).status_code == 403
    assert f"#{job.pk}" not in outsider_client.get(reverse("jobs:list")).content.decode()


def test_it_offers_a_template_for_the_pool(admin_client, pool):
    response = admin_client.get(reverse("jobs:import_template", args=[pool.id]))
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].startswith("email,email_verified,")
    assert "custom:department" in lines[0] and lines[0].endswith("groups,temporary_password")
    assert lines[1].startswith("jane.doe@example.com,true,")


def test_the_nav_shows_jobs(admin_client, pool):
    assert f'href="{reverse("jobs:list")}"' in admin_client.get(reverse("jobs:list")).content.decode()


def test_uploads_still_need_the_csrf_token(alice, pool):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    for name in ("jobs:import_upload", "jobs:native_list"):
        response = client.post(
            reverse(name, args=[pool.id]), {"file": SimpleUploadedFile("u.csv", b"email\nx@example.com\n")}
        )
        assert response.status_code == 403, name
    assert not ImportUpload.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("email,given\x00name\nnul@example.com,Ann\n", "contains a control character (U+0000)"),
        ("email,given_name\nnul@example.com,A\x00nn\n", "Contains a control character (U+0000)"),
    ],
)
def test_a_nul_in_a_header_or_cell_is_a_clear_refusal_never_a_500(admin_client, pool, content, message):
    # On PostgreSQL a NUL in the stored report (jsonb) would answer 500: it is never stored raw.
    response = upload(admin_client, pool.id, content)
    assert response.status_code == 302
    page = admin_client.get(response["Location"])
    assert page.status_code == 200 and "\x00" not in page.content.decode()
    errors = admin_client.get(reverse("jobs:import_errors", args=[ImportUpload.objects.get().token]))
    assert message in page.content.decode() + b"".join(errors.streaming_content).decode()
    assert "\x00" not in ImportUpload.objects.get().report.__repr__()


def test_the_check_page_says_what_cannot_be_imported(admin_client, pool):
    text = "email,given_name,status,enabled,sub\nnew1@example.com,Ann,CONFIRMED,false,x\n"
    page = admin_client.get(upload(admin_client, pool.id, text)["Location"]).content.decode()
    assert "not imported: Cognito sets the status" in page and "a new user with false is disabled" in page


def test_the_job_page_links_the_rows_left_out(admin_client, pool, no_queue, django_capture_on_commit_callbacks):
    response = upload(admin_client, pool.id, "email,given_name\nnew1@example.com,Ann\nnot-an-email,Bob\n")
    with django_capture_on_commit_callbacks(execute=True):
        choices = {"existing": "skip", "invitations": "suppress", "reason": "T-1", "only_valid": "on"}
        admin_client.post(response["Location"], choices)
    job = Job.objects.get()
    page = admin_client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    link = reverse("jobs:import_errors", args=[ImportUpload.objects.get().token])
    assert f'href="{link}"' in page and "1 invalid row left out" in page
    report = admin_client.get(link)
    assert report.status_code == 200 and b"not-an-email" in b"".join(report.streaming_content)
