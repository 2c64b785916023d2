"""Background work of the results outputs: rendering the results PDF (imported by ``tasks``, which Celery reads).

While a PDF is rendered a cache key says so, and the waiting page polls; a failure is remembered for a while so
the page can say so instead of starting again and again.
"""

from celery import shared_task
from django.core.cache import cache

from . import pdf
from .models import Campaign, Count

RUNNING_FOR = 10 * 60
FAILED_FOR = 10 * 60


def running_key(name: str) -> str:
    return f"budgets:pdf-running:{name}"


def failed_key(name: str) -> str:
    return f"budgets:pdf-failed:{name}"


@shared_task(name="budgets.render_results_pdf")
def render_results_pdf(count_id: int, language: str, name: str, preview: bool = False) -> str:
    """Render and store the results PDF of ``count_id`` in ``language``; return its storage name."""
    count = Count.objects.get(pk=count_id)
    campaign = Campaign.objects.select_related("collectivity").get(pk=count.campaign_id)
    try:
        return pdf.render(campaign, count, language, preview=preview)
    except Exception:
        cache.set(failed_key(name), True, FAILED_FOR)
        raise
    finally:
        cache.delete(running_key(name))


def start(count: Count, language: str, name: str, *, preview: bool = False) -> bool:
    """Start rendering unless it is already under way for ``name``; ``True`` when a task was started."""
    if not cache.add(running_key(name), True, RUNNING_FOR):
        return False
    cache.delete(failed_key(name))
    try:
        render_results_pdf.delay(count.pk, language, name, preview)
    except Exception:
        cache.delete(running_key(name))
        raise
    return True


def failed(name: str) -> bool:
    return bool(cache.get(failed_key(name)))
