"""Public outputs of a programme: its page (timeline, "what can I do now", axes, budget, adoption), the member
space's programme card, CSV and JSON exports without personal data, and the PDF in Arabic and French."""

import csv
import datetime
import io
import json
import re
import shutil
import subprocess
import zlib
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation

from remacto.advisory.models import Body, Opinion, OpinionRequest
from remacto.cocreation import exports, output_tasks, pdf
from remacto.cocreation.models import Adoption, CommitteeMember, Phase, ProgrammePhase, Project

from .conftest import in_phase
from .outputs_fixtures import AUTHOR_EMAIL, AUTHOR_NAME, HIDDEN_TITLE, Known, build_known

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(commune, programme, axis, workshop) -> Known:
    return build_known(commune, programme, axis, workshop)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def url(name: str, programme, language: str = "ar", **kwargs) -> str:
    """The address of a programme page (``cocreation:`` unless ``name`` names another namespace)."""
    name = name if ":" in name else f"cocreation:{name}"
    with translation.override(language):
        return reverse(name, args=[programme.collectivity.slug, programme.cycle], kwargs=kwargs or None)


def pdf_url(programme, lang: str, language: str = "ar") -> str:
    with translation.override(language):
        return reverse(
            "cocreation:programme_pdf",
            kwargs={"slug": programme.collectivity.slug, "cycle": programme.cycle, "lang": lang},
        )


# The programme page --------------------------------------------------------------------------------------------


def test_programme_page_is_public_with_timeline_and_what_to_do_now(client, known):
    response = client.get(url("programme", known.programme))
    assert response.status_code == 200
    html = response.content.decode()
    assert "برنامج عمل الانفتاح" in html and "<strong>مشترك</strong>" in html  # Markdown description
    assert html.count('class="timeline-step') == len(Phase.values)
    assert re.search(r'class="timeline-step is-current" aria-current="step">\s*<span class="timeline-label">', html)
    assert html.count("is-past") == 2
    ends = timezone.localdate() + datetime.timedelta(days=10)
    with translation.override("ar"):
        from django.utils.formats import date_format

        assert date_format(ends, "DATE_FORMAT") in html
    assert url("idea_submit", known.programme) in html
    assert url("ideas", known.programme) in html
    assert HIDDEN_TITLE not in html and AUTHOR_EMAIL not in html


def test_programme_page_shows_axes_budget_projects_meetings_and_downloads(client, known):
    html = client.get(url("programme", known.programme)).content.decode()
    assert "المشاركة المواطنة" in html and "الرقمنة" in html
    assert "160.000,00" in html and "100.000,00" in html and "60.000,00" in html
    assert "اجتماع لجنة التتبع" in html  # the next meeting
    for lang in pdf.LANGUAGES:
        assert pdf_url(known.programme, lang) in html
    assert url("export_csv", known.programme) + "?what=ideas" in html
    assert url("export_json", known.programme) + "?what=projects" in html


def test_programme_page_shows_committee_opinions_and_adoption(client, known, focal_point):
    programme = in_phase(known.programme, Phase.IMPLEMENTATION)
    CommitteeMember.objects.create(programme=programme, name="فاطمة الزهراء", kind="civil_society", is_chair=True)
    body = Body.objects.create(collectivity=programme.collectivity, kind="equity", name="هيئة المساواة")
    asked = OpinionRequest.objects.create(
        body=body, subject_kind="programme", programme=programme, received_on=datetime.date(2026, 8, 20)
    )
    Opinion.objects.create(request=asked, received_on=datetime.date(2026, 9, 1), text="رأي إيجابي")
    Adoption.objects.create(
        programme=programme,
        session_date=datetime.date(2026, 10, 5),
        deliberation_number="D-2026/17",
        votes_for=25,
        votes_against=2,
        votes_abstain=1,
    )
    html = client.get(url("programme", programme, "fr")).content.decode()
    assert "فاطمة الزهراء" in html and "هيئة المساواة" in html
    assert "D-2026/17" in html and ">25<" in html
    assert "Budget total du programme : <strong>160\u202f000,00 MAD</strong>" in html
    assert url("projects", programme, "fr") in html


