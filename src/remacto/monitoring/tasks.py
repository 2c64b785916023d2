"""Background work of the follow-up of adopted programmes: the periodic alert checks (Celery beat)."""

from celery import shared_task

from .services import alerts


@shared_task
def check_alerts() -> dict[str, int]:
    """Open and close the alerts of every project under way; what changed."""
    return alerts.run_checks()
