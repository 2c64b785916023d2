"""Ideas in a real browser, in Arabic at 360 px: a citizen submits an idea online; the focal point types two
workshop ideas with the bulk form (adding a row with htmx); the follow-up committee triages them with public
reasons (accepts one, rejects one, answers the citizen's idea); the citizen reads the answer from the
notifications page on the idea's page."""

import datetime
import re

import pytest
from django.utils import timezone

from remacto.cocreation.models import Axis, Idea, Meeting, Phase, Programme
from remacto.cocreation.services import programmes

from .steps import no_horizontal_scroll, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ACCEPTED = "فكرة قابلة للتنفيذ وتخدم محور المشاركة المواطنة."
REJECTED = "الفكرة خارج اختصاصات الجماعة، وسنحيلها إلى الجهة المختصة."
ANSWER = "قبلت اللجنة الفكرة وستدرجها في مشروع النشر الاستباقي."


def decide(page, idea: Idea, decision: str, reason: str) -> None:
    row = page.locator(f"#idea-{idea.pk}")
    if row.locator("details[open]").count() == 0:
        row.locator("summary").click()
    row.locator(f"input[name='idea-{idea.pk}-decision'][value='{decision}']").check()
    row.locator(f"textarea[name='idea-{idea.pk}-reason']").fill(reason)
    row.locator("button[type=submit]").click()
    page.locator(f"#idea-{idea.pk} .message.success").wait_for()


def test_ideas_from_submission_to_the_committee_answer(
    live_server, page, artifacts, commune, citizen, focal_point, committee_member
):
    programme = Programme.objects.create(
        collectivity=commune, cycle="2026-2027", title="برنامج عمل الانفتاح", phase=Phase.IDEAS
    )
    axis = Axis.objects.create(programme=programme, order=1, title="المشاركة المواطنة", serves_participation=True)
    workshop = Meeting.objects.create(
        programme=programme,
        kind=Meeting.Kind.WORKSHOP,
        title="ورشة الإعداد المشترك",
        starts_at=timezone.now() - datetime.timedelta(days=2),
    )
    base = f"{live_server.url}/ar/members/{commune.slug}/programme/{programme.cycle}"

    # A citizen submits an idea online.
    sign_in(page, live_server, citizen.email)
    page.goto(f"{base}/ideas/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator(".ideas-actions a.button").click()
    page.wait_for_url(f"{base}/ideas/new/")
    page.select_option("#id_axis", str(axis.pk))
    page.fill("#id_title", "نشر محاضر دورات المجلس")
    page.fill("#id_problem", "لا يجد المواطنون محاضر دورات المجلس بسهولة.")
    page.fill("#id_solution", "نشر المحاضر على بوابة الجماعة خلال أسبوع من كل دورة.")
    no_horizontal_scroll(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/ideas/\d+/$"))
    assert page.locator("h1").inner_text() == "نشر محاضر دورات المجلس"
    online = Idea.objects.get(channel="online")
    assert online.author == citizen

    # The focal point types two workshop ideas; "add a row" appends a row with htmx.
    sign_in(page, live_server, focal_point.email)
    page.goto(f"{base}/ideas/record/")
    page.check("input[name=channel][value=workshop]")
    page.select_option("#id_workshop", str(workshop.pk))
    page.fill("#id_rows-0-title", "لوحة إعلانات رقمية أمام مقر الجماعة")
    page.fill("#id_rows-0-problem", "مواعيد الدورات غير معروفة.")
    page.fill("#id_rows-0-solution", "لوحة إلكترونية تعرض جدول الدورات.")
    page.select_option("#id_rows-0-axis", str(axis.pk))
    page.fill("#id_rows-0-author_name", "مشارك في الورشة")
    page.fill("#id_rows-1-title", "تطبيق لتتبع الشكايات")
    page.fill("#id_rows-1-problem", "لا يعرف المواطن مآل شكايته.")
    page.fill("#id_rows-1-solution", "تطبيق هاتفي لتتبع الشكايات.")
    page.locator("button[name=add_row]").click()
    page.locator("#id_rows-3-title").wait_for()
    assert page.locator("#id_rows-TOTAL_FORMS").input_value() == "4"
    assert page.locator("#id_rows-0-title").input_value() == "لوحة إعلانات رقمية أمام مقر الجماعة"
    no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / "ideas-record-ar.png"), full_page=True)
    page.locator("button[name=save]").click()
    page.locator(".messages .message").wait_for()
    workshop_ideas = list(Idea.objects.filter(channel="workshop").order_by("pk"))
    assert [i.title for i in workshop_ideas] == ["لوحة إعلانات رقمية أمام مقر الجماعة", "تطبيق لتتبع الشكايات"]
    assert {i.workshop_id for i in workshop_ideas} == {workshop.pk}

    # A file with one bad row imports nothing and names the row.
    page.goto(f"{base}/ideas/import/")
    page.check("input[name=channel][value=paper]")
    csv = "العنوان,الإشكالية,الحل المقترح\nفكرة سليمة,مشكل,حل\nفكرة ناقصة,,حل\n".encode()
    page.set_input_files("#id_file", files=[{"name": "افكار.csv", "mimeType": "text/csv", "buffer": csv}])
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/ideas/import/\d+/$"))
    assert "السطر 3" in page.locator(".import-report").inner_text()
    assert not Idea.objects.filter(channel="paper").exists()
    no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / "import-ar.png"), full_page=True)

    page.goto(f"{base}/ideas/")
    assert page.locator(".idea-card").count() == 3
    no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / "ideas-ar.png"), full_page=True)

    # The committee triages with public reasons.
    programmes.move_to_phase(focal_point, programme, Phase.TRIAGE, "")
    sign_in(page, live_server, committee_member.email)
    page.goto(f"{base}/triage/")
    page.evaluate("window.__noReload = true")
    first, second = workshop_ideas
    # Ideas come folded; a refused decision is shown inside the idea it concerns, the others stay folded.
    assert page.locator(".triage-item[open]").count() == 0
    row = page.locator(f"#idea-{first.pk}")
    row.locator("summary").click()
    row.locator(f"input[name='idea-{first.pk}-decision'][value='accepted']").check()
    row.locator("button[type=submit]").click()
    page.locator(f"#idea-{first.pk} .triage-item[open] .has-error .error").wait_for()
    assert page.locator(".has-error").count() == 1 and page.locator(".triage-item[open]").count() == 1
    decide(page, first, "accepted", ACCEPTED)
    decide(page, second, "rejected", REJECTED)
    decide(page, online, "accepted", ANSWER)
    assert page.evaluate("window.__noReload") is True
    assert page.locator("#triage-figures li").first.locator("strong").inner_text() == "0"
    no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / "triage-ar.png"), full_page=True)
    assert set(Idea.objects.values_list("status", flat=True)) == {"accepted", "rejected"}

    # The citizen reads the answer: the notification leads to the idea's page with the decision and reason.
    sign_in(page, live_server, citizen.email)
    page.goto(f"{live_server.url}/ar/notifications/")
    notification = page.locator(".notification", has_text="نشر محاضر دورات المجلس")
    assert ANSWER in notification.inner_text()
    notification.locator("a").first.click()
    page.wait_for_url(re.compile(rf"/ideas/{online.pk}/"))
    answer = page.locator(".idea-answer").inner_text()
    assert ANSWER in answer and "مقبولة" in answer
    no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / "idea-answer-ar.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base}/ideas/")
    page.screenshot(path=str(artifacts / "ideas-ar-1280.png"), full_page=True)