@pytest.mark.parametrize(
    ("phase", "link"),
    [
        (Phase.INFORMATION, "meetings"),
        (Phase.AXES, "meetings"),
        (Phase.IDEAS, "idea_submit"),
        (Phase.TRIAGE, "ideas"),
        (Phase.DRAFTING, "projects"),
        (Phase.CONSULTATION, "projects"),
        (Phase.ADOPTION, "projects"),
        (Phase.IMPLEMENTATION, "monitoring:dashboard"),
        (Phase.EVALUATION, "monitoring:programme_evaluation"),
        (Phase.CLOSED, "statistics"),
    ],
)
def test_what_can_i_do_now_links_to_the_right_page(client, programme, phase, link):
    in_phase(programme, phase)
    html = client.get(url("programme", programme)).content.decode()
    box = html.split('class="card what-now"')[1].split("</section>")[0]
    assert url(link, programme) in box


def test_consultation_says_until_when(client, programme):
    in_phase(programme, Phase.CONSULTATION)
    ProgrammePhase.objects.create(
        programme=programme,
        phase=Phase.CONSULTATION,
        starts_on=datetime.date(2026, 7, 1),
        ends_on=datetime.date(2026, 7, 20),
    )
    html = client.get(url("programme", programme, "fr")).content.decode()
    box = html.split('class="card what-now"')[1].split("</section>")[0]
    assert "20 juillet 2026" in box


def test_empty_programme_page_renders(client, programme):
    html = client.get(url("programme", programme)).content.decode()
    assert 'class="empty-state"' in html


def test_programme_page_queries_are_bounded(client, known, citizen, django_assert_max_num_queries):
    target = url("programme", known.programme)
    with django_assert_max_num_queries(15):
        assert client.get(target).status_code == 200
    client.force_login(citizen)
    with django_assert_max_num_queries(15):
        assert client.get(target).status_code == 200


def test_unknown_programme_is_404(client, commune):
    assert client.get(f"/ar/members/{commune.slug}/programme/1999-2000/").status_code == 404


def test_member_space_shows_the_current_programme_or_an_empty_state(client, commune, other_commune, known):
    html = client.get(commune.get_absolute_url()).content.decode()
    assert known.programme.get_absolute_url() in html and "2026-2027" in html
    with translation.override("ar"):
        assert str(Phase.IDEAS.label) in html
    html = client.get(other_commune.get_absolute_url()).content.decode()
    assert "/programme/" not in html and 'class="empty-state"' in html


# Exports ---------------------------------------------------------------------------------------------------


def _body(response) -> str:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode("utf-8")


def test_ideas_csv_has_public_columns_only_and_no_hidden_idea(client, known):
    response = client.get(url("export_csv", known.programme), {"what": "ideas"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = _body(response)
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))
    assert list(rows[0]) == exports.IDEA_COLUMNS
    assert len(rows) == 8
    assert {r["id"] for r in rows} == {str(i.pk) for i in known.ideas.values()}
    for secret in (HIDDEN_TITLE, AUTHOR_EMAIL, AUTHOR_NAME, "Paper Person", "@example.ma"):
        assert secret not in body
    merged = next(r for r in rows if r["id"] == str(known.ideas["silent_merged"].pk))
    assert merged["decision"] == "merged" and merged["merged_into"] == str(known.ideas["amina_accepted"].pk)
    assert merged["reason"] == "نفس الفكرة."
    formula = next(r for r in rows if r["id"] == str(known.ideas["workshop_waiting2"].pk))
    assert formula["title"].startswith("'=")  # a spreadsheet will not run it


