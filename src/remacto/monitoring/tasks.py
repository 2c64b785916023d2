"""Background work of the follow-up of adopted programmes (autodiscovered by Celery): the periodic alert checks
(Celery beat) here, and each area's other tasks imported here."""

from celery import shared_task

from .money_tasks import import_spending
from .opendata_tasks import export_opendata
from .report_tasks import render_report_pdf
from .services import alerts

__all__ = ["check_alerts", "export_opendata", "import_spending", "render_report_pdf"]


@shared_task
def check_alerts() -> dict[str, int]:
    """Open and close the alerts of every project under way; what changed."""
    return alerts.run_checks()
