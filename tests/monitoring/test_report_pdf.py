"""The programme's final report: content (execution, progress, indicators, published evaluations), charts in the
HTML and in the PDF, Arabic and French, the waiting page, and results left out until published."""

import datetime
import importlib.util
import io
import re
import zlib
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation

from remacto.monitoring import report, report_tasks
from remacto.monitoring.models import IndicatorValue, ProgressUpdate, SpendingLine
from remacto.monitoring.services import evaluations as services

from .evaluation_helpers import answer, open_for, score

pytestmark = pytest.mark.django_db


def url(programme, lang: str) -> str:
    with translation.override(lang):
        return reverse(
            "monitoring:report", kwargs={"slug": programme.collectivity.slug, "cycle": programme.cycle, "lang": lang}
        )


@pytest.fixture
def followed(implemented, project, focal_point, citizen, committee_member):
    """The programme with spending, two progress updates and an indicator value on ``project``."""
    day = datetime.date(2026, 3, 1)
    for kind, amount in (("committed", 120_000), ("paid", 50_000), ("paid", 30_000)):
        SpendingLine.objects.create(project=project, kind=kind, amount=Decimal(amount), spent_on=day, reference="R1")
    ProgressUpdate.objects.create(project=project, reported_on=day, progress=20, narrative="بداية")
    ProgressUpdate.objects.create(project=project, reported_on=day.replace(month=9), progress=65, narrative="تقدم")
    IndicatorValue.objects.create(indicator=project.indicators.get(), measured_on=day, value=Decimal(420))
    evaluation = open_for(focal_point, project)
    answer(citizen, evaluation, satisfaction=5)
    score(committee_member, evaluation, rating=3)
    return implemented, evaluation


def test_context_aggregates_money_progress_and_indicators(followed, project, django_assert_max_num_queries):
    programme, _evaluation = followed
    with django_assert_max_num_queries(8):
        ctx = report.context(programme)
    first = next(p for p in ctx["projects"] if p.pk == project.pk)
    assert (first.committed, first.paid, first.paid_share) == (Decimal(120_000), Decimal(80_000), 40)
    assert first.latest_progress == 65
    assert ctx["totals"]["budget"] == Decimal(250_000) and ctx["totals"]["paid"] == Decimal(80_000)
    assert ctx["axes"][0]["paid_share"] == 32
    indicator = next(i for i in ctx["indicators"] if i.project_id == project.pk)
    assert indicator.latest_value == Decimal(420) and indicator.target == Decimal(1000)
    execution, progress = (chart["series"] for chart in ctx["charts"])
    axis = ctx["axes"][0]["axis"].pk
    assert {row.key: row.value for row in execution.rows} == {
        f"axis-{axis}-budget": Decimal(250_000),
        f"axis-{axis}-paid": Decimal(80_000),
    }
    assert [row.value for row in progress.rows] == [65, 0, 100]  # the last bar keeps the scale at 100 %
    assert report.spending_by_project(programme)[project.pk] == {"committed": Decimal(120_000), "paid": Decimal(80_000)}


def test_results_stay_out_of_the_report_until_published(followed, focal_point):
    programme, evaluation = followed
    html = report.render_html(programme, "fr")
    assert "report-evaluation" not in html and html.count('class="chart"') == 2 and "<svg" not in html
    services.publish_evaluation(focal_point, evaluation, summary="Conclusions partagées")
    html = report.render_html(programme, "fr")
    assert "Conclusions partagées" in html and html.count('class="chart"') == 6 and "report-evaluation" in html


def _inflated(data: bytes) -> bytes:
    """The PDF's compressed streams, inflated (those that are not zlib data are left out)."""
    parts = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


@pytest.mark.parametrize("lang", report.LANGUAGES)
def test_report_pdf_is_a_pdf_with_its_charts(client, followed, focal_point, lang):
    programme, evaluation = followed
    services.publish_evaluation(focal_point, evaluation, summary="خلاصة")
    html = report.render_html(programme, lang)
    assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in html
    assert 'class="chart-track"' in html and "NotoNaskhArabic-Regular.ttf" in html
    response = client.get(url(programme, lang))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f"report-{programme.collectivity.slug}-2026-2027-{lang}.pdf" in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    assert data.startswith(b"%PDF-")
    # the charts are drawn: their bars' grey track (#e9eeec, used by nothing else) is filled
    streams = _inflated(data)
    assert b"0.913725 0.933333 0.92549 rg" in streams
    if importlib.util.find_spec("pypdf"):
        import pypdf

        text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
        assert ("Rapport final" if lang == "fr" else "التقرير النهائي") in text
    else:
        print("pypdf is not installed: checked the PDF header and the charts' drawing only")


