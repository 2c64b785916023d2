"""A programme adopted with a project whose budget is still to be estimated, in Arabic in a real browser: the
secretariat sees the warning (with the project's link) before the adoption form and adopts anyway; the public
dashboard then shows "to be estimated" for that project and says it is left out of the rates. Screenshots at
360 px and on a desktop go to test-artifacts/."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from remacto.cocreation.models import Axis, Phase, Programme, Project

from .steps import shot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_adopt_with_a_budget_to_be_estimated_then_read_the_dashboard(
    live_server, page, artifacts, commune, secretariat
):
    programme = Programme.objects.create(
        collectivity=commune, cycle="2026-2027", title="برنامج عمل الانفتاح", phase=Phase.ADOPTION
    )
    axis = Axis.objects.create(programme=programme, order=1, title="الشفافية")
    Project.objects.create(programme=programme, axis=axis, order=1, title="بوابة المعطيات", budget=Decimal(200_000))
    later = Project.objects.create(
        programme=programme, axis=axis, order=2, title="ميزانية المواطن", budget=Decimal(0), budget_to_estimate=True
    )
    base = f"{live_server.url}/ar/members/{commune.slug}/programme/{programme.cycle}/"

    sign_in(page, live_server, secretariat.email)
    page.goto(base + "adoption/")
    warning = page.locator(".message.warning")
    assert "ميزانية المواطن" in warning.inner_text() and "تقدر لاحقا" in warning.inner_text()
    assert warning.locator("a").get_attribute("href").endswith(f"/projects/{later.pk}/")
    shot(page, artifacts, "budget-to-estimate-1-adoption")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(artifacts / "budget-to-estimate-1-adoption-desktop-ar.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 780})

    for name, value in {"session_date": "2027-02-03", "deliberation_number": "12/2027", "votes_for": "20"}.items():
        page.fill(f"input[name={name}]", value)
    page.locator("main form[novalidate] button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/programme/{programme.cycle}/$"))
    programme.refresh_from_db()
    assert programme.phase == Phase.IMPLEMENTATION

    with translation.override("ar"):
        dashboard = reverse("monitoring:dashboard", args=[commune.slug, programme.cycle])
    page.goto(live_server.url + dashboard)
    assert "تقدر لاحقا" in page.locator(f"tr[data-project='{later.pk}']").inner_text()
    assert "مشروع واحد لا تزال ميزانيته تقدر لاحقا" in page.locator("#to-estimate").inner_text()
    shot(page, artifacts, "budget-to-estimate-2-dashboard")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(artifacts / "budget-to-estimate-2-dashboard-desktop-ar.png"), full_page=True)
