"""Background work of the network dashboard: computing every member's figures (hourly from beat, or when a
network admin asks; the page follows its progress)."""

from celery import shared_task

from remacto.core.outputs import BackgroundOutput

from .compute import compute_figures

COMPUTATION = BackgroundOutput("netdash:compute")
NAME = "figures"


@shared_task(name="remacto.netdash.tasks.compute")
def compute() -> int:
    """Compute the figures; the number of members covered."""
    with COMPUTATION.building(NAME) as report:
        return compute_figures(progress=report).members
