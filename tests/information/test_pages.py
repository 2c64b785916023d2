"""Pages of access to information: the member's page, filing and recording, the register and its CSV, one
request as each person sees it (404 for another citizen), every step through its form, and query caps."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from remacto.cases.models import Case
from remacto.information.models import InformationRequest, Status
from remacto.information.services import disclosure
from remacto.information.services import requests as services

from ..conftest import PASSWORD
from .conftest import MONDAY, REQUESTER, VALUES

pytestmark = pytest.mark.django_db


def url(name: str, language: str = "ar", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"information:{name}", kwargs=kwargs)


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)
    return client


def detail(request, lang: str = "ar") -> str:
    return url("request", lang, slug=request.case.collectivity.slug, pk=request.pk)


def test_the_member_space_links_to_information(client, commune):
    html = client.get(reverse("territories:space", kwargs={"slug": commune.slug})).content.decode()
    assert url("request_new", slug=commune.slug) in html and url("disclosures", slug=commune.slug) in html


def test_home_lists_published_answers_without_the_requester(client, filed, officer, django_assert_max_num_queries):
    services.answer(officer, filed, text="المحاضر معلقة بمقر الجماعة.")
    services.publish_answer(officer, filed, question="أين أجد محاضر دورات المجلس؟")
    with django_assert_max_num_queries(8):
        response = client.get(url("home", slug="ben-guerir"))
    html = response.content.decode()
    assert response.status_code == 200 and "أين أجد محاضر دورات المجلس؟" in html and REQUESTER not in html
    answer = client.get(filed.get_public_url()).content.decode()
    assert "المحاضر معلقة بمقر الجماعة." in answer and REQUESTER not in answer and VALUES["subject"] not in answer
    found = client.get(url("home", slug="ben-guerir") + "?q=محاضر").content.decode()
    assert filed.get_public_url() in found
    assert filed.get_public_url() not in client.get(url("home", slug="ben-guerir") + "?q=ميزانية").content.decode()


def test_an_unpublished_answer_is_not_public(client, filed, officer):
    services.answer(officer, filed, text="Voici.")
    assert client.get(filed.get_public_url()).status_code == 404


def test_filing_a_request_in_french(client, today, commune, officer, citizen):
    login(client, citizen)
    response = client.post(
        url("request_new", "fr", slug=commune.slug),
        {"subject": "Budget 2026", "details": "", "requester_kind": "resident"},
    )
    request = InformationRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(request, "fr")
    page = client.get(response["Location"]).content.decode()
    assert "INF-2026-00001" in page and "Budget 2026" in page and "2 décembre 2026" in page


def test_filing_needs_an_account(client, commune):
    response = client.get(url("request_new", slug=commune.slug))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_request_to_a_non_member_is_refused_clearly(client, today, citizen, outside):
    login(client, citizen)
    response = client.get(url("request_new", "fr", slug=outside.slug))
    assert response.status_code == 400
    assert "n’est pas membre du réseau" in response.content.decode() or "membre" in response.content.decode()
    response = client.post(url("request_new", "fr", slug=outside.slug), {**VALUES})
    assert response.status_code == 400 and not Case.objects.exists()


def test_bad_input_keeps_what_was_typed(client, today, commune, citizen):
    login(client, citizen)
    response = client.post(
        url("request_new", "fr", slug=commune.slug),
        {"subject": "Budget", "requester_kind": "citizen", "is_urgent": "on", "urgency_reason": ""},
    )
    html = response.content.decode()
    assert response.status_code == 400 and 'value="Budget"' in html and not Case.objects.exists()
    assert "urgent" in html
    too_long = client.post(url("request_new", slug=commune.slug), {"subject": "x" * 300, "requester_kind": "citizen"})
    assert too_long.status_code == 400 and not Case.objects.exists()
    nul = client.post(url("request_new", slug=commune.slug), {"subject": "a\x00b", "requester_kind": "citizen"})
    assert nul.status_code == 400 and not Case.objects.exists()


def test_another_citizen_gets_404(client, filed, other_citizen, other_focal_point):
    for person in (other_citizen, other_focal_point):
        login(client, person)
        assert client.get(detail(filed)).status_code == 404
        assert client.post(detail(filed), {"action": "complain", "text": "x"}).status_code == 404
    client.logout()
    assert client.get(detail(filed)).status_code == 302


def test_the_requester_page_shows_history_and_deadlines(client, filed, citizen, django_assert_max_num_queries):
    login(client, citizen)
    client.get(detail(filed))
    with django_assert_max_num_queries(14):
        response = client.get(detail(filed))
    html = response.content.decode()
    assert response.status_code == 200 and 'class="card case-history"' in html and "case-deadlines" in html
    assert 'name="action" value="answer"' not in html and "officer@example.ma" not in html


def test_the_officer_extends_then_answers_through_the_page(client, filed, today, officer, citizen):
    login(client, officer)
    html = client.get(detail(filed, "fr")).content.decode()
    assert 'value="extend"' in html and 'value="answer"' in html and 'value="refuse"' in html
    response = client.post(detail(filed, "fr"), {"action": "extend", "reasons": "Documents aux archives"})
    assert response.status_code == 302
    filed.case.refresh_from_db()
    assert filed.case.status == Status.EXTENDED
    again = client.post(detail(filed, "fr"), {"action": "extend", "reasons": "Encore"})
    assert again.status_code == 400 and "déjà été prolongé" in again.content.decode()
    refused = client.post(detail(filed, "fr"), {"action": "refuse", "reason": "", "explanation": ""})
    assert refused.status_code == 400
    response = client.post(detail(filed, "fr"), {"action": "answer", "text": "Voici le procès-verbal."})
    assert response.status_code == 302
    filed.case.refresh_from_db()
    assert filed.case.status == Status.ANSWERED
    login(client, citizen)
    html = client.get(detail(filed, "fr")).content.decode()
    assert "Voici le procès-verbal." in html and 'value="complain"' in html


def test_an_extension_after_the_deadline_is_refused_on_the_page(client, filed, today, officer):
    today(datetime.date(2026, 12, 3))
    login(client, officer)
    assert 'value="extend"' not in client.get(detail(filed, "fr")).content.decode()
    response = client.post(detail(filed, "fr"), {"action": "extend", "reasons": "Trop tard"})
    assert response.status_code == 400 and "ne peut plus être prolongé" in response.content.decode()


def test_a_focal_point_cannot_answer_in_place_of_the_officer(client, filed, focal_point):
    login(client, focal_point)
    html = client.get(detail(filed)).content.decode()
    assert 'value="answer"' not in html and 'value="assign"' in html
    assert client.post(detail(filed), {"action": "answer", "text": "Non"}).status_code == 403
    filed.case.refresh_from_db()
    assert filed.case.status == Status.RECEIVED


def test_unknown_action_is_404(client, filed, officer):
    login(client, officer)
    assert client.post(detail(filed), {"action": "delete"}).status_code == 404


def test_recording_a_paper_request(client, today, commune, focal_point, citizen):
    login(client, citizen)
    assert client.get(url("record", slug=commune.slug)).status_code == 403
    login(client, focal_point)
    response = client.post(
        url("record", slug=commune.slug),
        {
            "received_on": "2026-10-20",
            "channel": "paper",
            "requester_name": "فاطمة الزهراء",
            "requester_contact": "0600000000",
            "requester_kind": "citizen",
            **{k: v for k, v in VALUES.items() if k != "requester_kind"},
        },
    )
    assert response.status_code == 302
    request = InformationRequest.objects.get()
    assert request.case.received_on == datetime.date(2026, 10, 20) and request.channel == "paper"


def test_register_and_csv_for_staff_only(
    client, filed, today, commune, focal_point, citizen, other_focal_point, django_assert_max_num_queries
):
    services.record_request(
        focal_point,
        commune,
        received_on=MONDAY,
        channel="email",
        requester_name="Karim",
        requester_contact="karim@example.ma",
        **VALUES,
    )
    for person in (citizen, other_focal_point):
        login(client, person)
        assert client.get(url("register", slug=commune.slug)).status_code == 403
        assert client.get(url("register_csv", slug=commune.slug)).status_code == 403
    login(client, focal_point)
    client.get(url("register", slug=commune.slug))
    with django_assert_max_num_queries(12):
        response = client.get(url("register", slug=commune.slug))
    html = response.content.decode()
    assert response.status_code == 200 and "INF-2026-00001" in html and "INF-2026-00002" in html
    assert "INF-2026-00002" not in client.get(url("register", slug=commune.slug) + "?status=answered").content.decode()
    with django_assert_max_num_queries(8):
        csv = b"".join(client.get(url("register_csv", slug=commune.slug)).streaming_content).decode("utf-8-sig")
    lines = csv.strip().splitlines()
    assert lines[0].startswith("number,received_on,channel,requester") and len(lines) == 3
    assert "Karim" in csv and "karim@example.ma" not in csv and REQUESTER in csv


def test_complaint_and_answer_through_the_page(client, filed, today, officer, citizen, focal_point):
    services.answer(officer, filed, text="Voici.")
    login(client, citizen)
    response = client.post(detail(filed, "fr"), {"action": "complain", "text": "Réponse incomplète."})
    assert response.status_code == 302
    login(client, focal_point)
    html = client.get(detail(filed, "fr")).content.decode()
    assert 'value="answer_complaint"' in html
    response = client.post(
        detail(filed, "fr"), {"action": "answer_complaint", "outcome": "rejected", "answer": "Réponse complète."}
    )
    assert response.status_code == 302
    login(client, citizen)
    html = client.get(detail(filed, "fr")).content.decode()
    assert "Réponse complète." in html and url("cdai", "fr", slug="ben-guerir", pk=filed.pk, lang="ar") in html


def test_my_requests(client, filed, today, commune, citizen, other_citizen, django_assert_max_num_queries):
    for _n in range(3):
        services.file_request(citizen, commune, **VALUES)
    login(client, citizen)
    client.get(url("mine"))
    with django_assert_max_num_queries(10):
        html = client.get(url("mine", "fr")).content.decode()
    assert filed.case.number in html and "INF-2026-00004" in html and "2 décembre 2026" in html
    today(datetime.date(2026, 12, 3))
    assert "en retard" in client.get(url("mine", "fr")).content.decode()
    login(client, other_citizen)
    assert filed.case.number not in client.get(url("mine")).content.decode()


def test_answer_document_for_requester_only(client, filed, officer, citizen, other_citizen):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    services.answer(officer, filed, text="Voir le document.", document=pdf)
    address = url("answer_document", slug="ben-guerir", pk=filed.pk)
    login(client, citizen)
    response = client.get(address)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    login(client, other_citizen)
    assert client.get(address).status_code == 404


def test_disclosure_pages(client, today, commune, focal_point, citizen, django_assert_max_num_queries):
    for n, category in enumerate(("budget", "deliberations", "programmes"), start=1):
        disclosure.publish_document(
            focal_point,
            commune,
            title=f"وثيقة {n}",
            category=category,
            published_on=MONDAY,
            link=f"https://example.ma/{n}",
        )
    with django_assert_max_num_queries(6):
        response = client.get(url("disclosures", slug=commune.slug) + "?category=budget")
    html = response.content.decode()
    assert "وثيقة 1" in html and "وثيقة 2" not in html
    assert "وثيقة 3" in client.get(url("disclosures", slug=commune.slug) + "?q=وثيقه 3").content.decode()
    login(client, citizen)
    assert client.get(url("disclosure_new", slug=commune.slug)).status_code == 403
    login(client, focal_point)
    response = client.post(
        url("disclosure_new", slug=commune.slug),
        {"title": "Budget", "category": "budget", "published_on": "2026-11-01", "link": "javascript:alert(1)"},
    )
    assert response.status_code == 400
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        url("disclosure_new", slug=commune.slug),
        {
            "title": "Compte administratif",
            "category": "budget",
            "published_on": "2026-11-01",
            "file": SimpleUploadedFile("ca.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "Compte administratif" in page.content.decode()
    file_url = url("disclosure_file", slug=commune.slug, pk=int(response["Location"].rstrip("/").rsplit("/", 1)[-1]))
    client.logout()
    assert b"".join(client.get(file_url).streaming_content).startswith(b"%PDF")


def test_the_admin_only_looks(client, filed, officer, django_user_model):
    services.answer(officer, filed, text="Voici.")
    admin = django_user_model.objects.create_superuser(email="root@example.ma", password=PASSWORD)
    client.force_login(admin)
    for model in ("informationrequest", "complaint", "disclosuredocument"):
        assert client.get(f"/fr/admin/information/{model}/").status_code == 200
    assert client.get(f"/fr/admin/information/informationrequest/{filed.pk}/change/").status_code == 200
    assert client.get("/fr/admin/information/disclosuredocument/add/").status_code == 403
