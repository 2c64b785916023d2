"""The alert rules, as pure functions of a project's figures and a date (no database, no clock).

``evaluate(facts, today)`` says which alerts should be open for one project today, each with the figures that
justify it (stored in ``Alert.details``); ``services.alerts`` compares that with the open alerts, opens the new
ones and closes those whose cause is gone.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

DIVERGENCE_POINTS = 25
"""Spent % and physical % may differ by this many points before an alert."""

SILENCE_DAYS = 60
"""A project without a progress update for this many days raises an alert."""

FINISHED_STATUSES = frozenset({"done", "cancelled"})

DIVERGENCE = "divergence"
ACTIVITY_LATE = "activity_late"
NO_UPDATE = "no_update"
OVERSPENT = "overspent"


@dataclass(frozen=True)
class ActivityFacts:
    id: int
    ends_on: datetime.date | None
    status: str = ""  # the latest ActivityStatus, "" when none was recorded


@dataclass(frozen=True)
class ProjectFacts:
    """What the rules need to know about one project of an adopted programme."""

    id: int
    budget: Decimal
    paid: Decimal = Decimal(0)
    progress: int = 0  # latest ProgressUpdate.progress, 0 when none
    last_update_on: datetime.date | None = None
    starts_on: datetime.date | None = None  # the project's start, else the programme's implementation start
    has_amendment: bool = False
    activities: tuple[ActivityFacts, ...] = field(default_factory=tuple)


Key = tuple[str, int | None]
"""An alert's identity: its kind and, for late activities, the activity's id."""


def spent_percent(paid: Decimal, budget: Decimal) -> Decimal | None:
    """Paid as a percentage of the budget, one decimal; None when there is no budget to compare with."""
    if budget <= 0:
        return None
    return (Decimal(paid) * 100 / Decimal(budget)).quantize(Decimal("0.1"))


def divergence(facts: ProjectFacts) -> dict | None:
    spent = spent_percent(facts.paid, facts.budget)
    if spent is None:
        return None
    gap = abs(spent - facts.progress)
    if gap <= DIVERGENCE_POINTS:
        return None
    return {"spent_percent": str(spent), "progress": facts.progress, "gap": str(gap)}


def late_activities(facts: ProjectFacts, today: datetime.date) -> dict[int, dict]:
    return {
        activity.id: {"ends_on": activity.ends_on.isoformat(), "status": activity.status or "planned"}
        for activity in facts.activities
        if activity.ends_on is not None and activity.ends_on < today and activity.status not in FINISHED_STATUSES
    }


def no_update(facts: ProjectFacts, today: datetime.date) -> dict | None:
    """Silence counts from the last update, or from the start when there is none; never before the start."""
    since = facts.last_update_on or facts.starts_on
    if since is None or (facts.starts_on is not None and today < facts.starts_on):
        return None
    days = (today - since).days
    if days < SILENCE_DAYS:
        return None
    return {"since": since.isoformat(), "days": days, "has_update": facts.last_update_on is not None}


def overspent(facts: ProjectFacts) -> dict | None:
    if facts.has_amendment or facts.paid <= facts.budget:
        return None
    return {"paid": str(facts.paid), "budget": str(facts.budget), "over": str(facts.paid - facts.budget)}


def evaluate(facts: ProjectFacts, today: datetime.date) -> dict[Key, dict]:
    """Every alert that should be open for this project on ``today``, with its details."""
    wanted: dict[Key, dict] = {}
    for kind, details in ((DIVERGENCE, divergence(facts)), (NO_UPDATE, no_update(facts, today))):
        if details is not None:
            wanted[(kind, None)] = details
    if (details := overspent(facts)) is not None:
        wanted[(OVERSPENT, None)] = details
    for activity_id, details in late_activities(facts, today).items():
        wanted[(ACTIVITY_LATE, activity_id)] = details
    return wanted
