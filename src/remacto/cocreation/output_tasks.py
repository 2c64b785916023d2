"""Background work of the co-creation outputs: rendering the programme PDF.

Celery's autodiscovery imports ``tasks`` modules only: a worker learns this task when the views import it, or
through ``cocreation/tasks.py`` importing it.
"""

from celery import shared_task
from django.core.cache import cache

from . import pdf
from .models import Programme

RUNNING_FOR = 10 * 60
FAILED_FOR = 10 * 60


def running_key(name: str) -> str:
    """Cache key saying that the PDF to be stored as ``name`` is being rendered."""
    return f"cocreation:pdf-running:{name}"


def failed_key(name: str) -> str:
    """Cache key saying that rendering the PDF to be stored as ``name`` failed."""
    return f"cocreation:pdf-failed:{name}"


@shared_task(name="cocreation.render_programme_pdf")
def render_programme_pdf(programme_id: int, language: str) -> str:
    """Render and store the programme's PDF in ``language``; return its storage name."""
    programme = Programme.objects.select_related("collectivity").get(pk=programme_id)
    html = pdf.render_html(programme, language)
    name = pdf.storage_name(programme, language, html)
    try:
        return pdf.render(programme, language, html)
    except Exception:
        cache.set(failed_key(name), True, FAILED_FOR)
        raise
    finally:
        cache.delete(running_key(name))


def start(programme: Programme, language: str, name: str) -> bool:
    """Start rendering unless it is already under way for ``name``; ``True`` when a task was started."""
    if not cache.add(running_key(name), True, RUNNING_FOR):
        return False
    cache.delete(failed_key(name))
    try:
        render_programme_pdf.delay(programme.pk, language)
    except Exception:
        cache.delete(running_key(name))
        raise
    return True


def failed(name: str) -> bool:
    return bool(cache.get(failed_key(name)))
