"""Background work of the open-data exports: building a count's pabulib file, with its progress (see
:mod:`remacto.core.outputs` for the flags the waiting page reads).

Celery's autodiscovery imports ``tasks`` modules only: ``budgets/tasks.py`` imports this task so workers know it.
"""

from celery import shared_task

from remacto.core.outputs import BackgroundOutput

from . import exports
from .models import Campaign, Count

PB_FILE = BackgroundOutput("budgets:pb")


@shared_task(name="budgets.export_pb")
def export_pb(campaign_id: int, count_id: int) -> str:
    """Build and store the pabulib file of ``count_id``; return its storage name."""
    campaign = Campaign.objects.select_related("collectivity").get(pk=campaign_id)
    count = Count.objects.get(pk=count_id, campaign=campaign)
    name = exports.storage_name(campaign, count)
    with PB_FILE.building(name) as report:
        return exports.write_pb(campaign, count, progress=report)


def start(campaign: Campaign, count: Count, name: str) -> bool:
    """Start building unless it is already under way for ``name``; ``True`` when a task was started."""
    return PB_FILE.start(name, lambda: export_pb.delay(campaign.pk, count.pk))


def progress(name: str) -> int:
    """How far the file's building has gone (0-100)."""
    return PB_FILE.progress(name)


def failed(name: str) -> bool:
    return PB_FILE.failed(name)
