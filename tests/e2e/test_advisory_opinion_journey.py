"""In a real browser, in Arabic: the council secretariat requests the equity body's opinion on the draft programme,
the body's president gives it with its vote and recommendations, and the opinion shows on the programme page."""

import re

import pytest
from django.utils import timezone

from remacto.accounts.models import Role
from remacto.advisory.models import Body, BureauRole, Member, OpinionRequest
from remacto.cocreation.models import Phase, Programme

from ..conftest import make_user
from .test_cocreation_ideas_journey import no_horizontal_scroll, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OPINION = "تثمن الهيئة مشروع البرنامج وتوصي بإدماج مقاربة النوع في كل المشاريع."
RECOMMENDATIONS = ["إدماج مؤشرات النوع في تتبع المشاريع", "إشراك الشابات في ورشات الاستشارة"]


def test_secretariat_requests_the_body_gives_its_opinion_and_it_shows_on_the_programme(
    live_server, page, artifacts, commune, secretariat
):
    programme = Programme.objects.create(
        collectivity=commune, cycle="2026-2027", title="برنامج عمل الانفتاح", phase=Phase.CONSULTATION
    )
    body = Body.objects.create(collectivity=commune, kind="equity", name="هيئة المساواة وتكافؤ الفرص ومقاربة النوع")
    president = make_user("president@example.ma", "خديجة العلوي")
    Role.objects.create(user=president, kind=Role.Kind.ADVISORY_MEMBER, collectivity=commune)
    Member.objects.create(body=body, user=president, role=BureauRole.PRESIDENT)
    programme_url = f"{live_server.url}/ar/members/{commune.slug}/programme/{programme.cycle}/"
    today = timezone.localdate().isoformat()

    # The council secretariat records the president of the council's request from the programme page.
    sign_in(page, live_server, secretariat.email)
    page.goto(programme_url)
    page.locator("main a", has_text="طلب رأي استشاري").click()
    page.wait_for_url(re.compile(r"/advisory/requests/new/"))
    page.select_option("#id_body", str(body.pk))
    page.select_option("#id_asked_by", "president")
    assert page.locator("#id_subject_kind").input_value() == "programme"
    assert page.locator("#id_programme").input_value() == str(programme.pk)
    page.fill("#id_question", "ما رأي الهيئة في مشروع برنامج عمل الانفتاح؟")
    page.fill("#id_received_on", today)
    page.fill("#id_deadline_amount", "10")
    page.select_option("#id_deadline_unit", "working")
    page.screenshot(path=str(artifacts / "advisory-request-form-ar.png"), full_page=True)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/advisory/requests/\d+/$"))
    request = OpinionRequest.objects.get()
    assert request.case.number in page.locator("h1").inner_text()
    assert page.locator("dt", has_text="آخر أجل لإبداء الرأي").count() == 1

    # The body's president records the meeting that studied the draft, then gives the body's opinion with its vote
    # and two recommendations.
    sign_in(page, live_server, president.email)
    page.goto(f"{live_server.url}{body.get_absolute_url()}")
    page.locator("main a", has_text="تسجيل اجتماع").click()
    page.fill("#id_held_on", today)
    page.fill("#id_agenda", "دراسة مشروع برنامج عمل الانفتاح")
    page.fill("#id_minutes", "صادقت الهيئة على رأيها بسبعة أصوات وامتناع واحد.")
    page.locator("main form button[type=submit]").click()
    page.locator(".advisory-meeting", has_text="دراسة مشروع برنامج عمل الانفتاح").wait_for()
    page.goto(f"{live_server.url}{request.get_absolute_url()}")
    page.fill("#id_received_on", today)
    page.fill("#id_text", OPINION)
    page.fill("#id_votes_for", "7")
    page.fill("#id_votes_against", "0")
    page.fill("#id_votes_abstain", "1")
    page.fill("#id_recommendations", "\n".join(RECOMMENDATIONS))
    page.locator("form[action$='/opinion/'] button[type=submit]").click()
    page.locator(".advisory-opinion", has_text=OPINION).wait_for()
    page.screenshot(path=str(artifacts / "advisory-opinion-ar.png"), full_page=True)

    # Anyone sees it on the programme page.
    page.context.clear_cookies()
    page.goto(programme_url)
    section = page.locator("section[aria-labelledby=opinions-title]")
    section.locator(".advisory-opinion", has_text=OPINION).wait_for()
    assert section.locator("ol.recommendations li").all_inner_texts() == RECOMMENDATIONS
    assert "التصويت" in section.inner_text()
    assert page.locator("html").get_attribute("dir") == "rtl"
    no_horizontal_scroll(page)
    section.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "advisory-programme-ar.png"), full_page=True)

    # The body's page: its bureau, its meeting with the minutes, its opinion.
    page.goto(f"{live_server.url}{body.get_absolute_url()}")
    assert page.locator(".people", has_text="خديجة العلوي").count() == 1
    assert page.locator("#opinions", has_text=request.case.number).count() == 1
    no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / "advisory-body-ar.png"), full_page=True)
