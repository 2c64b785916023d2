"""The programme PDF keeps cycles, dates and numbers in order inside right-to-left text: each goes through the
``isolate`` filter (``<bdi>``, which WeasyPrint follows), as on the pages. Read back with pdftotext."""

import datetime
import re
import shutil
import subprocess

import pytest

from remacto.cocreation import pdf
from remacto.cocreation.models import Adoption
from remacto.core.bidi import strip_bidi

from .outputs_fixtures import Known, build_known

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(commune, programme, axis, workshop, settings, tmp_path) -> Known:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    known = build_known(commune, programme, axis, workshop)
    known.programme.title = "برنامج عمل الانفتاح 2026-2027"
    known.programme.title_fr = ""  # the French PDF shows the Arabic title
    known.programme.implementation_start = datetime.date(2027, 1, 1)
    known.programme.implementation_end = datetime.date(2027, 12, 31)
    known.programme.save()
    Adoption.objects.create(
        programme=known.programme,
        session_date=datetime.date(2026, 10, 5),
        deliberation_number="2027-12",
        votes_for=25,
    )
    return known


def _text(programme, lang: str) -> str:
    data = pdf.write_pdf(pdf.render_html(programme, lang))
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    return strip_bidi(text)  # pdftotext marks the direction of each run with embeddings


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_cycle_after_arabic_words_keeps_its_order(known, lang):
    text = _text(known.programme, lang)
    assert re.search(r"الانفتاح ?2026-2027", text) and "2027-2026" not in text


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
def test_numbers_in_the_arabic_adoption_sentence_keep_their_order(known):
    text = _text(known.programme, "ar")
    sentence = next(line for line in text.splitlines() if line.startswith("صادق عليه المجلس"))
    assert "2027-12" in sentence and "12-2027" not in text


def test_every_date_and_cycle_of_the_pdf_is_isolated(known):
    html = pdf.render_html(known.programme, "ar")
    for date in ("5 أكتوبر 2026", "1 يناير 2027", "31 دجنبر 2027"):
        assert f"<bdi>{date}</bdi>" in html, date
        assert html.count(date) == html.count(f"<bdi>{date}</bdi>"), date
    assert '<p class="cycle"><bdi dir="ltr">2026-2027</bdi></p>' in html
    assert '<bdi dir="ltr">2027-12</bdi>' in html
    title = re.search(r"<title>(.*)</title>", html).group(1)
    assert "\u20662026-2027\u2069" in title  # the document title takes isolate marks (no markup there)
