"""The support desk in a real browser, in Arabic at 360 px: a focal point opens a ticket from their profile with a
PDF attached, a network admin told of it answers on time, turns the answer into a public FAQ entry reworded
without the member's name, and anyone finds it from the footer with a spelling variant. Every step passes axe-core
(no serious or critical violation); screenshots go to test-artifacts/."""

import re

import pytest

from remacto.notifications.models import Notification
from remacto.support.models import FaqEntry, Status, Ticket

from . import steps
from .steps import answer_ticket, open_ticket, sign_in
from .test_pages_journey import _serious

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def shot(page, artifacts, name: str) -> None:
    assert not _serious(page), f"axe-core on {page.url}: {_serious(page)}"
    steps.shot(page, artifacts, f"support-journey-{name}")


def test_a_ticket_answered_becomes_a_faq_entry(
    live_server, page, artifacts, tmp_path, commune, focal_point, network_admin
):
    document = tmp_path / "mahdar.pdf"
    document.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    # a. The focal point goes from their profile to the desk and opens a ticket with a PDF attached.
    sign_in(page, live_server, focal_point.email)
    question = "نريد معرفة الطريقة التي توصي بها الشبكة لترتيب المحاور بعد التشخيص."
    open_ticket(page, commune, "كيف نرتب محاور برنامج العمل؟", question)
    page.set_input_files("input[name=files]", str(document))
    shot(page, artifacts, "1-ticket-form")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/ar/support/tickets/\d+/$"))
    ticket = Ticket.objects.get()
    assert ticket.status == Status.OPEN and ticket.messages.get().attachments.count() == 1
    assert "mahdar.pdf" in page.locator("main").inner_text()
    shot(page, artifacts, "2-ticket-opened")

    # b. The network admin, told of it, answers.
    sign_in(page, live_server, network_admin.email)
    answer_ticket(
        page,
        live_server.url + Notification.objects.get(recipient=network_admin, kind="support.ticket").url,
        "ابدؤوا بنتائج التشخيص التشاركي ثم رتبوا المحاور حسب الأولويات.",
    )
    ticket.refresh_from_db()
    assert ticket.status == Status.ANSWERED and ticket.first_answered_on is not None
    assert page.locator(".badge.success").count() == 1  # on time
    shot(page, artifacts, "3-ticket-answered")
    page.goto(f"{live_server.url}/ar/support/?status=answered")
    assert page.locator("main li.card").count() == 1 and page.locator("main li.card .badge.success").count() == 1
    shot(page, artifacts, "3b-desk")
    page.goto(live_server.url + ticket.get_absolute_url())

    # c. The answer becomes a FAQ entry, reworded without the member.
    page.locator(f"a[href='/ar/support/tickets/{ticket.pk}/faq/']").click()
    assert "التشخيص التشاركي" in page.locator("textarea[name=answer]").input_value()
    page.fill("input[name=question]", "كيف نرتب محاور برنامج العمل بعد التشخيص؟")
    shot(page, artifacts, "4-faq-form")
    page.locator("main form.card button[type=submit]").click()
    page.wait_for_url(re.compile(r"/ar/faq/\d+/$"))
    assert FaqEntry.objects.get().source == ticket

    # d. Anyone finds it from the footer, spelling the words another way.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/ar/")
    page.locator("footer a[href='/ar/faq/']").click()
    page.fill("input[name=q]", "الاولويات")  # written without the hamza of الأولويات
    page.locator("main form[role=search] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/ar/faq/\?"))
    assert page.locator("main li.card").count() == 1
    page.locator("main li.card a").click()
    assert "الأولويات" in page.locator("main").inner_text()
    shot(page, artifacts, "5-faq-entry")
