"""The support desk's services: opening, replying on both sides, notes, status moves, targets, FAQ entries."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from remacto.core.models import AuditLogEntry
from remacto.notifications.models import Notification
from remacto.participation import limits
from remacto.support import clock, selectors, services
from remacto.support.models import FaqEntry, ResponseTarget, Status, Ticket, TicketMessage

from .conftest import VALUES, WEDNESDAY

pytestmark = pytest.mark.django_db


def test_a_ticket_is_due_two_working_days_after_it_is_opened(ticket, network_admin):
    assert ticket.status == Status.OPEN and ticket.due == WEDNESDAY
    assert ticket.messages.get().body == VALUES["message"]
    note = Notification.objects.get(recipient=network_admin)
    assert note.kind == "support.ticket" and note.url.endswith(f"/support/tickets/{ticket.pk}/")


def test_the_target_skips_weekends_and_moroccan_holidays(today, commune, focal_point, network_admin):
    today(datetime.date(2026, 11, 5))  # Thursday; 6 November (Green March) is a holiday
    services.set_target(network_admin, "legal", 3)
    created = services.open_ticket(focal_point, commune, **{**VALUES, "category": "legal"})
    assert created.due == datetime.date(2026, 11, 11)


def test_the_network_answer_dates_the_first_answer_and_notifies_the_member(ticket, network_admin, focal_point, today):
    today(datetime.date(2026, 11, 3))
    services.reply(network_admin, ticket, body="Voici la méthode.")
    ticket.refresh_from_db()
    assert ticket.status == Status.ANSWERED and ticket.first_answered_on == datetime.date(2026, 11, 3)
    assert not clock.is_late(ticket, datetime.date(2026, 12, 1))
    assert Notification.objects.filter(recipient=focal_point, kind="support.ticket").exists()
    assert AuditLogEntry.objects.filter(action="support.reply").exists()


def test_a_late_answer_stays_late(ticket, network_admin, today):
    assert not clock.is_late(ticket, WEDNESDAY) and clock.is_late(ticket, datetime.date(2026, 11, 5))
    today(datetime.date(2026, 11, 9))
    services.reply(network_admin, ticket, body="Pardon du retard.")
    ticket.refresh_from_db()
    assert clock.is_late(ticket, datetime.date(2026, 11, 9))
    assert list(Ticket.objects.filter(clock.late_filter(datetime.date(2026, 11, 9)))) == [ticket]


def test_the_member_reply_reopens_and_asking_the_member_waits(ticket, network_admin, focal_point):
    services.reply(network_admin, ticket, body="Quel axe ?", status="waiting")
    assert Ticket.objects.get(pk=ticket.pk).status == Status.WAITING
    services.reply(focal_point, ticket, body="L'axe 2.")
    assert Ticket.objects.get(pk=ticket.pk).status == Status.OPEN
    assert Notification.objects.filter(recipient=network_admin, message=services.MEMBER_REPLIED).exists()


def test_internal_notes_are_for_the_network_team_only(ticket, network_admin, focal_point):
    services.add_note(network_admin, ticket, body="Voir avec l'équipe juridique.")
    assert len(selectors.thread(ticket, network_admin)) == 2
    assert [m.is_internal for m in selectors.thread(ticket, focal_point)] == [False]
    with pytest.raises(PermissionDenied):
        services.add_note(focal_point, ticket, body="note")


def test_status_moves_are_checked(ticket, network_admin, focal_point):
    with pytest.raises(ValidationError):
        services.change_status(focal_point, ticket, Status.ANSWERED)
    services.change_status(focal_point, ticket, Status.CLOSED)
    with pytest.raises(ValidationError):
        services.reply(focal_point, ticket, body="encore")
    with pytest.raises(ValidationError):
        services.change_status(network_admin, ticket, Status.WAITING)
    services.change_status(focal_point, ticket, Status.OPEN)
    assert Ticket.objects.get(pk=ticket.pk).status == Status.OPEN
    with pytest.raises(ValidationError):
        services.change_status(network_admin, ticket, "bogus")


def test_a_network_reply_takes_only_an_answer_or_a_question(ticket, network_admin):
    with pytest.raises(ValidationError) as error:
        services.reply(network_admin, ticket, body="x", status=Status.CLOSED)
    assert "status" in error.value.message_dict
    assert ticket.messages.count() == 1


def test_targets_are_rule_data_network_admins_edit(network_admin, focal_point):
    assert ResponseTarget.objects.get(category="platform").working_days == 2
    services.set_target(network_admin, "platform", 4)
    assert clock.target_days("platform") == 4
    for bad in (0, 61, "abc", None):
        with pytest.raises(ValidationError):
            services.set_target(network_admin, "platform", bad)
    with pytest.raises(PermissionDenied):
        services.set_target(focal_point, "platform", 3)
    assert clock.target_days("platform") == 4


def test_an_answer_becomes_a_faq_entry_without_identity(ticket, network_admin, commune):
    services.reply(network_admin, ticket, body="Commencez par le diagnostic.")
    with pytest.raises(ValidationError) as error:
        services.publish_faq(
            network_admin,
            source=ticket,
            category="methodology",
            question=f"Comment {commune.name_fr} ordonne ses axes ?",
            answer="Commencez par le diagnostic.",
        )
    assert "question" in error.value.message_dict
    entry = services.publish_faq(
        network_admin,
        source=ticket,
        category="methodology",
        question="كيف نرتب محاور البرنامج؟",
        answer="Commencez par le diagnostic.",
    )
    assert list(selectors.faq(q="كيف")) == [entry]
    assert list(selectors.faq(q="محاور", category="legal")) == []
    services.remove_faq(network_admin, entry)
    assert not FaqEntry.objects.exists()


def test_faq_search_folds_arabic_spellings(network_admin):
    entry = services.publish_faq(network_admin, category="platform", question="إضافة مشروع", answer="...")
    assert list(selectors.faq(q="اضافه")) == [entry]


@pytest.mark.parametrize(
    "change, field",
    [
        ({"subject": "bad\x00subject"}, "subject"),
        ({"message": "bad\x00"}, "message"),
        ({"subject": "x" * 201}, "subject"),
        ({"message": "x" * 8001}, "message"),
        ({"subject": "   "}, "subject"),
        ({"category": "gossip"}, "category"),
    ],
)
def test_bad_input_saves_nothing(today, commune, focal_point, change, field):
    with pytest.raises(ValidationError) as error:
        services.open_ticket(focal_point, commune, **{**VALUES, **change})
    assert field in error.value.message_dict
    assert not Ticket.objects.exists() and not TicketMessage.objects.exists()


def test_a_ticket_on_another_members_behalf_is_refused(today, other_commune, focal_point):
    with pytest.raises(PermissionDenied):
        services.open_ticket(focal_point, other_commune, **VALUES)
    assert not Ticket.objects.exists()


def test_a_collectivity_outside_the_network_is_refused(today, commune, focal_point):
    from remacto.accounts.models import Role
    from remacto.territories.models import Collectivity

    outside = Collectivity.objects.create(
        kind=Collectivity.Kind.COMMUNE,
        slug="sidi-outside",
        name="سيدي الخارج",
        region=commune.region,
        province=commune.province,
    )
    Role.objects.create(user=focal_point, kind=Role.Kind.FOCAL_POINT, collectivity=outside)
    focal_point.__dict__.pop("_remacto_role_keys", None)
    with pytest.raises(ValidationError):
        services.open_ticket(focal_point, outside, **VALUES)
    assert not Ticket.objects.exists()


def test_a_bad_attachment_saves_nothing(today, commune, focal_point):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        services.open_ticket(focal_point, commune, files=[fake], **VALUES)
    assert "attachments" in error.value.message_dict
    assert not Ticket.objects.exists()
    too_many = [SimpleUploadedFile(f"{i}.pdf", b"%PDF-1.4\n") for i in range(6)]
    with pytest.raises(ValidationError):
        services.open_ticket(focal_point, commune, files=too_many, **VALUES)
    assert not Ticket.objects.exists()


def test_a_pdf_attachment_is_kept(today, commune, focal_point):
    from django.core.files.uploadedfile import SimpleUploadedFile

    doc = SimpleUploadedFile("deliberation.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    created = services.open_ticket(focal_point, commune, files=[doc], **VALUES)
    assert [a.name for a in selectors.thread(created, focal_point)[0].attachments.all()] == ["deliberation.pdf"]


def test_opening_tickets_is_rate_limited(today, commune, focal_point, settings):
    settings.PARTICIPATION_LIMITS = {**settings.PARTICIPATION_LIMITS, "support_tickets": [(2, 60 * 60)]}
    for _n in range(2):
        services.open_ticket(focal_point, commune, **VALUES)
    with pytest.raises(ValidationError) as error:
        services.open_ticket(focal_point, commune, **VALUES)
    assert limits.retry_after(error.value)
    assert Ticket.objects.count() == 2


def test_the_demo_faq_loads_once(db):
    from remacto.support import demo

    first = demo.load_demo()
    assert demo.load_demo() == first and FaqEntry.objects.count() == len(demo.SAMPLES)
    assert all(entry.is_sample for entry in first)
    assert list(selectors.faq(q="الاستعجال")) == [first[2]]


def test_a_persons_tickets_are_in_their_data_and_stay_when_they_leave(ticket, focal_point):
    from remacto.accounts import privacy

    from ..conftest import PASSWORD

    data = privacy.export_data(focal_point, focal_point)
    assert data["support_tickets"][0]["subject"] == VALUES["subject"]
    assert data["support_messages"][0]["body"] == VALUES["message"]
    privacy.delete_account(focal_point, focal_point, password=PASSWORD)
    kept = Ticket.objects.get(pk=ticket.pk)
    assert kept.opened_by is None and kept.messages.get().author is None
