"""An access-to-information request in a real browser, in French at 360 px: a citizen asks the commune for the
minutes of a council session from its space, the information officer extends the deadline (with reasons the
citizen reads) and then answers, the citizen reads the answer and complains to the head of the collectivity; and
in Arabic, a focal point publishes a document that anyone then finds in the filtered list and opens.
Every step passes axe-core (no serious or critical violation); screenshots go to test-artifacts/ (the request
page also in Arabic)."""

import re

import pytest

from remacto.accounts.models import Role
from remacto.information.models import InformationRequest, Status
from remacto.notifications.models import Notification

from ..conftest import make_user
from . import steps
from .steps import no_horizontal_scroll
from .test_pages_journey import _serious

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, email: str) -> None:
    steps.sign_in(page, live_server, email, language="fr")


def shot(page, artifacts, name: str, direction: str = "ltr") -> None:
    no_horizontal_scroll(page)
    assert page.locator("html").get_attribute("dir") == direction
    language = "ar" if direction == "rtl" else "fr"
    assert not _serious(page), f"axe-core on {page.url}: {_serious(page)}"
    page.screenshot(path=str(artifacts / f"information-journey-{name}-{language}.png"), full_page=True)


def test_request_extension_answer_and_complaint_in_french(live_server, page, artifacts, commune, citizen):
    officer = make_user("officer@example.ma", "Samira, chargée de l’information", preferred_language="fr")
    Role.objects.create(user=officer, kind=Role.Kind.INFORMATION_OFFICER, collectivity=commune)
    citizen.preferred_language = "fr"
    citizen.save()

    # a. The citizen finds "Demander une information" on the commune's space and files the request.
    sign_in(page, live_server, citizen.email)
    page.goto(f"{live_server.url}/fr/members/{commune.slug}/")
    page.locator(f"a[href='/fr/members/{commune.slug}/information/request/']").click()
    page.wait_for_url(re.compile(r"/information/request/$"))
    page.fill("input[name=subject]", "Procès-verbal de la session du conseil de mars 2026")
    page.fill("textarea[name=details]", "Avec la liste des présents et les résultats des votes.")
    page.check("input[name=requester_kind][value=citizen]")
    shot(page, artifacts, "1-request-form")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/information/requests/\d+/$"))
    request = InformationRequest.objects.get()
    assert request.officer == officer and request.case.status == Status.RECEIVED
    assert page.locator("h1").inner_text().replace("\u2068", "").replace("\u2069", "").endswith(request.case.number)
    assert page.locator(".case-deadlines li[data-kind=answer]").count() == 1
    shot(page, artifacts, "2-request-received")

    # b. The officer, told of the new request, extends the deadline with reasons.
    assert Notification.objects.filter(recipient=officer, kind="information.new").exists()
    sign_in(page, live_server, officer.email)
    page.goto(live_server.url + Notification.objects.get(recipient=officer).url)
    page.fill(".action-extend textarea[name=reasons]", "Le procès-verbal est aux archives et doit être numérisé.")
    page.locator(".action-extend button[type=submit]").click()
    page.locator(".messages .message.success").wait_for()
    request.case.refresh_from_db()
    assert request.case.status == Status.EXTENDED
    assert page.locator(".action-extend").count() == 0  # one extension only
    shot(page, artifacts, "3-extended")

    # c. Then answers.
    page.fill(".action-answer textarea[name=text]", "Le procès-verbal est consultable au siège ; en voici le résumé.")
    page.locator(".action-answer button[type=submit]").click()
    page.locator(".messages .message.success").wait_for()
    request.case.refresh_from_db()
    assert request.case.status == Status.ANSWERED and request.case.answered_on is not None
    shot(page, artifacts, "4-answered")

    # d. The requester reads the reasons of the extension and the answer, and complains to the head.
    sign_in(page, live_server, citizen.email)
    page.goto(f"{live_server.url}/fr/information/mine/")
    page.locator(f"a[href='{request.get_absolute_url().replace('/ar/', '/fr/')}']").click()
    assert "aux archives" in page.locator("main").inner_text()
    assert "en voici le résumé" in page.locator("#answer").inner_text()
    history = page.locator(".case-history li")
    assert history.count() == 3  # received, extended, answered
    page.fill(".action-complain textarea[name=text]", "Je demande le procès-verbal complet, pas un résumé.")
    shot(page, artifacts, "5-complaint-form")
    page.locator(".action-complain button[type=submit]").click()
    page.locator(".messages .message.success").wait_for()
    request.case.refresh_from_db()
    assert request.case.status == Status.COMPLAINT
    assert page.locator(".case-deadlines li[data-kind=complaint]").count() == 1
    shot(page, artifacts, "6-complaint-lodged")

    # e. The same page in Arabic, right to left.
    page.goto(live_server.url + request.get_absolute_url())
    assert page.locator("html").get_attribute("lang") == "ar"
    shot(page, artifacts, "7-request", direction="rtl")


def test_a_focal_point_publishes_a_document_found_in_the_public_list(
    live_server, page, artifacts, tmp_path, commune, focal_point
):
    document = tmp_path / "budget-2026.pdf"
    document.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    sign_in(page, live_server, focal_point.email)
    page.goto(f"{live_server.url}/ar/members/{commune.slug}/information/documents/new/")
    page.fill("input[name=title]", "الميزانية المصادق عليها لسنة 2026")
    page.select_option("select[name=category]", "budget")
    page.fill("input[name=published_on]", "2026-11-02")
    page.set_input_files("input[name=file]", str(document))
    page.fill("textarea[name=description]", "ميزانية التسيير والتجهيز كما صادق عليها المجلس في دورة أكتوبر.")
    shot(page, artifacts, "8-document-form", direction="rtl")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/information/documents/\d+/$"))
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/ar/members/{commune.slug}/information/documents/?category=budget&q=الميزانيه")
    link = page.locator("ul.disclosures a", has_text="الميزانية المصادق عليها")
    assert link.count() == 1
    shot(page, artifacts, "9-documents", direction="rtl")
    link.click()
    file_link = page.locator("main a.button")
    response = page.request.get(live_server.url + file_link.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF")
