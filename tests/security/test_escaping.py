"""Hostile attribute values render escaped on every page that shows them, and
every CSV the console writes is formula-safe."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from console.audit.services import audit_record
from console.core.csvsafe import needs_guard
from console.jobs.models import Job, JobItem
from tests.fixtures.hostile import HOSTILE
from tests.fixtures.operators import signed_in

# Fragments that only appear in a page if a hostile value went out unescaped.
LIVE_MARKUP = (
    "<script>window.__xss",
    "<img src=x onerror",
    "<svg onload",
    "<iframe srcdoc",
    'href="javascript:',
    "href='javascript:",
    "</textarea><script",
    "<b>bold</b>",
)
SHOWN = HOSTILE[0]  # a value each page shows (escaped) - proof that the page rendered the hostile data


def assert_escaped(response, *, shows=(SHOWN,)):
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    live = [m for m in LIVE_MARKUP if m in html]
    assert live == [], f"unescaped markup in {response.request['PATH_INFO']}: {live}"
    for value in shows:
        assert escape(value) in html, f"{value[:40]!r} not shown (escaped) on {response.request['PATH_INFO']}"


def assert_formula_safe(response):
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    rows = list(csv.reader(io.StringIO(body)))
    unsafe = [cell for row in rows for cell in row if needs_guard(cell)]
    assert unsafe == [], f"cells a spreadsheet reads as formulas: {unsafe[:5]}"
    return rows


@pytest.fixture
def client(alice):
    return signed_in(alice)


def test_it_escapes_the_users_table(hostile_pool, client):
    url = reverse("users:list", kwargs={"pool_id": hostile_pool.id})
    assert_escaped(client.get(url))
    assert_escaped(client.get(url, headers={"HX-Request": "true"}))
    # The template syntax is shown as text, not evaluated.
    assert escape("{{ request.user.password }}") in client.get(url).content.decode()


def test_it_escapes_every_hostile_user_page(hostile_pool, client):
    for email, username in hostile_pool.users.items():
        index = int(email.removeprefix("hostile").split("@")[0])
        url = reverse("users:detail", kwargs={"pool_id": hostile_pool.id, "username": username})
        assert_escaped(client.get(url), shows=(HOSTILE[index],))


def test_it_escapes_the_group_members(hostile_pool, client):
    url = reverse("groups:members", kwargs={"pool_id": hostile_pool.id, "group": "staff"})
    assert_escaped(client.get(url), shows=())
    assert_escaped(client.get(url, headers={"HX-Request": "true"}), shows=())
    search = reverse("groups:member_search", kwargs={"pool_id": hostile_pool.id, "group": "customers"})
    assert_escaped(client.get(search, {"q": "hostile"}), shows=())


def test_it_escapes_find_in_all_pools(hostile_pool, client):
    response = client.get(reverse("finder:find"), {"q": "hostile0@"})
    assert_escaped(response, shows=())
    assert "hostile0@example.com" in response.content.decode()
    # The search term itself is echoed escaped.
    assert_escaped(client.get(reverse("finder:find"), {"q": HOSTILE[1]}), shows=(HOSTILE[1],))


@pytest.fixture
def hostile_job(hostile_pool, alice):
    job = Job.objects.create(
        kind=Job.KIND_IMPORT,
        pool_id=hostile_pool.id,
        operator=alice,
        status=Job.FINISHED,
        title=HOSTILE[0],
        note=HOSTILE[1],
        options={"header": ["email", "given_name"]},
        failed=len(HOSTILE),
    )
    JobItem.objects.bulk_create(
        JobItem(
            job=job,
            seq=i + 2,
            key=value[:255],
            status=JobItem.FAILED,
            outcome=JobItem.OUTCOME_FAILED,
            error=value[:500],
            payload={"row": {"email": value, "given_name": value}},
        )
        for i, value in enumerate(HOSTILE)
    )
    return job


def test_it_escapes_the_job_pages(hostile_job, client):
    assert_escaped(client.get(reverse("jobs:detail", kwargs={"job_id": hostile_job.pk})))
    assert_escaped(client.get(reverse("jobs:list")))


def test_it_writes_formula_safe_job_csvs(hostile_job, client):
    rows = assert_formula_safe(client.get(reverse("jobs:results", kwargs={"job_id": hostile_job.pk})))
    assert rows[1][4] == HOSTILE[0]  # values kept, apart from the guard
    assert_formula_safe(client.get(reverse("jobs:failures", kwargs={"job_id": hostile_job.pk})))


def test_it_escapes_the_audit_log_and_its_export(hostile_pool, alice, client):
    for value in HOSTILE:
        audit_record(
            action="user.disable",
            operator=alice,
            pool_id=hostile_pool.id,
            target=value,
            reason=value,
            message=value,
            params={"value": value},
        )
    # And one through a real action, with a hostile reason.
    username = hostile_pool.users["hostile1@example.com"]
    client.post(
        reverse("users:action", kwargs={"pool_id": hostile_pool.id, "action": "disable"}),
        {"username": username, "reason": HOSTILE[4]},
    )
    assert_escaped(client.get(reverse("audit:list")), shows=(HOSTILE[0], HOSTILE[4]))
    assert_escaped(client.get(reverse("audit:list"), {"target": HOSTILE[0]}))
    assert_formula_safe(client.get(reverse("audit:export")))


def _csv_upload(header, rows):
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile("users.csv", buf.getvalue().encode(), content_type="text/csv")


def test_it_escapes_the_import_check_errors(hostile_pool, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = _csv_upload(["email", "given_name", "custom:department"], [[v, v, v] for v in HOSTILE])
    response = client.post(reverse("jobs:import_upload", kwargs={"pool_id": hostile_pool.id}), {"file": upload})
    assert response.status_code == 302, response.content.decode()[-2000:]
    check = client.get(response["Location"])
    assert_escaped(check, shows=())
    assert "&lt;script&gt;" in check.content.decode()  # the errors table shows the hostile values
    assert_escaped(client.get(response["Location"], headers={"HX-Request": "true"}), shows=())
    token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    assert_formula_safe(client.get(reverse("jobs:import_errors", kwargs={"token": token})))


def test_it_escapes_a_hostile_header_in_the_refusal(hostile_pool, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = _csv_upload(["email", HOSTILE[0]], [["a@example.com", "x"]])
    response = client.post(reverse("jobs:import_upload", kwargs={"pool_id": hostile_pool.id}), {"file": upload})
    html = response.content.decode()
    assert [m for m in LIVE_MARKUP if m in html] == []


# Cognito group names allow any letter, symbol or punctuation, so markup without spaces is a valid name.
HOSTILE_GROUPS = ["<script>window.__xss='group'</script>", "\"><svg/onload=alert('group')>", "{{7*7}}'\"`<b>bold</b>"]


@pytest.fixture
def hostile_groups(hostile_pool):
    from console.cognito.client import cognito

    c = cognito()
    username = hostile_pool.users["hostile0@example.com"]
    for name in HOSTILE_GROUPS:
        c.create_group(UserPoolId=hostile_pool.id, GroupName=name, Description=HOSTILE[1])
        c.admin_add_user_to_group(UserPoolId=hostile_pool.id, Username=username, GroupName=name)
    return HOSTILE_GROUPS


def _assert_no_live_markup(response):
    assert response.status_code == 200, (response.status_code, response.request["PATH_INFO"])
    html = response.content.decode()
    live = [m for m in (*LIVE_MARKUP, "<svg/onload", "<script>window.__xss='group'") if m in html]
    assert live == [], f"unescaped markup in {response.request['PATH_INFO']}: {live}"


def test_it_escapes_hostile_group_names(hostile_pool, hostile_groups, client):
    pool_id = hostile_pool.id
    listing = client.get(reverse("groups:list", kwargs={"pool_id": pool_id}))
    _assert_no_live_markup(listing)
    assert escape(HOSTILE_GROUPS[0]) in listing.content.decode()
    for name in hostile_groups:
        for view in ("groups:members", "groups:edit", "groups:delete"):
            _assert_no_live_markup(client.get(reverse(view, kwargs={"pool_id": pool_id, "group": name})))
        _assert_no_live_markup(client.get(reverse("groups:count", kwargs={"pool_id": pool_id, "group": name})))
    username = hostile_pool.users["hostile0@example.com"]
    detail = client.get(reverse("users:detail", kwargs={"pool_id": pool_id, "username": username}))
    _assert_no_live_markup(detail)
    assert escape(HOSTILE_GROUPS[1]) in detail.content.decode()
    other = hostile_pool.users["hostile2@example.com"]  # not a member: the groups are offered to add
    _assert_no_live_markup(client.get(reverse("users:detail", kwargs={"pool_id": pool_id, "username": other})))
    # Adding and removing through the console, then the audit log.
    for action in ("group_add", "group_remove"):
        response = client.post(
            reverse("users:action", kwargs={"pool_id": pool_id, "action": action}),
            {"username": other, "group": HOSTILE_GROUPS[0], "reason": "x"},
            headers={"HX-Request": "true"},
        )
        assert response.status_code < 500
        html = response.content.decode()
        assert "<script>window.__xss" not in html
    _assert_no_live_markup(client.get(reverse("audit:list")))


def test_it_keeps_an_accepted_header_formula_safe_in_job_csvs(pool, alice, client, settings, tmp_path):
    """The importer accepts a header cell with spaces or a tab around a known name; the job's
    CSVs repeat the header as written, so it must be guarded like any other cell."""
    from console.jobs import services

    settings.MEDIA_ROOT = tmp_path / "files"
    source = tmp_path / "tabbed.csv"
    source.write_text("\temail,given_name\nnew1@example.com,=1+1\n")
    upload = services.store_path(operator=alice, pool_id=pool.id, source=str(source))
    services.import_check(upload=upload)
    job = services.import_start(operator=alice, upload=upload, suppress_invitations=True, enqueue=False)
    JobItem.objects.filter(job=job).update(status=JobItem.FAILED, error="x")
    Job.objects.filter(pk=job.pk).update(status=Job.FINISHED, failed=1)
    rows = assert_formula_safe(client.get(reverse("jobs:results", kwargs={"job_id": job.pk})))
    assert rows[0][4] == "'\temail" and rows[1][5] == "'=1+1"
    assert_formula_safe(client.get(reverse("jobs:failures", kwargs={"job_id": job.pk})))


def test_it_writes_formula_safe_templates_and_headers(pool, client):
    rows = assert_formula_safe(client.get(reverse("jobs:import_template", kwargs={"pool_id": pool.id})))
    assert "email" in rows[0]


def test_it_imports_the_template_example_as_it_reads(pool, alice, settings, tmp_path):
    """The guard on the example's phone number comes off again on import."""
    from console.jobs import services

    settings.MEDIA_ROOT = tmp_path / "files"
    rows = services.template_csv(pool.id)
    source = tmp_path / "template.csv"
    with open(source, "w", newline="") as f:
        csv.writer(f).writerows(rows)
    upload = services.store_path(operator=alice, pool_id=pool.id, source=str(source))
    report = services.import_check(upload=upload)
    assert report["problem"] == "" and report["valid"] == 1
    assert report["preview"][0]["values"]["phone_number"] == "+14155550100"


