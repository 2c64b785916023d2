"""Background work of participatory budgets: counting a campaign's ballots (the open-data file's task lives in
``output_tasks`` and is imported here so that workers know it)."""

from celery import shared_task

from .models import Count
from .output_tasks import export_pb  # noqa: F401 - registered with Celery here
from .services import counting


@shared_task(name="budgets.count_campaign")
def count_campaign_task(count_id: int) -> str:
    """Fill in queued ``Count`` ``count_id``; its ``progress`` shows on the count page as the work goes."""
    count = Count.objects.select_related("campaign__collectivity").get(pk=count_id)
    if count.status != Count.Status.QUEUED:
        return count.status
    return counting.count_campaign(count.campaign, count=count).status
