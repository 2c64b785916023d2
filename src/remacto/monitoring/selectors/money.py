"""Money and the programme dashboard: committed and paid totals against budgets, per project, axis and programme,
and the state of implementation (latest progress, late activities, open alerts), in a bounded number of queries.

Totals come from subqueries, never from sums over joins (a join of lines with activities or alerts would count a
line once per activity). Projects follow the co-creation rule: visible (not hidden by moderation), not cancelled.
An activity is late when its end date is past and its latest status is neither done nor cancelled.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from remacto.cocreation.models import Activity, Axis, Programme, Project

from ..models import ActivityStatus, Alert, ProgressUpdate, SpendingLine

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=16, decimal_places=2))
FINISHED = (ActivityStatus.Status.DONE, ActivityStatus.Status.CANCELLED)
LATE_LIST_SIZE = 50


def _shown_fields(prefix: str = "") -> list[str]:
    """The columns of a project (and its axis) the dashboard shows: titles in every language, number, budget."""
    titles = [f"title_{code}" for code in ("ar", "fr", "en", "zgh")]
    fields = ["programme", "axis", "order", "budget", "status", "is_hidden", "title", *titles]
    fields += ["axis__order", "axis__title", *(f"axis__{t}" for t in titles)]
    return [prefix + name for name in fields]


def rate(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """``part`` as a percentage of ``whole`` (one decimal), or ``None`` when there is no budget."""
    if not whole:
        return None
    return (Decimal(part or 0) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


@dataclass
class Money:
    """Budget, committed and paid amounts of a project, an axis or a programme, with the execution rates."""

    budget: Decimal = Decimal(0)
    committed: Decimal = Decimal(0)
    paid: Decimal = Decimal(0)

    @property
    def paid_rate(self) -> Decimal | None:
        return rate(self.paid, self.budget)

    @property
    def committed_rate(self) -> Decimal | None:
        return rate(self.committed, self.budget)


def _lines_total(kind: str, **match) -> Coalesce:
    lines = SpendingLine.objects.filter(kind=kind, **match).order_by().values(next(iter(match)))
    return Coalesce(Subquery(lines.annotate(total=Sum("amount")).values("total")[:1]), ZERO)


def followed_projects(programme: Programme) -> QuerySet[Project]:
    """The programme's projects followed in public: visible and not cancelled."""
    return programme.projects.visible().exclude(status=Project.Status.CANCELLED)


def with_money(projects: QuerySet[Project]) -> QuerySet[Project]:
    """``projects`` annotated with ``committed`` and ``paid`` (one query when evaluated)."""
    return projects.annotate(
        committed=_lines_total(SpendingLine.Kind.COMMITTED, project=OuterRef("pk")),
        paid=_lines_total(SpendingLine.Kind.PAID, project=OuterRef("pk")),
    )


def project_money(project: Project) -> Money:
    """One project's budget, committed and paid (one query)."""
    totals = dict(
        SpendingLine.objects.filter(project=project).order_by().values_list("kind").annotate(total=Sum("amount"))
    )
    return Money(project.budget, totals.get(SpendingLine.Kind.COMMITTED, Decimal(0)), totals.get("paid", Decimal(0)))


def axes_money(programme: Programme) -> list[tuple[Axis, Money]]:
    """Every axis of the programme with the budget, committed and paid of its followed projects (one query)."""
    projects = followed_projects(programme).filter(axis=OuterRef("pk")).order_by().values("axis")
    lines = {"project__axis": OuterRef("pk"), "project__in": followed_projects(programme)}
    axes = programme.axes.annotate(
        budget_total=Coalesce(Subquery(projects.annotate(total=Sum("budget")).values("total")[:1]), ZERO),
        committed=_lines_total(SpendingLine.Kind.COMMITTED, **lines),
        paid=_lines_total(SpendingLine.Kind.PAID, **lines),
    ).order_by("order", "id")
    return [(axis, Money(axis.budget_total, axis.committed, axis.paid)) for axis in axes]


def programme_money(programme: Programme) -> Money:
    """The programme's budget (followed projects), committed and paid (two queries)."""
    followed = followed_projects(programme)
    budget = followed.aggregate(total=Coalesce(Sum("budget"), ZERO))["total"]
    totals = SpendingLine.objects.filter(project__in=followed.values("pk")).aggregate(
        committed=Coalesce(Sum("amount", filter=Q(kind=SpendingLine.Kind.COMMITTED)), ZERO),
        paid=Coalesce(Sum("amount", filter=Q(kind=SpendingLine.Kind.PAID)), ZERO),
    )
    return Money(budget, totals["committed"], totals["paid"])


