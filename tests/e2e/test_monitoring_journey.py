"""The follow-up of an adopted programme in a real browser, in Arabic at 360 px: the focal point posts a progress
update and imports the finance department's spending file, the scheduled check opens an alert that a committee
member acknowledges, a resident reports what they saw and reads the unit's answer, the finished project's
evaluation is opened and the committee fills its scorecard, and the final report PDF opens with its charts.
Screenshots of every step go to test-artifacts/."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from remacto.cocreation.models import Project
from remacto.monitoring import report, report_tasks
from remacto.monitoring.models import Alert, Evaluation, Observation, ProgressUpdate, Scorecard, SpendingImport
from remacto.monitoring.tasks import check_alerts

from ..monitoring.conftest import implemented_programme
from ..monitoring.test_report_pdf import _inflated
from .test_cocreation_ideas_journey import no_horizontal_scroll, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CHART_TRACK = b"0.913725 0.933333 0.92549 rg"
"""The fill of the bars' grey track (#e9eeec) in the PDF: the charts are drawn as vectors."""


def url(name: str, **kwargs) -> str:
    with translation.override("ar"):
        return reverse(f"monitoring:{name}", kwargs=kwargs)


def shot(page, artifacts, name: str) -> None:
    no_horizontal_scroll(page)
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.screenshot(path=str(artifacts / f"monitoring-journey-{name}-ar.png"), full_page=True)