def test_report_language_must_be_arabic_or_french(client, implemented):
    response = client.get(url(implemented, "ar").replace("/report/ar/", "/report/en/"))
    assert response.status_code == 404


def test_waiting_page_while_the_report_is_being_built(client, implemented, monkeypatch):
    started = []
    monkeypatch.setattr(report_tasks, "start", lambda programme, lang, name: started.append(name))
    response = client.get(url(implemented, "ar"))
    assert response.status_code == 200 and started
    html = response.content.decode()
    assert 'id="export-status"' in html and 'hx-trigger="every 1s"' in html and "<progress" in html
    assert "no-cache" in response["Cache-Control"]
    partial = client.get(url(implemented, "ar"), headers={"HX-Request": "true"})
    assert partial.content.decode().lstrip().startswith('<div id="export-status"')


def test_a_failed_build_says_so(client, implemented, monkeypatch):
    cache.set(report_tasks.PDF.failed_key(report.current_name(implemented, "fr")), True)
    monkeypatch.setattr(report_tasks, "start", lambda *args: None)
    html = client.get(url(implemented, "fr"), headers={"HX-Request": "true"}).content.decode()
    assert 'class="error"' in html


def test_the_file_is_reused_until_the_content_changes(client, followed, project):
    programme, _evaluation = followed
    client.get(url(programme, "fr"))
    first = report.current_name(programme, "fr")
    assert default_storage.exists(first)
    ProgressUpdate.objects.create(project=project, reported_on=datetime.date(2026, 10, 1), progress=80, narrative="x")
    second = report.current_name(programme, "fr")
    assert second != first
    b"".join(client.get(url(programme, "fr")).streaming_content)
    assert default_storage.exists(second) and not default_storage.exists(first)


@pytest.mark.parametrize("role", [None, "citizen", "committee_member", "focal_point", "other_focal_point"])
def test_the_report_is_public_to_every_role(client, implemented, quick_pdf, role, request):
    if role:
        client.force_login(request.getfixturevalue(role))
    response = client.get(url(implemented, "ar"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-cache"


@pytest.mark.parametrize("role", [None, "citizen", "focal_point"])
def test_no_report_for_a_collectivity_that_is_not_a_member(client, implemented, quick_pdf, role, request):
    implemented.collectivity.membership.delete()
    if role:
        client.force_login(request.getfixturevalue(role))
    assert client.get(url(implemented, "fr")).status_code == 404


def test_a_project_hidden_by_moderation_leaves_the_report(implemented, project):
    assert project.title in report.render_html(implemented, "ar")
    type(project).objects.filter(pk=project.pk).update(is_hidden=True)
    assert project.title not in report.render_html(implemented, "ar")


def test_waiting_page_keeps_the_page_language_then_gives_the_file(client, implemented, quick_pdf, monkeypatch):
    started = []
    monkeypatch.setattr(report_tasks.render_report_pdf, "delay", lambda *args: started.append(args))
    with translation.override("fr"):
        target = reverse("monitoring:report", kwargs={"slug": "ben-guerir", "cycle": "2026-2027", "lang": "ar"})
    html = client.get(target).content.decode()
    name = report.current_name(implemented, "ar")
    assert started == [(implemented.pk, "ar", name)] and target.startswith("/fr/")
    assert '<html lang="fr"' in html and f'hx-get="{target}"' in html and "Rapport final" in html
    report_tasks.render_report_pdf(*started[0])
    fragment = client.get(target, headers={"HX-Request": "true"}).content.decode()
    assert "hx-get" not in fragment and f'href="{target}"' in fragment and 'hreflang="ar"' in fragment
    assert client.get(target)["Content-Type"] == "application/pdf" and default_storage.exists(name)
