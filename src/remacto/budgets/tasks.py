"""Background work of participatory budgets: the integrity detectors, per campaign and periodically."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from .models import Campaign
from .services import integrity


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
