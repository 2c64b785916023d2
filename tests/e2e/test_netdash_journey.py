"""The network dashboard in a real browser, in Arabic at 360 px: the public version shows one measure at a time
(a chart, its table folded, the members ranked) within a bounded height, another measure is one link away and
keeps the language, and every figure is on the member table's page; a member newly admitted to the network
appears once a network admin has the figures computed again, with the progress box, the freshness line and the
cohort filter (the folded filter box keeps the chosen measure); a bad filter gets a clear message. Screenshots go
to test-artifacts/."""

import re

import pytest

from remacto.netdash.compute import compute_figures
from remacto.territories.models import Collectivity, Membership, Province

from . import steps
from .steps import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
# The public page at 360 px in Arabic with the 88 reference members: about 3,400 px (it was 12,450 px when every
# chart and table came one after another).
PHONE_HEIGHT = 3_600


def shot(page, artifacts, name: str) -> None:
    steps.shot(page, artifacts, f"netdash-journey-{name}")


def test_the_dashboard_shows_a_new_member_after_the_computation(
    page, live_server, artifacts, reference, network_admin, settings, expected_console_errors
):
    settings.PAGE_CACHE_SECONDS = 0
    expected_console_errors.append(r"status of 400 .*/network/dashboard/")  # the refused filter, on purpose
    compute_figures()

    page.goto(f"{live_server.url}/ar/")
    page.locator("footer a", has_text="لوحة قيادة الشبكة").click()
    page.wait_for_url("**/ar/network/dashboard/")
    assert page.locator("h1").inner_text() == "لوحة قيادة الشبكة"
    assert "حُسبت الأرقام في" in page.locator("#netdash-freshness").inner_text()
    assert page.locator("#netdash-freshness form").count() == 0  # the public version has no refresh button
    assert page.locator("#netdash-ideas_per_1000 svg[role=img]").count() == 1
    assert page.locator("svg[role=img]").count() == 1  # one measure at a time
    assert page.locator("#netdash-filters").is_hidden()  # folded under its summary on a phone
    assert page.locator(".chart-data").is_hidden()
    assert page.locator("#netdash-ranking-table tbody tr").count() == 25
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= PHONE_HEIGHT, f"the dashboard is {height}px tall at 360 px"
    shot(page, artifacts, "public")

    page.locator("#netdash-chooser a", has_text="المرحلة").click()
    page.wait_for_url(re.compile(r"/ar/network/dashboard/\?measure=phase#netdash-chooser$"))
    assert page.locator('#netdash-chooser a[aria-current="page"]').inner_text() == "المرحلة"
    assert page.locator("#netdash-phase svg[role=img]").count() == 1
    page.locator(".chart-table summary").click()
    assert page.locator(".chart-data tr[data-key=none]").is_visible()  # no member has a programme yet
    shot(page, artifacts, "phase")

    page.locator("#netdash-all-figures").click()
    page.wait_for_url(re.compile(r"/ar/network/dashboard/members/\?measure=phase$"))
    assert page.locator("#netdash-members tbody tr").count() == 25
    shot(page, artifacts, "members")

    province = Province.objects.get(code="587")  # Zagora
    new = Collectivity.objects.create(
        kind=Collectivity.Kind.COMMUNE,
        slug="tamegroute",
        name="تامكروت",
        name_ar="تامكروت",
        name_fr="Tamegroute",
        region=province.region,
        province=province,
        population=12_000,
    )
    Membership.objects.create(collectivity=new, cohort_year=2026)

    sign_in(page, live_server, network_admin.email)
    page.goto(f"{live_server.url}/ar/network/dashboard/?cohort=2026&measure=phase")
    assert page.locator('tr[data-member="tamegroute"]').count() == 0
    page.get_by_role("button", name="احسب الأرقام الآن").click()
    page.wait_for_url("**/ar/network/dashboard/")
    page.goto(f"{live_server.url}/ar/network/dashboard/?measure=phase")
    steps.filter_dashboard(page, "cohort", "2026")
    assert "measure=phase" in page.url
    assert "سنة الفوج: 2026" in page.locator("#netdash-filter-box summary").inner_text()
    row = page.locator('tr[data-member="tamegroute"]')
    assert row.count() == 1
    assert "تامكروت" in row.locator("th").inner_text()
    assert "لا برنامج بعد" in row.inner_text()
    shot(page, artifacts, "new-member")

    page.goto(f"{live_server.url}/ar/network/dashboard/?cohort=abc")
    assert page.locator("[role=alert]").inner_text() == "بعض عوامل التصفية غير صالحة: صحّحها لرؤية الأرقام."
    shot(page, artifacts, "bad-filter")
