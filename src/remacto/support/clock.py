"""On time or late: the one definition, as a query filter (lists, exports) and for one ticket (pages, API).

A ticket is late when its first answer came after the due date, or when it still waits for one (and is not
closed) after that date. Dates are Moroccan dates (``cases.calendar``). The due date is kept on the ticket and
computed again (:func:`recompute_due_dates`) when the targets or the holiday table change."""

import datetime
from collections.abc import Iterable

from django.db import transaction
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


@transaction.atomic
def recompute_due_dates(*, categories: Iterable[str] | None = None, years: Iterable[int] | None = None) -> int:
    """Recompute the due dates of the tickets still waiting for their first answer and not closed (of
    ``categories``, and opened in or due into ``years``; all when None) from their opening date and today's targets
    and holidays; how many moved. A moved ticket gets its late reminder again, for its new date. Closed and
    answered tickets keep theirs: whether they were answered on time is settled."""
    tickets = Ticket.objects.select_for_update().exclude(status=Status.CLOSED).filter(first_answered_on__isnull=True)
    if categories is not None:
        tickets = tickets.filter(category__in=list(categories))
    wanted = set(years) if years is not None else None
    targets = dict(ResponseTarget.objects.values_list("category", "working_days"))
    days = calendar.Calendar()
    moved = []
    for ticket in tickets.only("pk", "category", "opened_at", "due", "reminded_at").order_by("pk"):
        opened = calendar.local_date(ticket.opened_at)
        if wanted is not None and not wanted & set(range(opened.year, ticket.due.year + 2)):
            continue
        due = days.add_working_days(opened, targets.get(ticket.category, DEFAULT_TARGET_DAYS))
        if due != ticket.due:
            ticket.due, ticket.reminded_at = due, None
            moved.append(ticket)
    Ticket.objects.bulk_update(moved, ["due", "reminded_at"])
    return len(moved)
