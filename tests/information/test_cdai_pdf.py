"""The complaint to the national commission (CDAI) as a PDF in Arabic and French, with the request's history:
built in the background with a waiting page, for the requester and the staff only, once the head's answer came
or its 15 days passed."""

import datetime
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import translation

from remacto.information import cdai, cdai_tasks
from remacto.information.services import complaints
from remacto.information.services import requests as services

from ..conftest import PASSWORD
from .conftest import MONDAY, REQUESTER

pytestmark = pytest.mark.django_db


def url(request, lang: str, language: str = "fr") -> str:
    with translation.override(language):
        return reverse("information:cdai", kwargs={"slug": "ben-guerir", "pk": request.pk, "lang": lang})


@pytest.fixture
def complained(filed, today, officer, citizen, focal_point):
    services.extend(officer, filed, reasons="Les procès-verbaux sont aux archives.")
    services.refuse(officer, filed, reason="exception", explanation="Données personnelles (article 7).")
    today(MONDAY + datetime.timedelta(days=5))
    complaints.complain(citizen, filed, text="Le refus est trop large : les noms peuvent être masqués.")
    today(MONDAY + datetime.timedelta(days=9))
    complaints.answer_complaint(focal_point, filed, outcome="rejected", answer="Le refus est maintenu.")
    return filed


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


def _text(data: bytes, tmp_path) -> str:
    path = tmp_path / "cdai.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", ["Plainte à la commission nationale (CDAI)", "INF-2026-00001", "Le refus est maintenu.", REQUESTER]),
        ("ar", ["شكاية إلى لجنة الحق في الحصول على المعلومات", "INF-2026-00001", "مسار الطلب"]),
    ],
)
def test_the_pdf_holds_the_whole_case(
    client, complained, citizen, lang, expected, tmp_path, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        html = cdai.render_html(complained, lang)
    assert f'<html lang="{lang}"' in html and "NotoNaskhArabic-Regular.ttf" in html
    assert html.count("<tr><td>") == 5  # received, extended, refused, complaint, complaint answered
    login(client, citizen)
    response = client.get(url(complained, lang))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f"cdai-INF-2026-00001-{lang}.pdf" in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    assert data.startswith(b"%PDF-")
    if shutil.which("pdftotext") is None:
        print("pdftotext is not installed: checked the PDF header only, not its text")
        return
    text = " ".join(_text(data, tmp_path).split())
    for part in expected:
        assert part in text


def test_not_before_the_complaint_is_answered(client, filed, today, officer, citizen):
    services.answer(officer, filed, text="Voici.")
    complaints.complain(citizen, filed, text="Incomplet.")
    login(client, citizen)
    assert client.get(url(filed, "ar")).status_code == 404


def test_only_who_sees_the_request_gets_it(client, complained, other_citizen, focal_point):
    login(client, other_citizen)
    assert client.get(url(complained, "ar")).status_code == 404
    login(client, focal_point)
    assert client.get(url(complained, "ar")).status_code == 200
    assert client.get(url(complained, "en")).status_code == 404


def test_waiting_page_with_progress(client, complained, citizen, monkeypatch):
    started = []
    monkeypatch.setattr(cdai_tasks, "start", lambda request, lang, name: started.append(name))
    login(client, citizen)
    response = client.get(url(complained, "ar", "ar"))
    html = response.content.decode()
    assert response.status_code == 200 and started and "<progress" in html and 'hx-trigger="every 1s"' in html
    partial = client.get(url(complained, "ar", "ar"), headers={"HX-Request": "true"})
    assert partial.content.decode().lstrip().startswith('<div id="export-status"')
