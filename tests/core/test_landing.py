"""Each role lands where its work starts (issue 12 item 11)."""

from django.urls import reverse

from console.audit.services import audit_record
from tests.fixtures.cognito import build_pool


def test_it_lands_an_admin_on_the_pools(admin_client, aws):
    assert admin_client.get("/")["Location"] == reverse("pools:list")


def test_it_lands_helpdesk_on_the_users_of_the_only_pool_it_sees(helpdesk_client, aws):
    pool = build_pool(name="Only", users=0)
    assert helpdesk_client.get("/")["Location"] == reverse("users:list", kwargs={"pool_id": pool.id})


def test_it_lands_helpdesk_on_find_user_when_it_has_no_pool_yet(helpdesk_client, aws):
    build_pool(name="A", users=0)
    build_pool(name="B", users=0)
    assert helpdesk_client.get("/")["Location"] == reverse("finder:find")


def test_it_lands_helpdesk_on_the_pool_it_last_worked_in(helpdesk_client, hugo, aws):
    build_pool(name="A", users=0)
    last = build_pool(name="B", users=0)
    audit_record(action="user.disable", operator=hugo, pool_id=last.id, target="someone")
    assert helpdesk_client.get("/")["Location"] == reverse("users:list", kwargs={"pool_id": last.id})


def test_it_chooses_the_only_pool_in_the_switcher(helpdesk_client, aws):
    pool = build_pool(name="Only", users=0)
    html = helpdesk_client.get(reverse("finder:find")).content.decode()
    assert f'<option value="{pool.id}" selected>' in html
    assert reverse("users:list", kwargs={"pool_id": pool.id}) in html
