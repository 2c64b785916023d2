"""Background tasks of the events: the reminder the day before, and (through ``certificate``) the attendance
certificate's PDF: Celery's autodiscovery reads only ``tasks`` modules."""

from celery import shared_task

from .certificate import render_certificate  # noqa: F401 - registered with Celery here
from .services import registrations


@shared_task
def send_reminders() -> int:
    return registrations.send_reminders()
