"""Progress read queries: the latest update per project, the current status of activities with the one "late"
rule, the timeline merged by date, chart series; each in a bounded number of queries."""

import datetime
from decimal import Decimal

import pytest

from remacto.monitoring.models import ActivityStatus, IndicatorValue, ProgressUpdate
from remacto.monitoring.selectors import progress as selectors

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 9, 1)


def update(project, day, progress, **extra):
    return ProgressUpdate.objects.create(
        project=project, reported_on=datetime.date.fromisoformat(day), progress=progress, narrative="…", **extra
    )


def test_latest_update_per_project_in_one_query(implemented, other_project, django_assert_num_queries):
    first, second = implemented.projects.order_by("order")
    update(first, "2026-03-01", 10)
    latest = update(first, "2026-05-01", 30)
    update(first, "2026-04-01", 20)  # posted later, describes an earlier date
    only = update(second, "2026-02-01", 5)
    with django_assert_num_queries(1):
        found = selectors.latest_updates([first, second, other_project])
    assert found == {first.pk: latest, second.pk: only}
    assert selectors.latest_update(first) == latest


@pytest.mark.parametrize(
    ("status", "ends_on", "late"),
    [
        (None, "2026-08-31", True),  # past its end, nothing recorded
        (None, "2026-09-01", False),  # ends today
        (None, None, False),
        ("under_way", "2026-06-30", True),
        ("planned", "2026-06-30", True),
        ("done", "2026-06-30", False),
        ("cancelled", "2026-06-30", False),
        ("late", "2026-12-31", True),  # recorded late before its end
        ("under_way", "2026-12-31", False),
    ],
)
def test_activity_is_late(project, status, ends_on, late):
    activity = project.activities.first()
    activity.ends_on = datetime.date.fromisoformat(ends_on) if ends_on else None
    recorded = ActivityStatus(activity=activity, status=status) if status else None
    assert selectors.activity_is_late(recorded, activity, TODAY) is late


def test_activity_states_show_the_latest_status_or_late(project, django_assert_num_queries):
    study, works = project.activities.order_by("order")  # the study ended on 2026-06-30
    ActivityStatus.objects.create(activity=works, status="planned")
    ActivityStatus.objects.create(activity=works, status="under_way", started_on=datetime.date(2026, 7, 2))
    with django_assert_num_queries(2):
        states = selectors.activity_states(project, TODAY)
    assert [(s.activity, s.status, s.is_late) for s in states] == [(study, "late", True), (works, "under_way", False)]
    ActivityStatus.objects.create(activity=study, status="done", finished_on=datetime.date(2026, 6, 20))
    assert selectors.activity_states(project, TODAY)[0].status == "done"


def test_timeline_merges_updates_statuses_and_values_newest_first(project, django_assert_max_num_queries):
    activity, indicator = project.activities.first(), project.indicators.get()
    old = update(project, "2026-03-01", 10)
    new = update(project, "2026-06-01", 35)
    ActivityStatus.objects.create(activity=activity, status="under_way", update=new)
    alone = ActivityStatus.objects.create(activity=activity, status="done", finished_on=datetime.date(2026, 6, 20))
    value = IndicatorValue.objects.create(indicator=indicator, measured_on=datetime.date(2026, 4, 1), value=Decimal(7))
    with django_assert_max_num_queries(7):
        events = selectors.timeline(project)
        selectors.load_details(events)
        statuses = [list(e.item.activity_statuses.all()) for e in events if e.kind == "update"]
    assert [(e.kind, e.item) for e in events] == [
        ("status", alone),
        ("update", new),
        ("indicator", value),
        ("update", old),
    ]
    assert statuses[0][0].status == "under_way" and statuses[1] == []


def test_series_for_the_charts(project, django_assert_max_num_queries):
    indicator = project.indicators.get()
    update(project, "2026-03-01", 10)
    update(project, "2026-03-01", 12)  # a correction the same day: the later one counts
    update(project, "2026-05-01", 30)
    IndicatorValue.objects.create(indicator=indicator, measured_on=datetime.date(2026, 5, 1), value=Decimal(300))
    IndicatorValue.objects.create(indicator=indicator, measured_on=datetime.date(2026, 2, 1), value=Decimal(50))
    with django_assert_max_num_queries(3):
        progress = selectors.progress_series(project)
        series = selectors.indicator_series(project)
    assert progress == [(datetime.date(2026, 3, 1), 12), (datetime.date(2026, 5, 1), 30)]
    assert [v.value for v in series[0].values] == [Decimal(50), Decimal(300)]
    assert series[0].latest.value == Decimal(300)
