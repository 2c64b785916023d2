"""Background task of the events: the reminder the day before."""

from celery import shared_task

from .services import registrations


@shared_task
def send_reminders() -> int:
    return registrations.send_reminders()
