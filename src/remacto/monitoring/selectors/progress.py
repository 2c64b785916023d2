"""Read queries of progress: the followed project, the latest update per project, the current status of each
activity (with the one rule saying when an activity is late), a project's timeline and its chart series.

Every function runs a fixed number of queries, whatever the number of updates, activities or indicators.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, Subquery, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404

from remacto.cocreation.models import Activity, Indicator, Project

from ..models import ActivityStatus, IndicatorValue, ProgressUpdate

Status = ActivityStatus.Status
FINISHED = (Status.DONE, Status.CANCELLED)


def followed_project(slug: str, pk: int) -> Project:
    """The project ``pk`` of the member ``slug`` whose programme is adopted, with its programme, collectivity and
    axis; 404 otherwise (a draft project has no follow-up page)."""
    project = get_object_or_404(
        Project.objects.select_related("programme__collectivity", "axis"),
        pk=pk,
        programme__collectivity__slug=slug,
        programme__collectivity__membership__isnull=False,
    )
    if not project.programme.is_adopted:
        raise Http404
    return project


def is_public(project: Project, user) -> bool:
    """Whether ``user`` sees the project's follow-up (a project hidden by moderation: moderators only)."""
    if not project.is_hidden:
        return True
    return bool(user.is_authenticated and user.has_perm("participation.moderate", project.programme.collectivity))


def latest_updates(projects) -> dict[int, ProgressUpdate]:
    """The latest update (latest situation date, then latest posted) of each of ``projects``, by project id; one
    query."""
    latest = ProgressUpdate.objects.filter(project=OuterRef("project")).order_by("-reported_on", "-id").values("pk")
    rows = ProgressUpdate.objects.filter(project__in=projects, pk=Subquery(latest[:1]))
    return {update.project_id: update for update in rows}


def latest_update(project: Project) -> ProgressUpdate | None:
    return project.progress_updates.order_by("-reported_on", "-id").first()


def activity_is_late(status: ActivityStatus | None, activity: Activity, today: datetime.date) -> bool:
    """The one rule for late activities: recorded late, or past its planned end without being done or cancelled."""
    if status is not None and status.status == Status.LATE:
        return True
    if status is not None and status.status in FINISHED:
        return False
    return activity.ends_on is not None and activity.ends_on < today


def current_statuses(activities) -> dict[int, ActivityStatus]:
    """The latest recorded status of each of ``activities``, by activity id; one query."""
    latest = ActivityStatus.objects.filter(activity=OuterRef("activity")).order_by("-recorded_at", "-id").values("pk")
    rows = ActivityStatus.objects.filter(activity__in=activities, pk=Subquery(latest[:1]))
    return {status.activity_id: status for status in rows}


@dataclass
class ActivityState:
    """An activity with its latest recorded status (or none) and the status shown today."""

    activity: Activity
    recorded: ActivityStatus | None
    status: str
    is_late: bool

    @property
    def label(self) -> str:
        return str(Status(self.status).label)


def activity_states(project: Project, today: datetime.date) -> list[ActivityState]:
    """Each activity of ``project`` in order, with its current status: the latest recorded, shown "late" when
    :func:`activity_is_late` says so, "planned" when nothing is recorded yet; two queries."""
    activities = list(project.activities.order_by("order", "id"))
    statuses = current_statuses(activities)
    states = []
    for activity in activities:
        recorded = statuses.get(activity.pk)
        late = activity_is_late(recorded, activity, today)
        status = Status.LATE if late else (recorded.status if recorded else Status.PLANNED)
        states.append(ActivityState(activity, recorded, status, late))
    return states


@dataclass
class Event:
    """One entry of a project's timeline: an update (with the statuses and measurements it brought), or a status
    change or a measurement recorded on its own."""

    day: datetime.date
    kind: str  # "update", "status" or "indicator"
    item: ProgressUpdate | ActivityStatus | IndicatorValue
    order: int = 0
    extras: dict = field(default_factory=dict)


def _status_day(status: ActivityStatus) -> datetime.date:
    return status.finished_on or status.started_on or status.recorded_at.date()


def timeline(project: Project) -> list[Event]:
    """Every event of ``project``, newest first: its updates, and the status changes and measurements recorded
    outside an update; three queries. Load the page's details with :func:`load_details`."""
    events = [
        Event(update.reported_on, "update", update, update.pk)
        for update in ProgressUpdate.objects.filter(project=project).select_related("author")
    ]
    events += [
        Event(_status_day(status), "status", status, status.pk)
        for status in ActivityStatus.objects.filter(activity__project=project, update__isnull=True).select_related(
            "activity"
        )
    ]
    events += [
        Event(value.measured_on, "indicator", value, value.pk)
        for value in IndicatorValue.objects.filter(indicator__project=project, update__isnull=True).select_related(
            "indicator"
        )
    ]
    kinds = {"update": 2, "status": 1, "indicator": 0}
    events.sort(key=lambda e: (e.day, kinds[e.kind], e.order), reverse=True)
    return events


def load_details(events) -> None:
    """Load the photos, documents, status changes and measurements of the updates among ``events`` (four
    queries)."""
    updates = [event.item for event in events if event.kind == "update"]
    if not updates:
        return
    prefetch_related_objects(
        updates,
        "photos",
        "documents",
        Prefetch("activity_statuses", queryset=ActivityStatus.objects.select_related("activity").order_by("id")),
        Prefetch("indicator_values", queryset=IndicatorValue.objects.select_related("indicator").order_by("id")),
    )


def progress_series(project: Project) -> list[tuple[datetime.date, int]]:
    """The physical progress reported over time, oldest first (the latest update of each date); one query."""
    by_day: dict[datetime.date, int] = {}
    for day, progress in project.progress_updates.order_by("reported_on", "id").values_list("reported_on", "progress"):
        by_day[day] = progress
    return list(by_day.items())


@dataclass
class IndicatorSeries:
    indicator: Indicator
    values: list[IndicatorValue]

    @property
    def latest(self) -> IndicatorValue | None:
        return self.values[-1] if self.values else None


def indicator_series(project: Project) -> list[IndicatorSeries]:
    """Each indicator of ``project`` with its measurements, oldest first; two queries."""
    indicators = project.indicators.order_by("id").prefetch_related(
        Prefetch("values", queryset=IndicatorValue.objects.order_by("measured_on", "id"))
    )
    return [IndicatorSeries(indicator, list(indicator.values.all())) for indicator in indicators]
