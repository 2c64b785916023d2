"""At the same moment on PostgreSQL: reminder runs that overlap remind each late ticket once, and a close and a
reply arriving together leave the ticket consistent (its row is locked): either the reply came first and the
ticket is closed after it, or the close came first and the reply is refused."""

import datetime
import os
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from remacto.notifications.models import Notification
from remacto.support import reminders, services
from remacto.support.models import Status, Ticket

from ..threads import at_once

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("DATABASE_URL"), reason="PostgreSQL only: DATABASE_URL is not set"),
]

LATE = datetime.datetime(2026, 11, 6, 9, tzinfo=ZoneInfo("Africa/Casablanca"))


def test_overlapping_reminder_runs_remind_once(ticket, network_admin):
    results, errors = at_once(4, lambda n: reminders.send_reminders(now=LATE))
    assert not errors, errors
    assert sum(results) == 1
    assert Notification.objects.filter(kind=reminders.KIND).count() == 1


def test_close_and_reply_together(ticket, focal_point, network_admin):
    calls = [
        lambda: services.change_status(focal_point, ticket, Status.CLOSED),
        lambda: services.reply(network_admin, ticket, body="Réponse."),
    ]
    results, errors = at_once(2, lambda n: calls[n]())
    assert all(isinstance(e, ValidationError) for e in errors), errors
    final = Ticket.objects.get(pk=ticket.pk)
    replies = final.messages.filter(from_network=True).count()
    assert final.status == Status.CLOSED and replies == len(results) - 1
