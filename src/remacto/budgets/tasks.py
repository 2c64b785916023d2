"""Background work of participatory budgets: counting a campaign's ballots, and (through ``output_tasks`` and
``opendata_tasks``) the results PDF and the open-data file: Celery's autodiscovery reads only ``tasks`` modules."""

from celery import shared_task

from .models import Count
from .opendata_tasks import export_pb  # noqa: F401 - registered with Celery here
from .output_tasks import render_results_pdf  # noqa: F401 - registered with Celery here
from .services import counting


@shared_task(name="budgets.count_campaign")
def count_campaign_task(count_id: int) -> str:
    """Fill in queued ``Count`` ``count_id``; its ``progress`` shows on the count page as the work goes."""
    count = Count.objects.select_related("campaign__collectivity").get(pk=count_id)
    if count.status != Count.Status.QUEUED:
        return count.status
    return counting.count_campaign(count.campaign, count=count).status