def photo(tmp_path) -> str:
    path = tmp_path / "hole.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (180, 120, 60)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_progress_spending_alert_observation_scorecard_and_report(
    live_server, page, artifacts, tmp_path, monkeypatch, commune, focal_point, committee_member, citizen
):
    programme = implemented_programme(commune)
    project = programme.projects.order_by("order").first()
    slug, cycle = commune.slug, programme.cycle
    today = timezone.localdate()
    project_url = live_server.url + url("project", slug=slug, project=project.pk)
    study, works = project.activities.order_by("order")

    # a. The focal point posts an update from the project's page: progress, what was done, an activity finished on
    # time and a first measure of the indicator; the update appears in the history and on the chart.
    sign_in(page, live_server, focal_point.email)
    page.goto(project_url)
    page.locator(f"a[href='{url('post_update', slug=slug, project=project.pk)}']").click()
    page.wait_for_url(re.compile(r"/updates/new/$"))
    page.fill("input[name=reported_on]", today.isoformat())
    page.fill("input[name=progress]", "20")
    page.fill("textarea[name=narrative]", "انتهت دراسة البوابة وأُطلقت صفقة التطوير؛ أول نسخة تجريبية على الإنترنت.")
    page.select_option("select[name=activities-0-status]", "done")
    page.fill("input[name=activities-0-started_on]", "2026-01-15")
    page.fill("input[name=activities-0-finished_on]", "2026-06-25")
    page.fill("input[name=indicators-0-value]", "350")
    page.fill("input[name=indicators-0-source]", "إحصاءات البوابة")
    shot(page, artifacts, "1-progress-form")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(project_url)
    update = ProgressUpdate.objects.get(project=project)
    assert (update.progress, update.author) == (20, focal_point)
    assert update.activity_statuses.get().activity == study and update.indicator_values.get().value == 350
    timeline = page.locator("ol.update-timeline li.timeline-update")
    assert timeline.count() == 1 and "انتهت دراسة البوابة" in timeline.inner_text()
    chart = page.locator("figure.chart svg").first
    assert chart.is_visible() and chart.bounding_box()["width"] <= 360
    assert page.locator("figure.chart svg").count() == 2  # progress, and the indicator against its target
    shot(page, artifacts, "2-project")

    # b. The focal point imports the finance department's file, written on the page's template.
    page.goto(live_server.url + url("spending", slug=slug, cycle=cycle))
    template = page.request.get(live_server.url + url("spending_template", slug=slug, cycle=cycle))
    assert template.ok and template.headers["content-type"].startswith("text/csv")
    header = template.text()
    assert "المشروع" in header and "المبلغ" in header
    spending_file = tmp_path / "depenses-2026.csv"
    spending_file.write_text(
        header
        + "1.1,التزام,180000,2026-03-10,ENG-2026-014,صفقة تطوير البوابة\r\n"
        + "1.1,أداء,90000,2026-07-02,OP-2026-203,الدفعة الأولى\r\n"
        + "1.1,أداء,60000,15/10/2026,OP-2026-377,الدفعة الثانية\r\n",
        encoding="utf-8",
    )
    page.set_input_files("input[name=file]", str(spending_file))
    shot(page, artifacts, "3-spending")
    page.locator("form[action$='/spending/import/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/spending/import/\d+/$"))
    page.locator("#import-progress .message.success").wait_for()
    job = SpendingImport.objects.get(programme=programme)
    assert job.status == SpendingImport.Status.DONE and job.created_count == 3
    shot(page, artifacts, "4-import-done")
    page.locator(f"#import-progress a[href='{url('dashboard', slug=slug, cycle=cycle)}']").click()
    page.wait_for_url(re.compile(r"/monitoring/$"))
    # 150,000 paid of the programme's 250,000: 60 %; 180,000 committed: 72 %.
    assert re.fullmatch(r"60[.,٫]0\s*%", page.locator("#paid-rate").inner_text().strip())
    assert re.fullmatch(r"72[.,٫]0\s*%", page.locator("#committed-rate").inner_text().strip())
    row = page.locator(f"#project-table tr[data-project='{project.pk}']")
    assert "20%" in row.inner_text().replace("\u2068", "").replace("\u2069", "")
    assert page.locator("#money-by-axis svg").is_visible()
    shot(page, artifacts, "5-dashboard")

    # c. 75 % of the budget paid for 20 % of the work: the scheduled check opens an alert, which a committee member
    # acknowledges with a note.
    check_alerts()
    alert = Alert.objects.get(project=project, closed_at=None)
    assert alert.kind == "divergence" and alert.details["spent_percent"] == "75.0"
    sign_in(page, live_server, committee_member.email)
    page.goto(live_server.url + url("dashboard", slug=slug, cycle=cycle))
    page.locator(f"a[href='{url('alerts', slug=slug, cycle=cycle)}']").click()
    card = page.locator(f"#alert-{alert.pk}")
    assert "75" in card.inner_text() and "20" in card.inner_text()
    card.locator("textarea[name=note]").fill("طلبنا من المصلحة تقريراً عن الأشغال المنجزة قبل أي أداء جديد.")
    shot(page, artifacts, "6-alert")
    card.locator("button[type=submit]").click()
    page.locator(".messages .success").wait_for()
    alert.refresh_from_db()
    assert alert.acknowledged_by == committee_member and alert.acknowledgement.startswith("طلبنا")
    page.goto(live_server.url + url("alerts", slug=slug, cycle=cycle) + "?state=acknowledged")
    assert "طلبنا من المصلحة" in page.locator(f"#alert-{alert.pk} .answer").inner_text()
    shot(page, artifacts, "7-alert-acknowledged")

    # d. A resident reports what they saw from the project's page, with a photo; the focal point answers publicly;
    # the resident reads the answer on the project's page.
    sign_in(page, live_server, citizen.email)
    page.goto(project_url)
    page.locator(f".observations-panel a[href='{url('observe', slug=slug, project=project.pk)}']").click()
    page.fill("textarea[name=text]", "الرابط المنشور في لوحة البلدية لا يفتح على الهاتف منذ أسبوع.")
    page.fill("input[name=place]", "مقر الجماعة")
    page.set_input_files("input[name=photo]", photo(tmp_path))
    shot(page, artifacts, "8-observe")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/observations/\d+/$"))
    observation = Observation.objects.get(project=project)
    assert observation.author == citizen and observation.photo
    page.locator("img.observation-photo").scroll_into_view_if_needed()  # loaded lazily
    page.wait_for_function("document.querySelector('img.observation-photo').naturalWidth > 0")

    sign_in(page, live_server, focal_point.email)
    page.goto(project_url)
    page.locator(f"#observation-{observation.pk} a[href='{observation.get_absolute_url()}']").click()
    page.fill("textarea[name=answer]", "شكراً لكم: صُحح الرابط، ويُفتح الآن على الهواتف.")
    shot(page, artifacts, "9-answer")
    page.locator("form:has(textarea[name=answer]) button[type=submit]").click()
    page.locator(".messages .success").wait_for()
    observation.refresh_from_db()
    assert observation.answer.startswith("شكراً") and observation.answered_by == focal_point

    sign_in(page, live_server, citizen.email)
    page.goto(project_url)
    assert "صُحح الرابط" in page.locator(f"#observation-{observation.pk} .answer").inner_text()
    shot(page, artifacts, "10-answer-seen")

    # e. The focal point reports the project completed, opens its evaluation from the staff controls, and a
    # committee member rates every criterion.
    sign_in(page, live_server, focal_point.email)
    page.goto(live_server.url + url("post_update", slug=slug, project=project.pk))
    page.fill("input[name=reported_on]", today.isoformat())
    page.fill("input[name=progress]", "100")
    page.fill("textarea[name=narrative]", "البوابة في الخدمة، وسُلّمت وثائقها إلى الجماعة.")
    page.select_option("select[name=activities-1-status]", "done")
    page.fill("input[name=activities-1-finished_on]", today.isoformat())
    page.check("input[name=completed]")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(project_url)
    project.refresh_from_db()
    assert project.status == Project.Status.COMPLETED
    assert ProgressUpdate.objects.filter(project=project).latest("id").activity_statuses.get().activity == works
    page.locator(".evaluation-panel").wait_for()
    page.goto(live_server.url + url("evaluation", slug=slug, project=project.pk))
    opening = page.locator("form:has(input[name=action][value=open])")
    opening.locator("input[name=opens_on]").fill(today.isoformat())
    opening.locator("input[name=closes_on]").fill((today + datetime.timedelta(days=30)).isoformat())
    shot(page, artifacts, "11-open-evaluation")
    opening.locator("button[type=submit]").click()
    page.locator(".messages .success").wait_for()
    evaluation = Evaluation.objects.get(project=project)

    sign_in(page, live_server, committee_member.email)
    page.goto(project_url)
    page.locator(".evaluation-panel a[href$='#scorecard']").click()
    criteria = list(programme.evaluation_criteria.order_by("order", "id"))
    ratings = dict(zip((c.pk for c in criteria), (4, 3, 5, 2), strict=True))
    for pk, rating in ratings.items():
        page.locator(f"label[for=id_rating_{pk}_{rating - 1}]").click()
    page.fill(f"input[name=comment_{criteria[0].pk}]", "نُشرت المعلومات، لكن بعد تأخير.")
    shot(page, artifacts, "12-scorecard")
    page.locator("#scorecard button[type=submit]").click()
    page.locator(".messages .success").wait_for()
    scorecard = Scorecard.objects.get(evaluation=evaluation, member=committee_member)
    assert {s.criterion_id: s.rating for s in scorecard.scores.all()} == ratings

    # The focal point publishes the results, with the conclusions, so that they enter the final report.
    sign_in(page, live_server, focal_point.email)
    page.goto(live_server.url + url("evaluation", slug=slug, project=project.pk))
    page.fill("textarea[name=summary]", "مشروع أُنجز، والشفافية في الأداءات تحتاج إلى تحسين.")
    page.locator("form:has(input[name=action][value=publish]) button[type=submit]").click()
    page.locator("#results-heading").wait_for()

    # f. The final report in Arabic: the worker is busy at first, so the waiting page shows; it takes the task on
    # the next check, the page says the report is ready, and the PDF opens with its charts drawn.
    start, deferred = report_tasks.start, []
    monkeypatch.setattr(
        report_tasks, "start", lambda *args: start(*args) if deferred else deferred.append(args) or False
    )
    page.goto(live_server.url + url("dashboard", slug=slug, cycle=cycle))
    report_url = url("report", slug=slug, cycle=cycle, lang="ar")
    page.locator(f"a[href='{report_url}']").click()
    page.wait_for_url(re.compile(r"/report/ar/$"))
    assert page.locator("#export-status progress").is_visible()
    shot(page, artifacts, "13-report-waiting")
    opener = page.locator(f"#export-status a.button[href='{report_url}']")
    opener.wait_for()  # the page checks every second
    shot(page, artifacts, "14-report-ready")
    pdf = page.request.get(live_server.url + opener.get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    data = pdf.body()
    assert data.startswith(b"%PDF-") and CHART_TRACK in _inflated(data)
    html = report.render_html(programme, "ar")
    assert html.count('class="chart"') >= 3 and "report-evaluation" in html
