"""Posting limits per account, kept in the Django cache (local memory in development, Redis in production).

Each account has a short list of the times of its recent actions per kind; a limit ``(n, seconds)`` is reached
when ``n`` of them fall inside the last ``seconds``. Services call :func:`check` before writing and
:func:`hit` after a successful write, so a refused or failed attempt never counts.
"""

import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

DEFAULTS = {
    "new_account_hours": 24,
    "new_account_comments": [(3, 10 * 60), (10, 24 * 60 * 60)],
    "comments": [(10, 10 * 60)],
    "supports": [(60, 10 * 60)],
    "flags": [(20, 10 * 60)],
    "comment_edit_minutes": 15,
}


def setting(name: str):
    """One value of ``settings.PARTICIPATION_LIMITS``, with the defaults above."""
    return getattr(settings, "PARTICIPATION_LIMITS", {}).get(name, DEFAULTS[name])


def _limits(user, kind: str) -> list[tuple[int, int]]:
    limits = [tuple(x) for x in setting(kind)]
    if kind == "comments" and timezone.now() - user.date_joined < timedelta(hours=setting("new_account_hours")):
        limits += [tuple(x) for x in setting("new_account_comments")]
    return limits


def _key(user, kind: str) -> str:
    return f"participation:limits:{kind}:{user.pk}"


def _recent(user, kind: str, horizon: int, now: float) -> list[float]:
    return [t for t in cache.get(_key(user, kind), []) if t > now - horizon]


def check(user, kind: str) -> None:
    """Raise ``ValidationError`` when ``user`` already reached a limit of ``kind`` (comments, supports, flags)."""
    limits = _limits(user, kind)
    if not limits:
        return
    now = time.time()
    times = _recent(user, kind, max(seconds for _n, seconds in limits), now)
    for most, seconds in limits:
        if sum(1 for t in times if t > now - seconds) >= most:
            raise ValidationError(_("You are posting too fast; try again in a few minutes."), code="too_fast")


def hit(user, kind: str) -> None:
    """Count one action of ``kind`` by ``user`` now."""
    limits = _limits(user, kind)
    if not limits:
        return
    horizon = max(seconds for _n, seconds in limits)
    now = time.time()
    times = [*_recent(user, kind, horizon, now), now]
    keep = max(most for most, _s in limits)
    cache.set(_key(user, kind), times[-keep:], timeout=horizon)
