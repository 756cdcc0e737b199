"""Bulk and export pages: the users table's tick boxes, the confirm page, roles, reverse."""

import re

import pytest
from django.urls import reverse

from console.cognito.client import cognito
from console.jobs import runner
from console.jobs.models import Job
from tests.fixtures.jobs import start_bulk

pytestmark = pytest.mark.django_db


def confirm_url(pool):
    return reverse("jobs:bulk_confirm", args=[pool.id])


def draft_of(response) -> str:
    """The draft token the confirm page posts back instead of the chosen names."""
    assert response.status_code == 200, response.content.decode()[:500]
    return re.search(r'name="draft" value="([0-9a-f]{32})"', response.content.decode()).group(1)


def confirm_and_start(client, pool, choice: dict, **fields):
    """Post the choice (users table or list page), then confirm the page it shows."""
    token = draft_of(client.post(confirm_url(pool), choice))
    return client.post(confirm_url(pool), {"draft": token, "go": "1", **fields})


def test_the_users_table_has_tick_boxes_only_for_roles_that_run_bulk(pool, helpdesk_client, viewer_client):
    url = reverse("users:list", args=[pool.id])
    page = helpdesk_client.get(url).content.decode()
    assert 'name="u"' in page and 'id="bulk-form"' in page and "data-select-page" in page
    assert 'value="delete"' not in page  # helpdesk may not delete
    page = viewer_client.get(url).content.decode()
    assert 'name="u"' not in page and "bulk-form" not in page


def test_the_confirm_page_shows_count_estimate_and_starts_nothing(pool, helpdesk_client):
    names = [pool.users["user0@example.com"], pool.users["user1@example.com"]]
    response = helpdesk_client.post(confirm_url(pool), {"action": "disable", "scope": "selected", "u": names})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-count="2"' in page and "rate limits" in page and "second" in page
    assert not Job.objects.exists()


def test_the_confirm_page_previews_a_search(pool, helpdesk_client):
    response = helpdesk_client.post(
        confirm_url(pool), {"action": "sign_out", "scope": "search", "q": "user1", "attr": "email"}
    )
    page = response.content.decode()
    assert "all users matching email starts with &#x27;user1&#x27;" in page
    assert "user1@example.com" in page and "user2@example.com" not in page


def test_confirming_starts_a_job_and_redirects_to_it(pool, helpdesk_client, django_capture_on_commit_callbacks):
    names = [pool.users["user0@example.com"]]
    response = confirm_and_start(
        helpdesk_client, pool, {"action": "disable", "scope": "selected", "u": names}, reason="INC-9"
    )
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert (job.kind, job.options["action"], job.options["reason"], job.total) == ("bulk", "disable", "INC-9", 1)


def test_helpdesk_cannot_delete_in_bulk(pool, helpdesk_client):
    names = [pool.users["user0@example.com"]]
    response = helpdesk_client.post(confirm_url(pool), {"action": "delete", "scope": "selected", "u": names})
    assert "role may run" in response.content.decode() and 'name="draft"' not in response.content.decode()
    assert not Job.objects.exists()


def test_viewers_and_other_pools_are_refused(pool, viewer_client, outsider_client):
    data = {"action": "disable", "scope": "selected", "u": ["x"], "go": "1"}
    assert viewer_client.post(confirm_url(pool), data).status_code == 403
    assert outsider_client.post(confirm_url(pool), data).status_code == 403
    assert not Job.objects.exists()


def test_delete_asks_for_the_typed_count(pool, admin_client):
    names = [pool.users["user0@example.com"], pool.users["user1@example.com"]]
    token = draft_of(admin_client.post(confirm_url(pool), {"action": "delete", "scope": "selected", "u": names}))
    data = {"draft": token, "go": "1", "typed_count": "1", "reason": "INC-1"}
    response = admin_client.post(confirm_url(pool), data)
    assert response.status_code == 400 and "type the number of users (2)" in response.content.decode()
    data["typed_count"] = "2"
    assert admin_client.post(confirm_url(pool), data).status_code == 302


def test_a_pasted_list_is_carried_to_the_job(pool, helpdesk_client):
    data = {
        "action": "reset_mfa",
        "scope": "list",
        "identifiers": "user1@example.com\n\nghost@example.com\n",
    }
    assert confirm_and_start(helpdesk_client, pool, data, reason="INC-1").status_code == 302
    job = Job.objects.get()
    assert sorted(job.items.values_list("key", flat=True)) == ["ghost@example.com", "user1@example.com"]


def test_a_finished_job_offers_reverse_and_reverse_starts_the_inverse(pool, hugo, helpdesk_client):
    job = start_bulk(hugo, pool, "disable", [pool.users["user0@example.com"]], enqueue=False, reason="INC-1")
    runner.job_run(job_id=job.pk)
    page = helpdesk_client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Reverse this job" in page
    # The confirmation names the pool (several tabs open: act on the right one).
    assert "Run the inverse action on the 1 user this job changed in pool Test pool?" in page
    response = helpdesk_client.post(reverse("jobs:bulk_reverse", args=[job.pk]))
    new = Job.objects.exclude(pk=job.pk).get()
    assert response["Location"] == reverse("jobs:detail", args=[new.pk])
    assert new.options["action"] == "enable" and new.options["reverses"] == job.pk
    runner.job_run(job_id=new.pk)
    assert cognito().admin_get_user(UserPoolId=pool.id, Username=pool.users["user0@example.com"])["Enabled"]


def test_export_page_starts_an_export_of_a_group(pool, admin_client, helpdesk_client):
    url = reverse("jobs:export_new", args=[pool.id])
    assert helpdesk_client.get(url).status_code == 403
    response = admin_client.post(url, {"scope": "group", "members_of": "staff"})
    job = Job.objects.get()
    assert response.status_code == 302 and job.kind == "export"
    assert job.options["selection"] == {"type": "group", "group": "staff"}


def test_the_group_page_links_to_bulk_and_export_of_its_members(pool, admin_client):
    page = admin_client.get(reverse("groups:members", args=[pool.id, "staff"])).content.decode()
    assert "?group=staff" in page and "Export the members" in page
    form = admin_client.get(reverse("jobs:export_new", args=[pool.id]) + "?group=staff").content.decode()
    assert "all users matching in group staff" in form
