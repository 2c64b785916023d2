"""Integrity signals: detectors that point staff at ballots that may not be independent votes.

A signal is not proof. A café, a school or a youth centre shares one network address; a family shares a phone;
an association's members may sign up together and agree on the same projects. So the detectors only raise
:class:`~remacto.budgets.models.IntegrityFlag`\\ s; staff review each one and clear it or exclude some of its
ballots, always with a reason (:mod:`.services.integrity`).

- ``address_burst``: more than N ballots from one network address (its keyed hash) within a window;
- ``device_burst``: the same for one device;
- ``new_accounts_same_set``: at least K ballots cast by accounts created shortly before they voted, all for
  exactly the same set of projects.

Thresholds come from ``settings.BUDGETS_INTEGRITY`` (any key missing takes its value in :data:`DEFAULTS`).
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F

from .identity import short_hash
from .models import Ballot, BallotChoice, Campaign, IntegrityFlag

DEFAULTS = {
    "address_burst": (20, 10 * 60),  # more than 20 ballots from one address within 10 minutes
    "device_burst": (5, 60 * 60),  # more than 5 ballots from one device within an hour
    "new_account_days": 2,  # an account younger than this when it voted is "new"
    "same_set_min": 5,  # at least this many new accounts with exactly the same choices
}


def thresholds() -> dict:
    return {**DEFAULTS, **getattr(settings, "BUDGETS_INTEGRITY", {})}


@dataclass(frozen=True)
class Signal:
    kind: str
    key: str
    ballot_ids: frozenset[int]


def bursts(times: Iterable[tuple[int, datetime]], most: int, seconds: int) -> set[int]:
    """Ids of the ballots that fall in any window of ``seconds`` holding more than ``most`` ballots;
    ``times`` are ``(id, cast_at)`` pairs in time order."""
    rows = list(times)
    window = timedelta(seconds=seconds)
    flagged: set[int] = set()
    start = 0
    for end, (_id, cast_at) in enumerate(rows):
        while cast_at - rows[start][1] > window:
            start += 1
        if end - start + 1 > most:
            flagged.update(ballot_id for ballot_id, _at in rows[start : end + 1])
    return flagged


def burst_signals(campaign: Campaign, field: str, kind: str) -> Iterator[Signal]:
    """One signal per ``field`` value (``address_hash`` or ``device_hash``) with a burst of ballots."""
    most, seconds = thresholds()[kind]
    rows = (
        Ballot.objects.filter(campaign=campaign)
        .exclude(**{field: ""})
        .order_by(field, "cast_at", "id")
        .values_list(field, "id", "cast_at")
    )
    groups: dict[str, list[tuple[int, datetime]]] = defaultdict(list)
    for key, ballot_id, cast_at in rows:
        groups[key].append((ballot_id, cast_at))
    for key, times in groups.items():
        if len(times) > most:
            flagged = bursts(times, most, seconds)
            if flagged:
                yield Signal(kind, key, frozenset(flagged))


def same_set_signals(campaign: Campaign) -> Iterator[Signal]:
    """One signal per set of projects chosen by at least K ballots of new accounts."""
    limits = thresholds()
    young = timedelta(days=limits["new_account_days"])
    ballot_ids = list(
        Ballot.objects.filter(
            campaign=campaign, user__isnull=False, user__date_joined__gt=F("cast_at") - young
        ).values_list("id", flat=True)
    )
    if len(ballot_ids) < limits["same_set_min"]:
        return
    chosen: dict[int, list[str]] = defaultdict(list)
    for ballot_id, code in BallotChoice.objects.filter(ballot_id__in=ballot_ids).values_list(
        "ballot_id", "proposal__code"
    ):
        chosen[ballot_id].append(code)
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for ballot_id, codes in chosen.items():
        groups[tuple(sorted(codes))].append(ballot_id)
    for codes, ids in groups.items():
        if len(ids) >= limits["same_set_min"]:
            key = short_hash("choice-set", f"{campaign.pk}:{' '.join(codes)}")
            yield Signal(IntegrityFlag.Kind.NEW_ACCOUNTS_SAME_SET, key, frozenset(ids))


def detect(campaign: Campaign) -> list[Signal]:
    """Every signal in ``campaign`` now."""
    return [
        *burst_signals(campaign, "address_hash", IntegrityFlag.Kind.ADDRESS_BURST),
        *burst_signals(campaign, "device_hash", IntegrityFlag.Kind.DEVICE_BURST),
        *same_set_signals(campaign),
    ]