def _late_ids(programme: Programme, today: datetime.date) -> list[tuple[int, int]]:
    """``(activity id, project id)`` of the late activities, the most overdue first (one light query: the latest
    status is read once per activity past its end, in the select list, and compared here)."""
    latest = ActivityStatus.objects.filter(activity=OuterRef("pk")).order_by("-recorded_at", "-id").values("status")
    rows = (
        Activity.objects.filter(project__in=followed_projects(programme), ends_on__lt=today)
        .annotate(current_status=Subquery(latest[:1]))
        .order_by("ends_on", "project__axis__order", "project__order", "order", "id")
        .values_list("pk", "project_id", "current_status")
    )
    return [(pk, project_id) for pk, project_id, status in rows if status not in FINISHED]


def late_activities(
    programme: Programme, today: datetime.date | None = None, limit: int | None = None
) -> list[Activity]:
    """Activities of followed projects whose end date is past and whose latest status is not done or cancelled
    (or was never recorded), the most overdue first, with their project and axis (two queries)."""
    return _activities([pk for pk, _project in _late_ids(programme, today or timezone.localdate())][:limit])


def _activities(ids: list[int]) -> list[Activity]:
    """The activities ``ids`` in that order, with the columns the dashboard shows of them and their project."""
    if not ids:
        return []
    found = (
        Activity.objects.filter(pk__in=ids)
        .select_related("project__axis")
        .only("project", "order", "title", "ends_on", *_shown_fields("project__"))
        .in_bulk()
    )
    return [found[pk] for pk in ids]


@dataclass
class Dashboard:
    """What the programme dashboard shows, read in six queries whatever the number of projects and records."""

    programme: Programme
    total: Money
    axes: list[tuple[Axis, Money]]
    projects: list[Project]
    late: list[Activity]
    late_count: int
    open_alerts: int


def dashboard(programme: Programme, today: datetime.date | None = None) -> Dashboard:
    """The programme dashboard: totals, axes, per-project rows (``committed``, ``paid``, ``physical``,
    ``late_count``, ``open_alerts``, ``money``), late activities and open alerts, in six queries.

    Spending is summed once per project and kind (one grouped query over the programme's lines); axes and the
    programme add up their projects' figures, so every figure on the page comes from the same sums.
    """
    today = today or timezone.localdate()
    latest_progress = ProgressUpdate.objects.filter(project=OuterRef("pk")).order_by("-reported_on", "-id")
    projects = list(
        followed_projects(programme)
        .select_related("axis")
        .only(*_shown_fields())
        .annotate(physical=Subquery(latest_progress.values("progress")[:1]))
        .order_by("axis__order", "order", "id")
    )
    ids = [p.pk for p in projects]
    sums = (
        SpendingLine.objects.filter(project_id__in=ids)
        .order_by()
        .values_list("project_id", "kind")
        .annotate(total=Sum("amount"))
    )
    spent = {(project_id, kind): total for project_id, kind, total in sums}
    late_ids = _late_ids(programme, today)
    late_by_project: dict[int, int] = {}
    for _pk, project_id in late_ids:
        late_by_project[project_id] = late_by_project.get(project_id, 0) + 1
    alerts = dict(
        Alert.objects.filter(project_id__in=ids, closed_at__isnull=True)
        .order_by()
        .values_list("project")
        .annotate(n=Count("pk"))
    )
    by_axis: dict[int, Money] = {}
    total = Money()
    for project in projects:
        project.committed = spent.get((project.pk, SpendingLine.Kind.COMMITTED), Decimal(0))
        project.paid = spent.get((project.pk, SpendingLine.Kind.PAID), Decimal(0))
        project.money = Money(project.budget, project.committed, project.paid)
        project.late_count = late_by_project.get(project.pk, 0)
        project.open_alerts = alerts.get(project.pk, 0)
        for money in (by_axis.setdefault(project.axis_id, Money()), total):
            money.budget += project.budget
            money.committed += project.committed
            money.paid += project.paid
    axes = [(axis, by_axis.get(axis.pk, Money())) for axis in programme.axes.order_by("order", "id")]
    return Dashboard(
        programme=programme,
        total=total,
        axes=axes,
        projects=projects,
        late=_activities([pk for pk, _project in late_ids[:LATE_LIST_SIZE]]),
        late_count=len(late_ids),
        open_alerts=sum(alerts.values()),
    )


# Staff list of lines ----------------------------------------------------------------------------------------------


def spending_lines(
    programme: Programme,
    *,
    q: str = "",
    project: str = "",
    kind: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[SpendingLine]:
    """The programme's lines, filtered (search in reference and label), newest first, with project and author."""
    condition = Q(project__programme=programme)
    if q:
        condition &= Q(reference__icontains=q) | Q(label__icontains=q)
    if project.isdigit():
        condition &= Q(project_id=int(project))
    if kind in SpendingLine.Kind.values:
        condition &= Q(kind=kind)
    if since:
        condition &= Q(spent_on__gte=since)
    if until:
        condition &= Q(spent_on__lte=until)
    return (
        SpendingLine.objects.filter(condition)
        .select_related("project__axis", "entered_by", "source")
        .order_by("-spent_on", "-id")
    )
