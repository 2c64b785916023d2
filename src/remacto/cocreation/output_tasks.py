"""Background work of the co-creation outputs: rendering the programme PDF (see :mod:`remacto.core.outputs`).

Celery's autodiscovery imports ``tasks`` modules only: a worker learns this task when the views import it, or
through ``cocreation/tasks.py`` importing it.
"""

from celery import shared_task

from remacto.core.outputs import BackgroundOutput

from . import pdf
from .models import Programme

PDF = BackgroundOutput("cocreation:pdf")


@shared_task(name="cocreation.render_programme_pdf")
def render_programme_pdf(programme_id: int, language: str) -> str:
    """Render and store the programme's PDF in ``language``; return its storage name."""
    programme = Programme.objects.select_related("collectivity").get(pk=programme_id)
    html = pdf.render_html(programme, language)
    with PDF.building(pdf.storage_name(programme, language, html)):
        return pdf.render(programme, language, html)


def start(programme: Programme, language: str, name: str) -> bool:
    """Start rendering unless it is already under way for ``name``; ``True`` when a task was started."""
    return PDF.start(name, lambda: render_programme_pdf.delay(programme.pk, language))


def failed(name: str) -> bool:
    return PDF.failed(name)
