"""Background work of the network dashboard: computing every member's figures (hourly from beat, when a network
admin asks, or when a member joins; the page follows its progress)."""

from celery import shared_task
from django.core.cache import cache

from remacto.core.outputs import BackgroundOutput

from .compute import compute_figures

COMPUTATION = BackgroundOutput("netdash:compute")
NAME = "figures"
AGAIN = "netdash:compute-again"
"""Cache flag: something changed while a computation ran (it may have read the members before): compute again."""


@shared_task(name="remacto.netdash.tasks.compute")
def compute() -> int:
    """Compute the figures; the number of members covered."""
    with COMPUTATION.building(NAME) as report:
        members = compute_figures(progress=report).members
    if cache.delete(AGAIN):
        COMPUTATION.start(NAME, compute.delay)
    return members
