"""A practice with titles in several languages, used as a template during drafting, in a real browser: its page
shows the axes, principles and kind in Arabic, French and Amazigh; the draft project it adds says its budget is to
be estimated (not 0 dirhams) on its page and offers an empty budget field to fill. Screenshots (Arabic, 360 px and
desktop) go to test-artifacts/."""

import pytest

from remacto.accounts.models import Role
from remacto.cocreation.models import Axis, Phase, Programme, Project
from remacto.practices import services
from remacto.territories.models import Collectivity

from ..conftest import make_user
from ..practices.conftest import VALUES
from .test_cocreation_ideas_journey import no_horizontal_scroll, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_practice_languages_and_a_budget_to_be_estimated(live_server, page, artifacts, reference):
    ben_guerir = Collectivity.objects.get(slug="ben-guerir")
    zagora = Collectivity.objects.get(slug="zagora")
    submitter = make_user("fp-bg-languages@example.ma", "نقطة ارتكاز ابن جرير")
    Role.objects.create(user=submitter, kind=Role.Kind.FOCAL_POINT, collectivity=ben_guerir)
    reuser = make_user("fp-zagora-budget@example.ma", "نقطة ارتكاز زاكورة")
    Role.objects.create(user=reuser, kind=Role.Kind.FOCAL_POINT, collectivity=zagora)
    admin = make_user("network-languages@example.ma", "فريق الشبكة")
    Role.objects.create(user=admin, kind=Role.Kind.NETWORK_ADMIN)
    source = Programme.objects.create(collectivity=ben_guerir, cycle="2024-2025", title="ب", phase=Phase.CLOSED)
    axis = Axis.objects.create(
        programme=source, order=1, serves_digitalisation=True, title_ar="الرقمنة", title_fr="Digitalisation"
    )
    Project.objects.create(
        programme=source, axis=axis, budget=50000, title_ar="شباك رقمي", title_fr="Guichet numérique"
    )
    practice = services.publish(admin, services.submit_practice(submitter, ben_guerir, VALUES, source_programme=source))

    for language, axis_title, kind in (("ar", "الرقمنة", "جماعة"), ("fr", "Digitalisation", "Commune")):
        page.goto(f"{live_server.url}/{language}/practices/{practice.pk}/")
        structure = page.locator("section[aria-labelledby=structure-title]")
        assert structure.locator(f"span[lang={language}]").first.inner_text() == axis_title
        assert kind in page.locator("dl.facts").inner_text()
    page.goto(f"{live_server.url}/zgh/practices/{practice.pk}/")
    assert "ⴰⵙⵏⵓⵎⵏ" in page.locator("dl.facts").inner_text()  # the principle, translated by gettext

    drafting = Programme.objects.create(collectivity=zagora, cycle="2026-2027", title="برنامج", phase=Phase.DRAFTING)
    Axis.objects.create(programme=drafting, order=1, title_ar="الرقمنة")
    sign_in(page, live_server, reuser.email)
    page.goto(f"{live_server.url}/ar/practices/{practice.pk}/")
    page.select_option("select[name=programme]", str(drafting.pk))
    page.locator("form[action$='/use/'] button[type=submit]").click()
    page.wait_for_url(f"**{drafting.get_absolute_url()}")
    project = drafting.projects.get()
    page.goto(f"{live_server.url}{project.get_absolute_url()}")
    facts = page.locator("dl.facts").inner_text()
    assert "تقدر لاحقا" in facts and "0 درهم" not in facts
    no_horizontal_scroll(page)
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.screenshot(path=str(artifacts / "project-budget-to-estimate-360-ar.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(artifacts / "project-budget-to-estimate-desktop-ar.png"), full_page=True)
