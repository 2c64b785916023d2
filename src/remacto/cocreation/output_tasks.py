"""Background work of the co-creation outputs: rendering the programme PDF (see :mod:`remacto.core.outputs`).

Celery's autodiscovery imports ``tasks`` modules only: a worker learns this task when the views import it, or
through ``cocreation/tasks.py`` importing it.
"""

from celery import shared_task

from remacto.core.outputs import BackgroundOutput, build_pdf

from . import pdf
from .models import Programme

PDF = BackgroundOutput("cocreation:pdf")


@shared_task(name="cocreation.render_programme_pdf")
def render_programme_pdf(programme_id: int, language: str, name: str | None = None) -> str:
    """Render and store the programme's PDF in ``language`` (to be stored as ``name``, the name the waiting page
    follows; tasks queued before the name was passed have none); return its storage name."""
    programme = Programme.objects.select_related("collectivity").get(pk=programme_id)
    name = name or pdf.current_name(programme, language)
    return build_pdf(
        PDF, name, lambda: pdf.render_html(programme, language), lambda html: pdf.render(programme, language, html)
    )


def start(programme: Programme, language: str, name: str) -> bool:
    """Start rendering unless it is already under way for ``name``; ``True`` when a task was started."""
    return PDF.start(name, lambda: render_programme_pdf.delay(programme.pk, language, name))