def test_projects_csv_lists_activities_and_visible_source_ideas(client, known):
    body = _body(client.get(url("export_csv", known.programme), {"what": "projects"}))
    rows = list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))
    assert list(rows[0]) == exports.PROJECT_COLUMNS
    p1 = next(r for r in rows if r["id"] == str(known.projects["p1"].pk))
    assert p1["budget_mad"] == "100000.00" and "ورشة تكوينية" in p1["activities"]
    assert "عدد المشاركين" in p1["indicators"]
    ids = p1["source_idea_ids"].split()
    assert set(ids) == {str(known.ideas["amina_accepted"].pk), str(known.ideas["workshop_accepted"].pk)}
    assert str(known.hidden.pk) not in ids


def test_ideas_json_shape(client, known):
    response = client.get(url("export_json", known.programme, "fr"), {"what": "ideas"})
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(_body(response))
    assert data["what"] == "ideas" and data["count"] == len(data["items"]) == 8
    assert data["programme"]["cycle"] == "2026-2027" and data["programme"]["collectivity"] == "ben-guerir"
    assert set(data["items"][0]) == set(exports.IDEA_COLUMNS)
    assert HIDDEN_TITLE not in json.dumps(data) and AUTHOR_EMAIL not in json.dumps(data, ensure_ascii=False)


def test_projects_json_shape(client, known):
    data = json.loads(_body(client.get(url("export_json", known.programme), {"what": "projects"})))
    assert data["count"] == 3  # the cancelled project is still public, with its status
    p1 = next(p for p in data["items"] if p["id"] == known.projects["p1"].pk)
    assert p1["activities"][0] == {
        "order": 1,
        "title": "ورشة تكوينية",
        "target_groups": "الجمعيات",
        "starts_on": None,
        "ends_on": None,
    }
    assert p1["indicators"] == [{"name": "عدد المشاركين", "unit": "شخص", "baseline": "0.00", "target": "500.00"}]
    assert p1["principles"] == ["citizen_participation"] and p1["budget_mad"] == "100000.00"
    assert sorted(p1["source_idea_ids"]) == sorted(
        [known.ideas["amina_accepted"].pk, known.ideas["workshop_accepted"].pk]
    )


def test_hidden_project_is_not_exported(client, known):
    Project.objects.filter(pk=known.projects["p2"].pk).update(is_hidden=True)
    data = json.loads(_body(client.get(url("export_json", known.programme), {"what": "projects"})))
    assert known.projects["p2"].pk not in [p["id"] for p in data["items"]]


def test_bad_export_parameter_is_400(client, known):
    assert client.get(url("export_csv", known.programme), {"what": "users"}).status_code == 400
    assert client.get(url("export_json", known.programme), {"what": "<script>"}).status_code == 400


