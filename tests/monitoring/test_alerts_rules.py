"""The alert rules as pure functions of a project's figures and a given date (the clock is always passed in)."""

import datetime
from decimal import Decimal

from remacto.monitoring import alerts as rules
from remacto.monitoring.alerts import ActivityFacts, ProjectFacts

START = datetime.date(2026, 1, 1)


def facts(**values) -> ProjectFacts:
    return ProjectFacts(**{"id": 1, "budget": Decimal(100_000), "starts_on": START} | values)


def test_divergence_above_25_points_only():
    assert rules.divergence(facts(paid=Decimal(50_000), progress=25)) is None  # exactly 25 points
    details = rules.divergence(facts(paid=Decimal(50_100), progress=25))
    assert details == {"spent_percent": "50.1", "progress": 25, "gap": "25.1"}
    # Progress far ahead of spending diverges too.
    assert rules.divergence(facts(paid=Decimal(0), progress=40))["gap"] == "40.0"
    # No budget: nothing to compare with.
    assert rules.divergence(facts(budget=Decimal(0), paid=Decimal(10), progress=0)) is None


def test_no_progress_update_counts_as_zero_percent():
    assert rules.evaluate(facts(paid=Decimal(30_000)), datetime.date(2026, 1, 10)) == {
        ("divergence", None): {"spent_percent": "30.0", "progress": 0, "gap": "30.0"}
    }


def test_activity_late_after_its_end_unless_done_or_cancelled():
    activities = (
        ActivityFacts(id=1, ends_on=datetime.date(2026, 3, 31)),
        ActivityFacts(id=2, ends_on=datetime.date(2026, 3, 31), status="under_way"),
        ActivityFacts(id=3, ends_on=datetime.date(2026, 3, 31), status="done"),
        ActivityFacts(id=4, ends_on=datetime.date(2026, 3, 31), status="cancelled"),
        ActivityFacts(id=5, ends_on=datetime.date(2026, 4, 1), status="late"),
        ActivityFacts(id=6, ends_on=None),
    )
    project = facts(activities=activities, last_update_on=datetime.date(2026, 3, 30))
    assert rules.late_activities(project, datetime.date(2026, 3, 31)) == {}  # due today is not late yet
    late = rules.late_activities(project, datetime.date(2026, 4, 2))
    assert late == {
        1: {"ends_on": "2026-03-31", "status": "planned"},
        2: {"ends_on": "2026-03-31", "status": "under_way"},
        5: {"ends_on": "2026-04-01", "status": "late"},
    }
    keys = set(rules.evaluate(project, datetime.date(2026, 4, 2)))
    assert keys == {("activity_late", 1), ("activity_late", 2), ("activity_late", 5)}


def test_no_update_for_60_days_counts_from_the_last_update():
    project = facts(last_update_on=datetime.date(2026, 3, 1))
    assert rules.no_update(project, datetime.date(2026, 4, 29)) is None  # 59 days
    assert rules.no_update(project, datetime.date(2026, 4, 30)) == {
        "since": "2026-03-01",
        "days": 60,
        "has_update": True,
    }


def test_no_update_counts_from_the_start_and_never_before_it():
    project = facts(starts_on=datetime.date(2026, 6, 1))
    assert rules.no_update(project, datetime.date(2026, 1, 1)) is None  # the project has not started
    assert rules.no_update(project, datetime.date(2026, 7, 30)) is None  # 59 days after the start
    assert rules.no_update(project, datetime.date(2026, 7, 31))["days"] == 60
    assert rules.no_update(facts(starts_on=None), datetime.date(2030, 1, 1)) is None  # no date to count from


def test_overspent_without_amendment_only():
    assert rules.overspent(facts(paid=Decimal(100_000))) is None  # exactly the budget
    assert rules.overspent(facts(paid=Decimal("100000.01"))) == {
        "paid": "100000.01",
        "budget": "100000",
        "over": "0.01",
    }
    assert rules.overspent(facts(paid=Decimal(150_000), has_amendment=True)) is None


def test_a_project_on_track_has_no_alert():
    project = facts(
        paid=Decimal(40_000),
        progress=50,
        last_update_on=datetime.date(2026, 5, 1),
        activities=(ActivityFacts(id=1, ends_on=datetime.date(2026, 4, 30), status="done"),),
    )
    assert rules.evaluate(project, datetime.date(2026, 5, 20)) == {}
