"""What network admins do on the dashboard: ask for the figures to be computed again now."""

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from remacto.core import audit
from remacto.core.permissions import require

from . import tasks
from .models import Computation

REFRESH = "netdash.refresh"


def computing() -> int | None:
    """The progress (0-100) of the computation under way, or ``None`` when none is."""
    value = cache.get(tasks.COMPUTATION.running_key(tasks.NAME))
    return None if value is None else int(value)


@transaction.atomic
def refresh(actor) -> bool:
    """Queue a computation of the figures (after the commit) unless one is under way; ``True`` when queued."""
    require(actor, REFRESH)
    started = tasks.COMPUTATION.start(tasks.NAME, lambda: transaction.on_commit(tasks.compute.delay))
    if started:
        latest = Computation.objects.first() or Computation(finished_at=timezone.now())
        audit.record(actor, "netdash.refresh", latest)
    return started