def test_exports_stream_in_chunks(client, known, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        body = _body(client.get(url("export_json", known.programme), {"what": "projects"}))
    assert json.loads(body)["count"] == 3


# PDF -------------------------------------------------------------------------------------------------------


def _inflated(data: bytes) -> bytes:
    """The PDF with its compressed streams (object streams included) inflated: a pure-Python look inside."""
    parts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def _page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", _inflated(data)))


@pytest.mark.parametrize("lang", ["ar", "fr", "zgh", "en"])
def test_pdf_is_ready_at_once_in_eager_mode(client, known, lang):
    response = client.get(pdf_url(known.programme, lang))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f"programme-ben-guerir-2026-2027-{lang}.pdf" in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    assert data.startswith(b"%PDF-") and _page_count(data) >= 3
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        text = subprocess.run([pdftotext, "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
        assert "2026-2027" in text and re.search(r"160[.,\s\u202f]000[.,]00", text)
        if lang == "ar":
            assert "برنامج عمل الانفتاح" in text  # Arabic words extract letter for letter
        if lang == "fr":
            assert "Plateforme de participation" in text
        assert HIDDEN_TITLE not in text
    else:
        print("pdftotext is not installed: checked the PDF header and page count only")


def test_pdf_embeds_the_arabic_font_and_fetches_nothing_else(known):
    known.programme.description_ar = "![x](file:///etc/passwd) [lien](http://169.254.169.254/)"
    known.programme.save()
    html = pdf.render_html(known.programme, "ar")
    assert '<html lang="ar" dir="rtl">' in html and "NotoNaskhArabic-Regular.ttf" in html
    data = _inflated(pdf.write_pdf(html))
    assert b"/FontName /" in data and b"REMACTO-Arabic" in data
    assert b"root:" not in data


def test_pdf_renders_to_png_for_a_look(known, tmp_path):
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        pytest.skip("pdftoppm (poppler-utils) is not installed: cannot render the PDF to an image")
    for lang in ("ar", "fr"):
        source = tmp_path / f"programme-{lang}.pdf"
        source.write_bytes(pdf.write_pdf(pdf.render_html(known.programme, lang)))
        subprocess.run(
            [pdftoppm, "-png", "-r", "50", "-f", "1", "-l", "3", str(source), str(tmp_path / lang)], check=True
        )
        pngs = sorted(tmp_path.glob(f"{lang}-*.png"))
        assert len(pngs) == 3 and all(p.stat().st_size > 2000 for p in pngs)


def test_pdf_file_is_reused_until_the_programme_changes(client, known):
    client.get(pdf_url(known.programme, "fr"))
    first = pdf.current_name(known.programme, "fr")
    assert default_storage.exists(first)
    known.projects["p1"].title_fr = "Plateforme renommée"
    known.projects["p1"].save()
    second = pdf.current_name(known.programme, "fr")
    assert second != first and not default_storage.exists(second)
    response = client.get(pdf_url(known.programme, "fr"))
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert default_storage.exists(second) and not default_storage.exists(first)


def test_pdf_waits_with_a_polling_status_page_when_rendering_in_the_background(client, known, monkeypatch):
    started = []
    monkeypatch.setattr(output_tasks.render_programme_pdf, "delay", lambda *args: started.append(args))
    target = pdf_url(known.programme, "ar")
    html = client.get(target).content.decode()
    name = pdf.current_name(known.programme, "ar")
    assert started == [(known.programme.pk, "ar", name)]
    assert f'hx-get="{target}"' in html and 'hx-trigger="every 1s"' in html and "<progress" in html
    # polling does not start a second rendering
    fragment = client.get(target, headers={"HX-Request": "true"}).content.decode()
    assert len(started) == 1 and fragment.lstrip().startswith('<div id="export-status"')
    # the worker finishes: the next poll links the file, and the link gives the file
    output_tasks.render_programme_pdf(known.programme.pk, "ar", name)
    fragment = client.get(target, headers={"HX-Request": "true"}).content.decode()
    assert "hx-get" not in fragment and f'href="{target}"' in fragment
    response = client.get(target)
    assert response["Content-Type"] == "application/pdf"


def test_pdf_failure_is_said_and_can_be_retried(client, known, monkeypatch):
    monkeypatch.setattr(output_tasks.render_programme_pdf, "delay", lambda *args: None)
    target = pdf_url(known.programme, "fr")
    name = pdf.current_name(known.programme, "fr")
    cache.set(output_tasks.PDF.failed_key(name), True)
    fragment = client.get(target, headers={"HX-Request": "true"}).content.decode()
    assert "hx-get" not in fragment and 'class="error"' in fragment
    client.get(target)  # "try again" starts a new rendering
    assert not output_tasks.PDF.failed(name)


def test_pdf_language_must_be_one_of_the_site(client, known):
    assert client.get(pdf_url(known.programme, "de")).status_code == 404


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
def test_pdf_text_layer_gives_the_arabic_and_tifinagh_words(known):
    """Copy, search and screen readers read the PDF's text layer: every letter must map back to itself.

    The Amazigh PDF is read in content order (``-raw``): with much Arabic on the page, pdftotext's reading order
    would otherwise guess the Tifinagh lines to be right to left.
    """
    words = {
        ("ar", ()): [
            "برنامج عمل الانفتاح",
            "منصة رقمية للمشاركة",
            "المشاركة المواطنة",
            "عدد المشاركين",
            "نشر المعطيات",
        ],
        ("zgh", ("-raw",)): ["ⴰⵖⴰⵡⴰⵙ ⵏ ⵜⵉⴳⴰⵡ"],
    }
    known.programme.title_zgh = "ⴰⵖⴰⵡⴰⵙ ⵏ ⵜⵉⴳⴰⵡ"
    known.programme.save()
    for (lang, options), expected in words.items():
        data = pdf.write_pdf(pdf.render_html(known.programme, lang))
        command = ["pdftotext", *options, "-", "-"]
        text = subprocess.run(command, input=data, capture_output=True, check=True).stdout.decode()
        for word in expected:
            assert word in text, (lang, word)


def test_the_programme_page_links_a_pdf_in_every_language(client, known):
    html = client.get(url("programme", known.programme)).content.decode()
    for code, _name in settings.LANGUAGES:
        assert pdf_url(known.programme, code) in html
        assert client.get(pdf_url(known.programme, code)).status_code == 200


def test_pdf_shows_projects_budget_and_adoption(known):
    Adoption.objects.create(
        programme=known.programme,
        session_date=datetime.date(2026, 10, 5),
        deliberation_number="D-2026/17",
        votes_for=25,
    )
    html = pdf.render_html(known.programme, "fr")
    assert "Plateforme de participation" in html and "نشر المعطيات" in html
    assert "100\u202f000,00" in html and "160\u202f000,00" in html and "D-2026/17" in html
    assert "ورشة تكوينية" in html and "عدد المشاركين" in html
    assert HIDDEN_TITLE not in html
    assert Decimal("40000") == known.projects["cancelled"].budget


def test_ben_guerir_demo_outputs(client, reference):
    from remacto.accounts.demo import load_demo as load_accounts
    from remacto.cocreation.demo import load_demo
    from remacto.cocreation.models import Programme
    from remacto.cocreation.statistics import programme_statistics

    load_accounts()
    load_demo()
    programme = Programme.objects.get(collectivity__slug="ben-guerir", cycle="2024-2025")
    html = client.get(url("programme", programme)).content.decode()
    assert "260.000,00" in html
    stats = programme_statistics(programme)
    assert stats.ideas_total == 23 and stats.budget_total == 260000 and stats.projects_total == 6
    assert {row.key: row.value for row in stats.get("channel").rows}["workshop"] == 14
    html = pdf.render_html(programme, "ar")
    assert html.count('<article class="project">') == 6 and "260.000,00" in html


def test_pdf_gives_typed_text_its_own_direction(known):
    html = pdf.render_html(known.programme, "fr")
    assert '<td dir="rtl">ورشة تكوينية</td>' in html and '<td dir="rtl">ضعف المشاركة</td>' in html
    assert pdf.text_direction("Bonjour") == "ltr" and pdf.text_direction("2026 مرحبا") == "rtl"
    assert pdf.text_direction("2026-2027") == "auto"


@pytest.mark.parametrize("role", [None, "citizen", "moderator", "focal_point", "other_focal_point"])
def test_programme_pdf_is_public_to_every_role(client, known, quick_pdf, role, request):
    if role:
        client.force_login(request.getfixturevalue(role))
    response = client.get(pdf_url(known.programme, "fr"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-cache"


@pytest.mark.parametrize("role", [None, "focal_point"])
def test_no_programme_pdf_for_a_collectivity_that_is_not_a_member(client, known, quick_pdf, role, request):
    known.programme.collectivity.membership.delete()
    if role:
        client.force_login(request.getfixturevalue(role))
    assert client.get(pdf_url(known.programme, "ar")).status_code == 404


def test_programme_pdf_waiting_page_keeps_the_page_language(client, known, quick_pdf, monkeypatch):
    monkeypatch.setattr(output_tasks.render_programme_pdf, "delay", lambda *args: None)
    target = pdf_url(known.programme, "ar", language="fr")
    html = client.get(target).content.decode()
    assert target.startswith("/fr/") and '<html lang="fr"' in html and f'hx-get="{target}"' in html
    fragment = client.get(target, headers={"HX-Request": "true"}).content.decode()
    assert f'hx-get="{target}"' in fragment and "en arabe" in fragment.lower()
