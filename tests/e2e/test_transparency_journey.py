"""The transparency pages in a real browser, in Arabic at 360 px: a member's figures for the year, the year
filter, the network's page member by member, and the empty state; a network admin confirms a holiday's date and
an open deadline moves. Screenshots go to test-artifacts/."""

import datetime
import re

import pytest

from remacto.cases import services
from remacto.cases.expected import add_expected
from remacto.cases.models import Case, IslamicHoliday

from .test_cocreation_ideas_journey import no_horizontal_scroll, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

D = datetime.date


def shot(page, artifacts, name: str) -> None:
    no_horizontal_scroll(page)
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.screenshot(path=str(artifacts / f"transparency-journey-{name}-ar.png"), full_page=True)


def a_case(collectivity, procedure, received_on, answered_on=None):
    case = services.open_case(collectivity=collectivity, procedure=procedure, received_on=received_on, status="new")
    services.set_deadline(case, kind="answer", start=received_on, amount=20, unit="working", counts_for_answer=True)
    if answered_on:
        services.answer(case, on=answered_on)


def test_member_and_network_transparency_pages(page, live_server, artifacts, commune, other_commune):
    add_expected(IslamicHoliday)
    inf, pet = Case.Procedure.INFORMATION, Case.Procedure.PETITION
    a_case(commune, inf, D(2026, 3, 18), D(2026, 4, 10))  # on time (due 16 April)
    a_case(commune, inf, D(2026, 3, 18), D(2026, 4, 20))  # late
    a_case(commune, inf, D(2026, 3, 18))  # overdue
    a_case(commune, pet, D(2026, 11, 25))  # open
    a_case(other_commune, inf, D(2026, 6, 1), D(2026, 6, 5))

    page.goto(f"{live_server.url}/ar/members/{commune.slug}/")
    page.locator(f'a[href="/ar/members/{commune.slug}/transparency/"]').click()
    page.select_option("#id_year", "2026")
    page.get_by_role("button", name="عرض").click()
    row = page.locator('#transparency-figures tr[data-procedure="information"]')
    assert row.locator("td").all_inner_texts() == ["3", "1", "1", "1", "1"]
    assert page.locator("h1").inner_text() == "الشفافية: الطلبات والعرائض والآراء"
    shot(page, artifacts, "member")

    page.goto(f"{live_server.url}/ar/network/transparency/?year=2026")
    assert page.locator("#transparency-members tbody tr").count() == 2
    shot(page, artifacts, "network")

    page.goto(f"{live_server.url}/ar/network/transparency/?year=2024")
    assert page.locator(".empty-state").count() == 2
    shot(page, artifacts, "empty")


def test_a_network_admin_confirms_eid_al_fitr_and_the_due_date_moves(
    page, live_server, artifacts, commune, network_admin, expected_console_errors
):
    expected_console_errors.append(r"status of 400 .*/network/holidays/")  # the refused date, on purpose
    add_expected(IslamicHoliday)
    case = services.open_case(
        collectivity=commune, procedure=Case.Procedure.INFORMATION, received_on=D(2026, 3, 18), status="received"
    )
    deadline = services.set_deadline(case, kind="answer", start=case.received_on, amount=20, unit="working")
    assert deadline.due == D(2026, 4, 16)

    sign_in(page, live_server, network_admin.email)
    page.locator('a[href="/ar/network/holidays/"]').click()
    page.goto(f"{live_server.url}/ar/network/holidays/?year=2026")
    page.locator('#islamic-holidays tr[data-key="eid_al_fitr"] a').click()
    page.fill("#id_date", "2026-03-21")
    page.uncheck("#id_expected")
    page.get_by_role("button", name="حفظ").click()
    page.wait_for_url(re.compile(r"/ar/network/holidays/\?year=2026$"))
    assert "announced" not in page.content()
    assert page.locator('#islamic-holidays tr[data-key="eid_al_fitr"] td').nth(2).inner_text() == "معلن"
    shot(page, artifacts, "holidays")
    deadline.refresh_from_db()
    assert deadline.due == D(2026, 4, 15)  # Friday 20 March is a working day again

    page.goto(f"{live_server.url}/ar/network/holidays/?year=2026")
    page.locator('#islamic-holidays tr[data-key="mawlid"] a').click()
    page.fill("#id_date", "2027-08-25")
    page.get_by_role("button", name="حفظ").click()
    assert page.locator(".error").first.inner_text() == "هذا التاريخ ليس في سنة 2026، السنة الجاري تعديلها."
    shot(page, artifacts, "holidays-refused")
