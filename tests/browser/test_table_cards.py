"""At 390 px the users and jobs tables stack as labelled cards (issue 12 item 4)."""

import pytest

from console.jobs.models import Job
from tests.browser.conftest import PHONE, sign_in
from tests.browser.test_layout import _long_pool

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each visible cell of the table's body: the label its ::before shows, and its data-label.
CELLS = """(table) => [...table.querySelectorAll('tbody td[data-label]')]
  .filter((td) => td.offsetParent !== null)
  .map((td) => ({label: td.dataset.label, shown: getComputedStyle(td, '::before').content,
                 display: getComputedStyle(td.closest('tr')).display}))"""

# Elements whose text runs over more than one line.
BROKEN = """(els) => els.filter((el) => {
  const range = document.createRange();
  range.selectNodeContents(el);
  return new Set([...range.getClientRects()].map((r) => Math.round(r.bottom))).size > 1;
}).map((el) => el.textContent)"""


def test_users_and_jobs_stack_as_labelled_cards_at_390_px(emulator, live_server, page, alice, hugo):
    pool = _long_pool()
    Job.objects.create(
        kind=Job.KIND_BULK,
        pool_id=pool.id,
        operator=alice,
        operator_name="alice",
        status=Job.FINISHED,
        title="Disable: 3 users from a-very-long-list-of-leavers.csv",
        total=3,
        processed=3,
        options={"enumerated": True},
    )
    page.set_viewport_size(PHONE)
    sign_in(page, hugo, live_server.url)
    for path, table in ((f"/pools/{pool.id}/users/", "table.users"), ("/jobs/", "table.jobs")):
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        wrap = page.locator(f".table-wrap:has({table})")
        assert wrap.evaluate("el => el.scrollWidth <= el.clientWidth + 1"), f"{path}: the table scrolls sideways"
        cells = page.locator(table).evaluate(CELLS)
        assert cells, path
        assert all(c["display"] == "block" for c in cells), f"{path}: rows are not cards"
        unlabelled = [c for c in cells if c["shown"] != f'"{c["label"]}"']
        assert not unlabelled, f"{path}: {unlabelled}"
    page.goto(f"{live_server.url}/pools/{pool.id}/users/")
    # Usernames (UUIDs) and emails never break mid-word; only an email longer than a card wraps.
    assert page.locator("table.users .uid, table.users td.email").evaluate_all(BROKEN) == [
        "firstname.middlename.lastname-consultant@subsidiary.department.example.com"
    ]
    page.goto(live_server.url + "/jobs/")
    assert page.locator("table.jobs time, table.jobs .mono").evaluate_all(BROKEN) == []
