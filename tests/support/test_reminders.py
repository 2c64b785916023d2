"""The reminder of late tickets to network admins, with a frozen clock: none before the due date has passed, one
per late ticket, never twice, none for answered or closed tickets."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from remacto.notifications.models import Notification
from remacto.notifications.services import render_email
from remacto.support import reminders, services, tasks
from remacto.support.models import Ticket

from ..conftest import make_user
from .conftest import VALUES

pytestmark = pytest.mark.django_db

MOROCCO = ZoneInfo("Africa/Casablanca")


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(9), tzinfo=MOROCCO)


def _late_notes():
    return Notification.objects.filter(kind=reminders.KIND)


def test_a_late_ticket_is_reminded_once(ticket, network_admin):
    assert reminders.send_reminders(now=_at(datetime.date(2026, 11, 4))) == 0
    assert reminders.send_reminders(now=_at(datetime.date(2026, 11, 5))) == 1
    assert reminders.send_reminders(now=_at(datetime.date(2026, 11, 9))) == 0
    note = _late_notes().get()
    assert note.recipient == network_admin and note.url.endswith(f"/support/tickets/{ticket.pk}/")
    assert Ticket.objects.get(pk=ticket.pk).reminded_at is not None


def test_answered_and_closed_tickets_are_not_reminded(ticket, network_admin, focal_point, commune, today):
    services.reply(network_admin, ticket, body="Réponse.")
    other = services.open_ticket(focal_point, commune, **VALUES)
    services.change_status(focal_point, other, "closed")
    assert reminders.send_reminders(now=_at(datetime.date(2026, 11, 20))) == 0
    assert not _late_notes().exists()


def test_the_reminder_reaches_each_admin_in_their_language(ticket, network_admin):
    french = make_user("admin-fr@example.ma", "Admin FR", preferred_language="fr")
    from remacto.accounts.models import Role

    Role.objects.create(user=french, kind=Role.Kind.NETWORK_ADMIN)
    reminders.send_reminders(now=_at(datetime.date(2026, 11, 5)))
    note = _late_notes().get(recipient=french)
    assert note.url.startswith("/fr/")
    _subject, text, _html = render_email(note)
    assert f"n° {ticket.pk}" in text and "attend une réponse" in text and "Ben Guerir" in text
    with translation.override("ar"):
        assert _late_notes().get(recipient=network_admin).url.startswith("/ar/")


def test_the_beat_task_runs_the_reminder(ticket, network_admin, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: _at(datetime.date(2026, 11, 5)))
    assert tasks.remind_late_tickets.delay().get() == 1
