"""The CSV of support tickets for network admins: one row per ticket, no message text and no attachment."""

import datetime
from collections.abc import Iterable, Iterator

from . import clock
from .models import Ticket

COLUMNS = ["number", "member", "category", "subject", "status", "opened_on", "due", "first_answered_on", "late"]


def rows(tickets: Iterable[Ticket], today: datetime.date) -> Iterator[dict]:
    for ticket in tickets:
        yield {
            "number": ticket.pk,
            "member": ticket.collectivity.slug,
            "category": ticket.category,
            "subject": ticket.subject,
            "status": ticket.status,
            "opened_on": ticket.opened_at.date().isoformat(),
            "due": ticket.due.isoformat(),
            "first_answered_on": ticket.first_answered_on.isoformat() if ticket.first_answered_on else "",
            "late": "yes" if clock.is_late(ticket, today) else "no",
        }
