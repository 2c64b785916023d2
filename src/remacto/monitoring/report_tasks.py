"""Background work of the final report: rendering its PDF (see :mod:`remacto.core.outputs` for the flags the
waiting page reads). Celery's autodiscovery reads only ``tasks`` modules: ``monitoring/tasks.py`` imports this
one, and the views do too."""

from celery import shared_task

from remacto.cocreation.models import Programme
from remacto.core.outputs import BackgroundOutput, build_pdf

from . import report

PDF = BackgroundOutput("monitoring:report")


@shared_task(name="monitoring.render_report_pdf")
def render_report_pdf(programme_id: int, language: str, name: str) -> str:
    """Render and store the final report of ``programme_id`` in ``language``; return its storage name."""
    programme = Programme.objects.select_related("collectivity").get(pk=programme_id)
    return build_pdf(
        PDF,
        name,
        lambda: report.render_html(programme, language),
        lambda html: report.render(programme, language, html),
    )


def start(programme: Programme, language: str, name: str) -> bool:
    """Start rendering unless it is already under way for ``name``; ``True`` when a task was started."""
    return PDF.start(name, lambda: render_report_pdf.delay(programme.pk, language, name))
