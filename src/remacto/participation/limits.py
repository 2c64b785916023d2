"""Posting limits per account, kept in the Django cache (local memory in development, Redis in production).

A limit ``(n, seconds)`` of a kind allows ``n`` actions per window of ``seconds`` (windows are aligned on the
clock, so one counter per account, kind and window). Services take a slot with :func:`reserve` *before* they
write: one atomic increment (Redis ``INCR`` with its expiry in the same transaction), so parallel requests can
never pass the limit together. A refused attempt gives its slot back at once, and so does a write that fails
(:func:`reserve` is a context manager), so neither counts. Counters expire with their window.

Kinds: ``comments`` (plus ``new_account_comments`` for accounts younger than ``new_account_hours``),
``supports``, ``flags``, ``ideas`` (online idea submissions), ``proposals`` (participatory-budget proposals),
``observations`` (residents' observations of projects under way),
``votes`` (online ballots cast or changed), ``sms_codes`` (one-time codes sent by SMS to verify a voter's
phone, per account and per number), ``signatures`` (petitions signed online), ``information_requests``
(requests for information filed online), ``membership_applications`` (applications to join the network),
``support_tickets`` (tickets opened at the support desk), ``practices`` (good practices submitted),
``receipt_checks`` (public checks of a ballot receipt) and ``integrity_scans`` (runs of the integrity detectors
asked for by staff), tuned by ``settings.PARTICIPATION_LIMITS``.

Counters are kept per account, or per client address with :func:`client` (the address from
``core.http.client_ip``); the cache key then holds a keyed hash of the address, never the address, and per-address
windows last an hour at most.
"""

import math
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from ipaddress import ip_address, ip_network
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext_lazy

DEFAULTS = {
    "new_account_hours": 24,
    "new_account_comments": [(3, 10 * 60), (10, 24 * 60 * 60)],
    "comments": [(10, 10 * 60)],
    "supports": [(60, 10 * 60)],
    "flags": [(20, 10 * 60)],
    "ideas": [(5, 60 * 60)],
    "proposals": [(3, 60 * 60), (10, 24 * 60 * 60)],
    "observations": [(5, 60 * 60), (20, 24 * 60 * 60)],
    "votes": [(10, 10 * 60)],
    "sms_codes": [(3, 10 * 60), (6, 24 * 60 * 60)],
    "comment_edit_minutes": 15,
    "signatures": [(10, 60 * 60), (30, 24 * 60 * 60)],
    "information_requests": [(5, 60 * 60), (20, 24 * 60 * 60)],
    "membership_applications": [(3, 24 * 60 * 60)],
    "support_tickets": [(5, 60 * 60), (20, 24 * 60 * 60)],
    "practices": [(5, 60 * 60), (20, 24 * 60 * 60)],
    "receipt_checks": [(20, 10 * 60), (60, 60 * 60)],
    "integrity_scans": [(3, 10 * 60), (10, 60 * 60)],
}

TOO_FAST = gettext_noop("You are posting too fast; try again in a few minutes.")
# One message per kind, in the singular and the plural: the count picks the form (Arabic has six).
MESSAGES = {
    "ideas": ngettext_lazy(
        "You have sent %(n)d idea in the last hour. Please wait a little before sending another one.",
        "You have sent %(n)d ideas in the last hour. Please wait a little before sending another one.",
        "n",
    ),
    "proposals": ngettext_lazy(
        "You have sent %(n)d proposal recently. Please wait a little before sending another one.",
        "You have sent %(n)d proposals recently. Please wait a little before sending another one.",
        "n",
    ),
    "observations": ngettext_lazy(
        "You have sent %(n)d observation recently. Please wait a little before sending another one.",
        "You have sent %(n)d observations recently. Please wait a little before sending another one.",
        "n",
    ),
    "sms_codes": ngettext_lazy(
        "You asked for %(n)d code by SMS recently. Please wait before asking for another one.",
        "You asked for %(n)d codes by SMS recently. Please wait before asking for another one.",
        "n",
    ),
    "votes": ngettext_lazy(
        "You have sent your ballot %(n)d time in a few minutes. Please wait before trying again.",
        "You have sent your ballot %(n)d times in a few minutes. Please wait before trying again.",
        "n",
    ),
    "signatures": ngettext_lazy(
        "You have signed %(n)d petition recently. Please wait before signing another one.",
        "You have signed %(n)d petitions recently. Please wait before signing another one.",
        "n",
    ),
    "information_requests": ngettext_lazy(
        "You have sent %(n)d information request recently. Please wait a little before sending another one.",
        "You have sent %(n)d information requests recently. Please wait a little before sending another one.",
        "n",
    ),
    "membership_applications": ngettext_lazy(
        "You have sent %(n)d membership application today. Please wait before sending another one.",
        "You have sent %(n)d membership applications today. Please wait before sending another one.",
        "n",
    ),
    "support_tickets": ngettext_lazy(
        "You have opened %(n)d support ticket recently. Please wait a little before opening another one.",
        "You have opened %(n)d support tickets recently. Please wait a little before opening another one.",
        "n",
    ),
    "practices": ngettext_lazy(
        "You have submitted %(n)d practice recently. Please wait a little before submitting another one.",
        "You have submitted %(n)d practices recently. Please wait a little before submitting another one.",
        "n",
    ),
    "receipt_checks": ngettext_lazy(
        "You have checked %(n)d receipt code in a short time. Please wait a little before checking another one.",
        "You have checked %(n)d receipt codes in a short time. Please wait a little before checking another one.",
        "n",
    ),
    "integrity_scans": ngettext_lazy(
        "The checks were started %(n)d time recently. Please wait a little before starting them again.",
        "The checks were started %(n)d times recently. Please wait a little before starting them again.",
        "n",
    ),
}


