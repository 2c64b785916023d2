"""Co-evaluation in a real browser, in Arabic at 360 px: a citizen answers the questionnaire with radio buttons
(no script needed), a committee member fills the scorecard, the focal point publishes, and anyone sees the
results with their charts."""

import pytest

from remacto.monitoring.models import CitizenAnswer, Scorecard

from ..monitoring.conftest import implemented_programme
from ..monitoring.evaluation_helpers import open_for
from .test_cocreation_ideas_journey import no_horizontal_scroll, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def project(commune):
    return implemented_programme(commune).projects.order_by("order").first()


def test_questionnaire_scorecard_and_published_results(
    live_server, page, artifacts, focal_point, committee_member, citizen, project
):
    evaluation = open_for(focal_point, project)
    url = f"{live_server.url}/ar/members/{project.programme.collectivity.slug}/projects/{project.pk}/evaluation/"

    sign_in(page, live_server, citizen.email)
    page.goto(url)
    assert page.locator("html").get_attribute("dir") == "rtl"
    radios = page.locator("input[type=radio][name=satisfaction]")
    assert radios.count() == 5
    box = page.locator("label[for=id_satisfaction_3]").bounding_box()
    assert box["height"] >= 16 and box["x"] >= 0 and box["x"] + box["width"] <= 360
    no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / "evaluation-questionnaire-ar-360.png"), full_page=True)
    page.locator("label[for=id_satisfaction_3]").click()  # tapping the label picks the rating
    page.locator("label[for=id_useful_0]").click()
    page.locator("label[for=id_informed_4]").click()
    page.locator("#questionnaire button[type=submit]").click()
    page.wait_for_selector(".messages .success")
    assert CitizenAnswer.objects.get(evaluation=evaluation, user=citizen).satisfaction == 4
    assert page.locator("input[name=satisfaction]").count() == 0

    sign_in(page, live_server, committee_member.email)
    page.goto(url)
    for criterion in project.programme.evaluation_criteria.all():
        page.locator(f"label[for=id_rating_{criterion.pk}_2]").click()
    no_horizontal_scroll(page)
    page.locator("#scorecard button[type=submit]").click()
    page.wait_for_selector(".messages .success")
    assert Scorecard.objects.get(evaluation=evaluation).scores.count() == 4
    assert page.locator("#results-heading").count() == 0  # not published yet

    sign_in(page, live_server, focal_point.email)
    page.goto(url)
    page.fill("textarea[name=summary]", "رضا عام جيد، والإخبار يحتاج إلى تحسين.")
    page.locator("form:has(input[value=publish]) button[type=submit]").click()
    page.wait_for_selector("#results-heading")

    page.context.clear_cookies()
    page.goto(url)
    charts = page.locator("svg.chart-svg[role=img]")
    assert charts.count() == 4 and charts.first.is_visible()
    no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / "evaluation-results-ar-360.png"), full_page=True)
