"""Background work of the results outputs: rendering the results PDF (imported by ``tasks``, which Celery reads;
see :mod:`remacto.core.outputs` for the flags the waiting page reads)."""

from celery import shared_task

from remacto.core.outputs import BackgroundOutput, build_pdf

from . import pdf
from .models import Campaign, Count

PDF = BackgroundOutput("budgets:pdf")


@shared_task(name="budgets.render_results_pdf")
def render_results_pdf(count_id: int, language: str, name: str, preview: bool = False) -> str:
    """Render and store the results PDF of ``count_id`` in ``language``; return its storage name."""
    count = Count.objects.get(pk=count_id)
    campaign = Campaign.objects.select_related("collectivity").get(pk=count.campaign_id)
    return build_pdf(
        PDF,
        name,
        lambda: pdf.render_html(campaign, count, language, preview=preview),
        lambda html: pdf.render(campaign, count, language, html=html),
    )


def start(count: Count, language: str, name: str, *, preview: bool = False) -> bool:
    """Start rendering unless it is already under way for ``name``; ``True`` when a task was started."""
    return PDF.start(name, lambda: render_results_pdf.delay(count.pk, language, name, preview))
