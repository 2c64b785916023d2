"""The network admins' Islamic holiday table in Arabic on a 360 px phone and on a desktop: on the phone each
holiday is a card with its facts named and its actions ("Correct", "Remove") in full view, nothing scrolls
sideways (neither the page nor the table's region); on a desktop it stays a table. Screenshots go to
test-artifacts/."""

import pytest

from remacto.cases.expected import add_expected
from remacto.cases.models import IslamicHoliday

from .test_cocreation_ideas_journey import no_horizontal_scroll, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROWS = "#islamic-holidays tbody tr"


def actions_in_view(page, width: int) -> None:
    """Every row's actions lie inside the viewport and the table's region does not scroll sideways."""
    region = page.locator(".table-scroll").first
    assert region.evaluate("el => el.scrollWidth <= el.clientWidth"), "the holiday table scrolls sideways"
    actions = page.locator(f"{ROWS} td.actions a, {ROWS} td.actions button")
    assert actions.count() == 2 * page.locator(ROWS).count() > 0
    for n in range(actions.count()):
        box = actions.nth(n).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, f"action {n} off screen: {box}"


def test_the_holiday_table_fits_a_phone_and_a_desktop_in_arabic(page, live_server, artifacts, network_admin):
    add_expected(IslamicHoliday)
    sign_in(page, live_server, network_admin.email)
    page.goto(f"{live_server.url}/ar/network/holidays/?year=2026")
    assert page.locator("html").get_attribute("dir") == "rtl"
    no_horizontal_scroll(page)
    actions_in_view(page, 360)
    assert page.locator("#islamic-holidays thead").evaluate("el => el.getBoundingClientRect().height") <= 1
    label = page.locator(f'{ROWS}[data-key="eid_al_fitr"] td').nth(0)
    assert label.evaluate("el => getComputedStyle(el, '::before').content") == '"السنة الهجرية"'
    page.screenshot(path=str(artifacts / "holidays-table-phone-ar.png"), full_page=True)

    page.locator(f'{ROWS}[data-key="mawlid"] td.actions a').click()
    page.wait_for_url("**edit=*")
    assert page.locator("#id_date").is_visible()

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/ar/network/holidays/?year=2026")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert page.locator("#islamic-holidays thead").is_visible()
    assert page.locator("#islamic-holidays").evaluate("el => getComputedStyle(el).display") == "table"
    actions_in_view(page, 1280)
    page.screenshot(path=str(artifacts / "holidays-table-desktop-ar.png"), full_page=True)
