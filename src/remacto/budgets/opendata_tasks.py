"""Background work of the open-data exports: building a count's pabulib file, with its progress.

Celery's autodiscovery imports ``tasks`` modules only: ``budgets/tasks.py`` imports this task so workers know it.
Progress (0-100) and failures are kept in the cache under the file's storage name, for the waiting page.
"""

from celery import shared_task
from django.core.cache import cache

from . import exports
from .models import Campaign, Count

RUNNING_FOR = 10 * 60
FAILED_FOR = 10 * 60


def running_key(name: str) -> str:
    """Cache key holding the progress of the file to be stored as ``name`` while it is being built."""
    return f"budgets:pb-running:{name}"


def failed_key(name: str) -> str:
    return f"budgets:pb-failed:{name}"


@shared_task(name="budgets.export_pb")
def export_pb(campaign_id: int, count_id: int) -> str:
    """Build and store the pabulib file of ``count_id``; return its storage name."""
    campaign = Campaign.objects.select_related("collectivity").get(pk=campaign_id)
    count = Count.objects.get(pk=count_id, campaign=campaign)
    name = exports.storage_name(campaign, count)
    try:
        return exports.write_pb(
            campaign, count, progress=lambda percent: cache.set(running_key(name), percent, RUNNING_FOR)
        )
    except Exception:
        cache.set(failed_key(name), True, FAILED_FOR)
        raise
    finally:
        cache.delete(running_key(name))


def start(campaign: Campaign, count: Count, name: str) -> bool:
    """Start building unless it is already under way for ``name``; ``True`` when a task was started."""
    if not cache.add(running_key(name), 0, RUNNING_FOR):
        return False
    cache.delete(failed_key(name))
    try:
        export_pb.delay(campaign.pk, count.pk)
    except Exception:
        cache.delete(running_key(name))
        raise
    return True


def progress(name: str) -> int:
    """How far the file's building has gone (0-100)."""
    return int(cache.get(running_key(name)) or 0)


def failed(name: str) -> bool:
    return bool(cache.get(failed_key(name)))
