"""Pages of the support desk: the tickets list per role (with filters, pagination and a query cap), opening a
ticket (and bad input through the form), the thread as each side sees it, replies, status, attachments, the
CSV, the targets page, turning an answer into a FAQ entry, and the public FAQ in every language."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from remacto.support import services
from remacto.support.models import FaqEntry, Status, Ticket

from ..conftest import PASSWORD
from .conftest import VALUES

pytestmark = pytest.mark.django_db


def url(name: str, language: str = "ar", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"support:{name}", kwargs=kwargs)


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)
    return client


def test_the_desk_lists_the_members_own_tickets(
    client, ticket, other_focal_point, other_commune, focal_point, django_assert_max_num_queries
):
    theirs = services.open_ticket(other_focal_point, other_commune, **{**VALUES, "subject": "سؤال زاكورة"})
    login(client, focal_point)
    with django_assert_max_num_queries(12):
        html = client.get(url("desk")).content.decode()
    assert ticket.subject in html and theirs.subject not in html
    assert url("desk_csv") not in html
    assert client.get(url("ticket", pk=theirs.pk)).status_code == 404


def test_network_admins_filter_every_ticket(client, ticket, network_admin, today, django_assert_max_num_queries):
    for n in range(25):
        Ticket.objects.create(
            collectivity=ticket.collectivity, category="legal", subject=f"T{n}", due=datetime.date(2026, 12, 1)
        )
    today(datetime.date(2026, 11, 5))
    login(client, network_admin)
    with django_assert_max_num_queries(12):
        html = client.get(url("desk")).content.decode()
    assert url("desk_csv") in html and 'rel="next"' in html
    late = client.get(url("desk"), {"late": "on"}).content.decode()
    assert ticket.subject in late and "T3<" not in late
    by_category = client.get(url("desk"), {"category": "legal", "status": "open", "member": "ben-guerir"})
    assert ticket.subject not in by_category.content.decode()
    assert client.get(url("desk"), {"category": "<script>", "page": "abc"}).status_code == 200


def test_the_desk_is_for_staff_only(client, citizen):
    assert client.get(url("desk")).status_code == 302
    login(client, citizen)
    assert client.get(url("desk")).status_code == 403
    assert client.get(url("new")).status_code == 403


def test_a_focal_point_opens_a_ticket_with_an_attachment(client, focal_point, commune, network_admin, today):
    login(client, focal_point)
    doc = SimpleUploadedFile("note.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client.post(url("new"), {**VALUES, "collectivity": commune.pk, "files": [doc]})
    created = Ticket.objects.get()
    assert response.status_code == 302 and response["Location"] == created.get_absolute_url()
    attachment = created.messages.get().attachments.get()
    assert client.get(url("attachment", pk=attachment.pk)).status_code == 200
    client.logout()
    login(client, network_admin)
    assert client.get(url("attachment", pk=attachment.pk)).status_code == 200


def test_the_form_refuses_bad_input_in_the_users_language(client, focal_point, commune, other_commune, today):
    login(client, focal_point)
    bad_file = SimpleUploadedFile("x.pdf", b"GIF89a", content_type="application/pdf")
    response = client.post(url("new", "fr"), {**VALUES, "collectivity": commune.pk, "files": [bad_file]})
    assert response.status_code == 400 and "PDF" in response.content.decode()
    response = client.post(url("new", "fr"), {**VALUES, "collectivity": other_commune.pk})
    assert response.status_code == 400
    response = client.post(url("new", "fr"), {**VALUES, "collectivity": commune.pk, "subject": "a\x00b"})
    assert response.status_code == 400
    response = client.post(url("new", "fr"), {**VALUES, "collectivity": commune.pk, "message": "x" * 9000})
    assert response.status_code == 400
    assert not Ticket.objects.exists()


def test_the_thread_hides_internal_notes_from_the_member(
    client, ticket, network_admin, focal_point, django_assert_max_num_queries
):
    services.add_note(network_admin, ticket, body="ملاحظة داخلية سرية")
    services.reply(network_admin, ticket, body="الجواب الأول")
    login(client, focal_point)
    with django_assert_max_num_queries(14):
        html = client.get(url("ticket", pk=ticket.pk)).content.decode()
    assert "الجواب الأول" in html and "ملاحظة داخلية سرية" not in html
    assert url("faq_new", pk=ticket.pk) not in html
    client.logout()
    login(client, network_admin)
    html = client.get(url("ticket", pk=ticket.pk)).content.decode()
    assert "ملاحظة داخلية سرية" in html and url("faq_new", pk=ticket.pk) in html


def test_replies_and_status_through_the_page(client, ticket, network_admin, focal_point):
    login(client, network_admin)
    response = client.post(url("ticket", pk=ticket.pk), {"action": "reply", "kind": "waiting", "body": "أي محور؟"})
    assert response.status_code == 302
    assert Ticket.objects.get(pk=ticket.pk).status == Status.WAITING
    client.post(url("ticket", pk=ticket.pk), {"action": "reply", "kind": "note", "body": "note"})
    assert ticket.messages.filter(is_internal=True).count() == 1
    client.logout()
    login(client, focal_point)
    assert client.post(url("ticket", pk=ticket.pk), {"action": "reply", "body": ""}).status_code == 400
    client.post(url("ticket", pk=ticket.pk), {"action": "reply", "body": "المحور الثاني"})
    assert Ticket.objects.get(pk=ticket.pk).status == Status.OPEN
    assert client.post(url("ticket", pk=ticket.pk), {"action": "status", "status": "answered"}).status_code == 400
    client.post(url("ticket", pk=ticket.pk), {"action": "status", "status": "closed"})
    assert Ticket.objects.get(pk=ticket.pk).status == Status.CLOSED


def test_the_csv_export_is_for_network_admins(client, ticket, network_admin, focal_point):
    login(client, focal_point)
    assert client.get(url("desk_csv")).status_code == 403
    client.logout()
    login(client, network_admin)
    response = client.get(url("desk_csv"))
    body = b"".join(response.streaming_content).decode()
    assert response["Content-Type"].startswith("text/csv")
    assert ticket.subject in body and VALUES["message"] not in body and "ben-guerir" in body


def test_targets_page(client, network_admin, focal_point):
    login(client, focal_point)
    assert client.get(url("targets")).status_code == 403
    client.logout()
    login(client, network_admin)
    assert client.post(url("targets"), {"category": "legal", "working_days": "9"}).status_code == 302
    assert "9" in client.get(url("targets")).content.decode()


def test_an_answer_becomes_a_public_faq_entry(client, ticket, network_admin, focal_point):
    services.reply(network_admin, ticket, body="ابدأوا بالتشخيص التشاركي.")
    login(client, focal_point)
    assert client.get(url("faq_new", pk=ticket.pk)).status_code == 403
    client.logout()
    login(client, network_admin)
    form = client.get(url("faq_new", pk=ticket.pk)).content.decode()
    assert "ابدأوا بالتشخيص التشاركي." in form
    response = client.post(
        url("faq_new", pk=ticket.pk),
        {"category": "methodology", "question": "كيف نرتب المحاور؟", "answer": "ابدأوا بالتشخيص التشاركي."},
    )
    entry = FaqEntry.objects.get()
    assert response.status_code == 302 and entry.source == ticket


@pytest.mark.parametrize("language", ["ar", "fr", "zgh", "en"])
def test_the_public_faq_in_every_language(client, network_admin, language, django_assert_max_num_queries):
    for n in range(22):
        services.publish_faq(network_admin, category="platform", question=f"سؤال {n}", answer="جواب")
    client.logout()
    with django_assert_max_num_queries(6):
        response = client.get(url("faq", language))
    html = response.content.decode()
    assert response.status_code == 200 and 'rel="next"' in html and f'lang="{language}"' in html
    entry = FaqEntry.objects.first()
    assert client.get(url("faq_entry", language, pk=entry.pk)).status_code == 200
    assert "سؤال 3<" in client.get(url("faq", language), {"q": "سوال 3"}).content.decode()


def test_the_footer_links_the_faq(client, reference):
    assert url("faq") in client.get(reverse("territories:directory")).content.decode()


def test_the_profile_and_the_member_space_link_the_desk(client, focal_point, commune):
    login(client, focal_point)
    assert url("desk") in client.get(reverse("accounts:profile")).content.decode()
    assert url("desk") in client.get(reverse("territories:space", kwargs={"slug": commune.slug})).content.decode()


def test_too_many_tickets_answer_429(client, focal_point, commune, today, settings):
    settings.PARTICIPATION_LIMITS = {**settings.PARTICIPATION_LIMITS, "support_tickets": [(1, 60 * 60)]}
    login(client, focal_point)
    assert client.post(url("new"), {**VALUES, "collectivity": commune.pk}).status_code == 302
    response = client.post(url("new"), {**VALUES, "collectivity": commune.pk})
    assert response.status_code == 429 and response["Retry-After"]
    assert Ticket.objects.count() == 1


def test_typed_text_is_isolated(client, focal_point, commune, today):
    services.open_ticket(focal_point, commune, **{**VALUES, "subject": "Budget 2026 ميزانية"})
    login(client, focal_point)
    html = client.get(url("desk")).content.decode()
    assert "<bdi>Budget 2026 ميزانية</bdi>" in html


def test_a_bad_target_is_refused_with_a_message(client, network_admin):
    login(client, network_admin)
    for bad in ("0", "abc", "999"):
        response = client.post(url("targets", "fr"), {"category": "legal", "working_days": bad})
        assert response.status_code == 400 and "Entre 1 et 60" in response.content.decode()
    assert client.post(url("targets"), {"category": "gossip", "working_days": "3"}).status_code == 400


def test_removing_a_faq_entry_from_its_page(client, network_admin, citizen):
    entry = services.publish_faq(network_admin, category="other", question="سؤال", answer="جواب")
    login(client, citizen)
    assert client.post(url("faq_remove", pk=entry.pk)).status_code == 403
    client.logout()
    login(client, network_admin)
    assert client.post(url("faq_remove", pk=entry.pk)).status_code == 302
    assert not FaqEntry.objects.exists()