class LimitReached(ValidationError):
    """A limit refused the action; ``retry_after`` says in how many seconds a new attempt can pass."""

    def __init__(self, kind: str, most: int, retry_after: int):
        template = MESSAGES.get(kind)
        super().__init__(template % {"n": most} if template else _(TOO_FAST), code="too_fast")
        self.retry_after = retry_after


def retry_after(exc: ValidationError) -> int | None:
    """Seconds to wait when ``exc`` (a service's error, keyed by field or not) comes from a limit, else ``None``.

    Services may re-raise a ``LimitReached`` under a form field (``ValidationError({"body": exc})``): Django keeps
    the original error object in the field's list, so it is still found here.
    """
    errors = [e for errors in exc.error_dict.values() for e in errors] if hasattr(exc, "error_dict") else exc.error_list
    waits = [e.retry_after for e in errors if isinstance(e, LimitReached)]
    return max(waits) if waits else None


def setting(name: str):
    """One value of ``settings.PARTICIPATION_LIMITS``, with the defaults above."""
    return getattr(settings, "PARTICIPATION_LIMITS", {}).get(name, DEFAULTS[name])


def client(address: str) -> SimpleNamespace:
    """The holder of per-address counters for ``address`` (as ``core.http.client_ip`` gives it), to pass to
    :func:`reserve` in place of an account. An IPv6 address counts for its /64 (one home or phone network, which
    holds many addresses); the key is a keyed hash, so the cache never holds the address itself."""
    try:
        parsed = ip_address(address)
    except ValueError:
        network = address or "unknown"
    else:
        network = str(ip_network(f"{parsed}/64", strict=False)) if parsed.version == 6 else str(parsed)
    return SimpleNamespace(pk="address-" + salted_hmac("participation.limits.client", network).hexdigest()[:24])


def _limits(user, kind: str) -> list[tuple[int, int]]:
    limits = [(int(n), int(s)) for n, s in setting(kind)]
    if kind == "comments" and timezone.now() - user.date_joined < timedelta(hours=setting("new_account_hours")):
        limits += [(int(n), int(s)) for n, s in setting("new_account_comments")]
    return list(dict.fromkeys(limits))


def _add(key: str, delta: int, timeout: int) -> int:
    """Move the counter ``key`` by ``delta`` atomically and return its new value; it expires after ``timeout``."""
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        # Create with its expiry (SET NX EX), then INCRBY, in one MULTI/EXEC: no counter ever lives without it.
        name = cache.make_and_validate_key(key)
        with cache._cache.get_client(name, write=True).pipeline(transaction=True) as pipe:
            _created, value = pipe.set(name, 0, ex=timeout, nx=True).incrby(name, delta).execute()
        return int(value)
    # Other backends (local memory): ``add`` creates the counter once, ``incr`` moves it under the cache's lock.
    for _attempt in range(3):
        cache.add(key, 0, timeout)
        try:
            return cache.incr(key, delta)
        except ValueError:  # expired between the two calls: create it again
            continue
    raise RuntimeError(f"cache counter {key} keeps expiring")


@dataclass
class Slot:
    """The counters one reserved action moved; :meth:`release` moves them back (once)."""

    counters: list[tuple[str, int]] = field(default_factory=list)

    def release(self) -> None:
        for key, timeout in self.counters:
            _add(key, -1, timeout)
        self.counters = []


def _take(user, kind: str, field: str | None) -> Slot:
    """Count one action of ``kind`` by ``user`` in every window, or raise ``LimitReached`` having counted none."""
    slot = Slot()
    now = time.time()
    for most, seconds in _limits(user, kind):
        window = int(now // seconds)
        remaining = max(1, math.ceil((window + 1) * seconds - now))
        key = f"participation:limits:{kind}:{user.pk}:{most}/{seconds}:{window}"
        slot.counters.append((key, remaining + 1))
        if _add(key, +1, remaining + 1) > most:
            slot.release()
            error = LimitReached(kind, most, remaining)
            raise ValidationError({field: error}) if field else error
    return slot


@contextmanager
def reserve(user, kind: str, *, field: str | None = None) -> Iterator[Slot]:
    """Take a slot of ``kind`` for ``user`` for the block that writes; ``LimitReached`` when a limit is reached
    (keyed by the form ``field`` when one is named).

    If the block raises, the slot is given back; the block may also call ``slot.release()`` when its action
    turns out not to happen (an idempotent repeat).
    """
    slot = _take(user, kind, field)
    try:
        yield slot
    except BaseException:
        slot.release()
        raise


@contextmanager
def reserve_client(actor, address: str, kind: str, *, field: str | None = None) -> Iterator[None]:
    """Take a slot of ``kind`` for the client ``address`` and, when signed in, for ``actor`` too: both limits
    apply, and a refusal by either counts in neither."""
    with ExitStack() as slots:
        slots.enter_context(reserve(client(address), kind, field=field))
        if getattr(actor, "is_authenticated", False):
            slots.enter_context(reserve(actor, kind, field=field))
        yield
