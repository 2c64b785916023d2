"""Background work of the petitions (autodiscovered by Celery): lapsing the petitions short of signatures once
the grace period for paper lists after their closing date is over (Celery beat)."""

from celery import shared_task

from .services import lifecycle


@shared_task
def lapse_expired() -> int:
    """Mark lapsed the petitions still collecting, short of their threshold, past their grace period."""
    return lifecycle.lapse_expired()
