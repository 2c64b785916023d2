"""What network admins do on the dashboard: ask for the figures to be computed again now; and what other apps ask
of it: compute the figures again when a member has joined or a member's programme has opened or changed phase."""

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


def members_changed() -> None:
    """Something the dashboard shows of a member has just changed, inside the transaction that changes it: a member
    joined the network, opened a programme, or its programme changed phase. Compute the figures again once it
    commits, so that the dashboard shows it without waiting for the hourly run. When a computation is under way (it
    may have read the members before), another one follows it. A failure to queue it (the broker down) is logged,
    not raised: the change is kept and the hourly run catches up."""
    transaction.on_commit(_compute_again, robust=True)


def _compute_again() -> None:
    if not tasks.COMPUTATION.start(tasks.NAME, tasks.compute.delay):
        cache.set(tasks.AGAIN, True, tasks.COMPUTATION.running_for)
