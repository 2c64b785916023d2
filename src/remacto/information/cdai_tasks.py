"""Background work of the complaint to the national commission: rendering its PDF (see :mod:`remacto.core.outputs`
for the flags the waiting page reads). ``information/tasks.py`` imports this module for Celery's autodiscovery."""

from celery import shared_task

from remacto.core.outputs import BackgroundOutput, build_pdf

from . import cdai
from .models import InformationRequest

PDF = BackgroundOutput("information:cdai")


@shared_task(name="information.render_cdai_pdf")
def render_cdai_pdf(request_id: int, language: str, name: str) -> str:
    """Render and store the complaint of request ``request_id`` in ``language``; return its storage name, or
    ``""`` when no complaint is to be prepared any more (the requester deleted their account meanwhile)."""
    request = InformationRequest.objects.select_related("case__collectivity", "complaint").get(pk=request_id)
    if cdai.window(request) is None:
        return ""
    return build_pdf(
        PDF, name, lambda: cdai.render_html(request, language), lambda html: cdai.render(request, language, html)
    )


def start(request: InformationRequest, language: str, name: str) -> bool:
    """Start rendering unless it is already under way for ``name``; ``True`` when a task was started."""
    return PDF.start(name, lambda: render_cdai_pdf.delay(request.pk, language, name))
