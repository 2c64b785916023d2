"""The reminder to network admins of tickets past their response-time target (run by Celery beat).

A ticket still waiting for its first answer the day after its due date is reminded once: the reminder is claimed
by a conditional update of ``reminded_at`` before it is sent, so two runs never send it twice.
"""

import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from remacto.accounts.selectors import network_admins
from remacto.cases import calendar
from remacto.notifications.services import language_of, notify

from .models import Status, Ticket

KIND = "support.late"
LATE = gettext_noop("Support ticket #%(number)s from %(member)s has had no answer since %(due)s: %(subject)s")


def pending(today: datetime.date):
    return (
        Ticket.objects.filter(first_answered_on__isnull=True, due__lt=today, reminded_at__isnull=True)
        .exclude(status=Status.CLOSED)
        .select_related("collectivity")
        .order_by("due", "pk")
    )


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """Remind network admins of each late ticket not reminded yet; how many tickets were reminded."""
    now = now or timezone.now()
    today = calendar.local_date(now)
    admins = list(network_admins())
    count = 0
    for ticket in pending(today):
        if not Ticket.objects.filter(pk=ticket.pk, reminded_at__isnull=True).update(reminded_at=now):
            continue
        count += 1
        for admin in admins:
            with translation.override(language_of(admin)):
                url, member = ticket.get_absolute_url(), str(ticket.collectivity)
            notify(
                admin,
                kind=KIND,
                message=LATE,
                params={
                    "number": ticket.pk,
                    "member": member,
                    "due": ticket.due.isoformat(),
                    "subject": ticket.subject,
                },
                url=url,
                collectivity=ticket.collectivity,
            )
    return count
