"""On time or late: the one definition, as a query filter (lists, exports) and for one ticket (pages, API).

A ticket is late when its first answer came after the due date, or when it still waits for one (and is not
closed) after that date. Dates are Moroccan dates (``cases.calendar``)."""

import datetime

from django.db.models import F, Q

from remacto.cases import calendar

from .models import DEFAULT_TARGET_DAYS, ResponseTarget, Status, Ticket


def late_filter(today: datetime.date) -> Q:
    waiting = Q(first_answered_on__isnull=True, due__lt=today) & ~Q(status=Status.CLOSED)
    return waiting | Q(first_answered_on__gt=F("due"))


def is_late(ticket: Ticket, today: datetime.date) -> bool:
    if ticket.first_answered_on is not None:
        return ticket.first_answered_on > ticket.due
    return ticket.status != Status.CLOSED and today > ticket.due


def target_days(category: str) -> int:
    """The working days for a first answer in ``category`` (the default when network admins set none)."""
    row = ResponseTarget.objects.filter(category=category).values_list("working_days", flat=True).first()
    return DEFAULT_TARGET_DAYS if row is None else row


def due_date(category: str, opened: datetime.date) -> datetime.date:
    return calendar.add_working_days(opened, target_days(category))
