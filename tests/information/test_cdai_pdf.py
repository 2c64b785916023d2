"""The complaint to the national commission (CDAI) as a PDF in Arabic and French, with the request's history:
built in the background with a waiting page, for the requester and the staff only, once the head's answer came
or its 15 days passed."""

import datetime
import shutil
import subprocess

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation

from remacto.accounts import privacy
from remacto.information import cdai, cdai_tasks
from remacto.information.models import InformationRequest
from remacto.information.services import complaints
from remacto.information.services import requests as services

from ..conftest import PASSWORD, refuse_then_roll_back_deletion
from .conftest import MONDAY, REQUESTER, VALUES

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


def _store(request, lang: str, version: str = "v1") -> str:
    name = cdai.stored(request, lang).name(version)
    default_storage.save(name, ContentFile(b"%PDF-"))
    return name


@pytest.fixture
def stored_complaints(complained, commune, other_citizen):
    """The citizen's complaint stored in both languages, and the complaint of another person's request."""
    other = services.file_request(other_citizen, commune, **VALUES)
    return [_store(complained, lang) for lang in cdai.LANGUAGES], _store(other, "ar")


def test_deleting_the_account_deletes_the_complaints_of_their_requests_only(
    client, complained, citizen, focal_point, stored_complaints, django_capture_on_commit_callbacks, quick_pdf
):
    theirs, others = stored_complaints
    with django_capture_on_commit_callbacks(execute=True):
        privacy.delete_account(citizen, citizen, password=PASSWORD)
    assert not any(default_storage.exists(name) for name in theirs)
    assert default_storage.exists(others)
    complained.refresh_from_db()
    assert complained.case.requester is None and complained.requester_name == REQUESTER  # the register keeps it
    login(client, focal_point)
    assert client.get(url(complained, "ar")).status_code == 404  # not built again with the name
    page = client.get(reverse("information:request", kwargs={"slug": "ben-guerir", "pk": complained.pk}))
    assert page.status_code == 200 and "/cdai/" not in page.content.decode()
    assert cdai_tasks.render_cdai_pdf(complained.pk, "ar", theirs[0]) == ""  # a task queued before: nothing stored
    assert default_storage.listdir(f"information/cdai/{complained.pk}") == ([], [])


def test_no_complaint_deleted_when_the_deletion_is_refused_or_rolled_back(
    citizen, stored_complaints, django_capture_on_commit_callbacks
):
    theirs, others = stored_complaints
    refuse_then_roll_back_deletion(citizen, django_capture_on_commit_callbacks)
    assert all(default_storage.exists(name) for name in [*theirs, others])


def test_a_request_recorded_on_paper_keeps_its_complaint(complained):
    """Only an online request whose account is gone loses it: a paper request never had an account."""
    complained.channel = InformationRequest.Channel.PAPER
    complained.case.requester = None
    assert cdai.window(complained) is not None
