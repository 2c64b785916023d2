"""The support-desk demo: two tickets of Ben Guerir's demo focal point, one answered on time by the demo network
admin and one waiting within its target; only staff see them; loading twice adds nothing."""

import pytest

from remacto.accounts.demo import load_demo as load_accounts
from remacto.accounts.models import User
from remacto.cases import calendar
from remacto.core.models import AuditLogEntry
from remacto.support import clock, demo
from remacto.support.models import Status, Ticket, TicketMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def tickets(reference):
    load_accounts()
    return demo.load_tickets()


def test_one_answered_on_time_and_one_waiting(tickets):
    answered, waiting = tickets
    focal = User.objects.get(email="focal@demo.remacto.ma")
    assert {ticket.opened_by for ticket in tickets} == {focal}
    assert answered.status == Status.ANSWERED and answered.first_answered_on <= answered.due
    assert [m.from_network for m in answered.messages.order_by("created_at")] == [False, True]
    assert answered.messages.get(from_network=True).author.email == "admin@demo.remacto.ma"
    assert AuditLogEntry.objects.filter(action="support.reply", object_id=str(answered.pk)).exists()
    assert waiting.status == Status.OPEN and waiting.first_answered_on is None
    assert waiting.opened_at.date() < calendar.today() <= waiting.due
    today = calendar.today()
    assert not clock.is_late(answered, today) and not clock.is_late(waiting, today)


def test_loading_again_changes_nothing(tickets):
    before = (Ticket.objects.count(), TicketMessage.objects.count())
    assert demo.load_tickets() == tickets
    assert (Ticket.objects.count(), TicketMessage.objects.count()) == before


def test_the_focal_point_sees_the_tickets_and_a_visitor_does_not(client, tickets):
    assert client.get("/ar/support/").status_code == 302
    assert client.get(f"/ar/support/tickets/{tickets[0].pk}/").status_code == 302
    client.force_login(User.objects.get(email="focal@demo.remacto.ma"))
    listing = client.get("/ar/support/").content.decode()
    assert all(ticket.subject in listing for ticket in tickets)
    client.force_login(User.objects.get(email="citizen@demo.remacto.ma"))
    assert client.get(f"/ar/support/tickets/{tickets[0].pk}/").status_code == 404
