"""Background work of the case core (autodiscovered by Celery): the deadline reminders (Celery beat)."""

from celery import shared_task

from . import reminders


@shared_task
def send_reminders() -> dict[str, int]:
    """Remind the responsible officials of the deadlines at half time, two working days before, and when missed."""
    return reminders.send_reminders()
