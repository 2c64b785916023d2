"""Background work of participatory budgets: counting a campaign's ballots, the integrity detectors (per campaign
and periodically), the rules lock when voting opens, and (through ``output_tasks``) the results PDF: Celery's
autodiscovery reads only ``tasks`` modules."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from .models import Campaign, Count
from .output_tasks import render_results_pdf  # noqa: F401 - registered with Celery here
from .services import counting, integrity


@shared_task(name="budgets.count_campaign")
def count_campaign_task(count_id: int) -> str:
    """Fill in queued ``Count`` ``count_id``; its ``progress`` shows on the count page as the work goes."""
    count = Count.objects.select_related("campaign__collectivity").get(pk=count_id)
    if count.status != Count.Status.QUEUED:
        return count.status
    return counting.count_campaign(count.campaign, count=count).status


@shared_task
def detect_integrity_signals(campaign_id: int) -> int:
    """Record the integrity signals of one campaign; the number of flags created or grown."""
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        return 0
    return len(integrity.record_signals(campaign))


@shared_task
def detect_in_open_campaigns() -> int:
    """Run the detectors in every campaign voting now or closed less than a week ago, results not published."""
    now = timezone.now()
    ids = Campaign.objects.filter(
        voting_start__lte=now, voting_end__gte=now - timedelta(days=7), results_published_at__isnull=True
    ).values_list("pk", flat=True)
    return sum(detect_integrity_signals(pk) for pk in ids)
