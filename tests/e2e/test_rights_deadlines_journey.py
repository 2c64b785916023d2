"""The deadlines added to two rights, in Arabic at 360 px: after the head of the collectivity upholds a complaint
(recorded by the focal point on the request page), the requester's page lists the new answer's deadline with the
working days left; a petition that stayed short of signatures past the grace period after its closing date shows
publicly why it lapsed. Screenshots go to test-artifacts/."""

import datetime

import pytest

from remacto.accounts.models import Role
from remacto.cases.calendar import today
from remacto.information.services import complaints
from remacto.information.services import requests as information
from remacto.petitions import defaults
from remacto.petitions.models import Petition, Threshold
from remacto.petitions.services import lifecycle

from ..conftest import make_user
from .test_cocreation_ideas_journey import no_horizontal_scroll, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def shot(page, artifacts, name: str) -> None:
    no_horizontal_scroll(page)
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.screenshot(path=str(artifacts / f"rights-{name}-ar.png"), full_page=True)


def test_an_upheld_complaint_gives_the_new_answer_a_deadline(live_server, page, artifacts, commune, citizen):
    officer = make_user("officer-rights@example.ma", "موظف الإعلام")
    Role.objects.create(user=officer, kind=Role.Kind.INFORMATION_OFFICER, collectivity=commune)
    focal = make_user("focal-rights@example.ma", "المنسق")
    Role.objects.create(user=focal, kind=Role.Kind.FOCAL_POINT, collectivity=commune)
    request = information.file_request(
        citizen, commune, subject="تصميم التهيئة", details="النسخة الكاملة", requester_kind="citizen"
    )
    information.refuse(officer, request, reason="not_held", explanation="لا نتوفر عليها.")
    complaints.complain(citizen, request, text="المصلحة التقنية تتوفر عليها.")

    sign_in(page, live_server, focal.email)
    page.goto(f"{live_server.url}/ar/members/{commune.slug}/information/requests/{request.pk}/")
    form = page.locator(".action-answer_complaint form")
    form.locator("input[name=outcome][value=upheld]").check()
    form.locator("textarea[name=answer]").fill("ستسلم المصلحة التقنية التصميم.")
    form.locator("button[type=submit]").click()
    page.locator(".case-deadlines li[data-kind=new_answer]").wait_for()

    sign_in(page, live_server, citizen.email)
    page.goto(f"{live_server.url}/ar/members/{commune.slug}/information/requests/{request.pk}/")
    item = page.locator(".case-deadlines li[data-kind=new_answer]")
    assert "الجواب الجديد بعد قبول الشكاية" in item.inner_text()
    assert "20" in item.inner_text()
    shot(page, artifacts, "new-answer-deadline")


def test_a_lapsed_petition_says_why(live_server, page, artifacts, commune, citizen):
    if not Threshold.objects.exists():
        defaults.create(Threshold)
    agent = make_user("agent-rights@example.ma", "وكيل")
    petition = lifecycle.file_petition(
        agent,
        commune,
        {
            "kind": "citizens",
            "conditions": ["territory", "common_interest"],
            "subject": "إحداث مكتبة للحي",
            "reasons": "لا توجد مكتبة قريبة.",
            "expected_outcome": "إدراج المكتبة في جدول أعمال الدورة.",
        },
    )
    petition = lifecycle.open_collection(agent, petition, today() + datetime.timedelta(days=3))
    Petition.objects.filter(pk=petition.pk).update(closes_on=today() - datetime.timedelta(days=31))
    assert lifecycle.lapse_expired() == 1

    sign_in(page, live_server, citizen.email)
    page.goto(f"{live_server.url}/ar/petitions/{petition.pk}/")
    section = page.locator("section[aria-labelledby=lapsed-title]")
    assert "غير مقبولة لعدم كفاية التوقيعات" in section.inner_text()
    assert page.locator(".meta .badge").first.inner_text() == "ساقطة: توقيعات غير كافية"
    shot(page, artifacts, "petition-lapsed")