def test_it_escapes_hostile_custom_attribute_names(aws, alice, client):
    """Custom attribute names allow symbols and punctuation: markup fits in their 20 characters."""
    from console.cognito.client import cognito

    names = ["<i id=evil>x</i>", '"><b id=evil2>']
    c = cognito()
    pool_id = c.create_user_pool(
        PoolName="Attr pool",
        Schema=[{"Name": n, "AttributeDataType": "String", "Mutable": True} for n in names],
    )["UserPool"]["Id"]
    username = c.admin_create_user(
        UserPoolId=pool_id,
        Username="someone",
        UserAttributes=[{"Name": f"custom:{n}", "Value": "v"} for n in names],
        MessageAction="SUPPRESS",
    )["User"]["Username"]
    pages = [
        reverse("users:detail", kwargs={"pool_id": pool_id, "username": username}),
        reverse("pools:detail", kwargs={"pool_id": pool_id}),
        reverse("users:create", kwargs={"pool_id": pool_id}),
        reverse("pools:edit", kwargs={"pool_id": pool_id}),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "<i id=evil>" not in html and "<b id=evil2>" not in html, url
    assert escape(f"custom:{names[0]}") in client.get(pages[0]).content.decode()
    template = client.get(reverse("jobs:import_template", kwargs={"pool_id": pool_id}))
    assert_formula_safe(template)
