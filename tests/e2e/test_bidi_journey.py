"""Cycles and dates read left to right inside Arabic pages, as a browser lays them out; the audit log speaks in
sentences."""

import re

import pytest

from remacto.cocreation.models import Phase, Programme
from remacto.core import audit

from .test_cocreation_ideas_journey import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Left edges of the two years of every "2026-2027" text run inside <main>, as laid out.
YEAR_POSITIONS = """(needle) => {
  const found = [];
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const at = node.data.indexOf(needle);
    if (at < 0) continue;
    const first = document.createRange(); first.setStart(node, at); first.setEnd(node, at + 4);
    const second = document.createRange(); second.setStart(node, at + 5); second.setEnd(node, at + 9);
    found.push([first.getBoundingClientRect().left, second.getBoundingClientRect().left]);
  }
  return found;
}"""


def assert_cycle_reads_left_to_right(page) -> None:
    positions = page.evaluate(YEAR_POSITIONS, "2026-2027")
    assert positions, f"no cycle label on {page.url}"
    for first, second in positions:
        assert first < second, f"«2027-2026» on {page.url}"


def test_cycles_stay_in_order_on_arabic_pages_and_the_audit_log_reads_as_sentences(
    live_server, page, artifacts, commune, network_admin
):
    programme = Programme.objects.create(
        collectivity=commune, cycle="2026-2027", title="برنامج عمل الانفتاح", phase=Phase.IDEAS
    )
    audit.record(network_admin, "programme.create", programme, collectivity=commune, cycle=programme.cycle)
    audit.record(network_admin, "programme.phase", programme, collectivity=commune, from_phase="axes", to="ideas")
    base = f"{live_server.url}/ar/members/{commune.slug}/programme/{programme.cycle}"
    for path in ("/", "/ideas/", "/statistics/"):
        page.goto(base + path)
        assert_cycle_reads_left_to_right(page)

    sign_in(page, live_server, network_admin.email)
    page.goto(f"{live_server.url}/ar/audit/")
    assert_cycle_reads_left_to_right(page)
    table = page.locator("main table").inner_text()
    assert "programme.phase" not in table and "programme.create" not in table
    assert re.search("فتح البرنامج", table) and "«اختيار المحاور»" in table.replace("\u2068", "").replace("\u2069", "")
    page.screenshot(path=str(artifacts / "audit-log-ar-360.png"), full_page=True)
