"""Background work of the support desk (autodiscovered by Celery): the reminder of late tickets (Celery beat)."""

from celery import shared_task

from . import reminders


@shared_task
def remind_late_tickets() -> int:
    """Tell network admins, once per ticket, of tickets past their response-time target."""
    return reminders.send_reminders()
