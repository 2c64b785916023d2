"""Money and the programme dashboard: committed and paid totals against budgets, per project, axis and programme,
and the state of implementation (latest progress, late activities, open alerts), in a bounded number of queries.

Totals come from subqueries, never from sums over joins (a join of lines with activities or alerts would count a
line once per activity). Projects follow the co-creation rule: visible (not hidden by moderation), not cancelled.
A project whose budget is still to be estimated (its budget is 0) has no rate, and what is committed and paid on it
is left out of the rates of its axis and programme (shown in their totals, compared with no budget).
An activity is late when its end date is past and its latest status is neither done nor cancelled. The dashboard's
figures are kept in the cache until the next committed write (:func:`cached_dashboard`).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, DecimalField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from remacto.cocreation.models import Activity, Axis, Programme, Project
from remacto.core import pagecache

from ..models import ActivityStatus, Alert, ProgressUpdate, SpendingLine

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=16, decimal_places=2))
FINISHED = (ActivityStatus.Status.DONE, ActivityStatus.Status.CANCELLED)
LATE_LIST_SIZE = 50


def rate(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """``part`` as a percentage of ``whole`` (one decimal), or ``None`` when there is no budget."""
    if not whole:
        return None
    return (Decimal(part or 0) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


@dataclass
class Money:
    """Budget, committed and paid amounts of a project, an axis or a programme, with the execution rates.

    ``to_estimate`` counts the projects whose budget is still to be estimated; what is committed and paid on them
    (``committed_unbudgeted``, ``paid_unbudgeted``, part of ``committed`` and ``paid``) is left out of the rates."""

    budget: Decimal = Decimal(0)
    committed: Decimal = Decimal(0)
    paid: Decimal = Decimal(0)
    to_estimate: int = 0
    committed_unbudgeted: Decimal = Decimal(0)
    paid_unbudgeted: Decimal = Decimal(0)

    @property
    def paid_rate(self) -> Decimal | None:
        return rate(self.paid - self.paid_unbudgeted, self.budget)

    @property
    def committed_rate(self) -> Decimal | None:
        return rate(self.committed - self.committed_unbudgeted, self.budget)

    def add(self, other: "Money") -> None:
        """Add ``other`` (a project's money) to these totals."""
        self.budget += other.budget
        self.committed += other.committed
        self.paid += other.paid
        self.to_estimate += other.to_estimate
        self.committed_unbudgeted += other.committed_unbudgeted
        self.paid_unbudgeted += other.paid_unbudgeted


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


def _unbudgeted(money: Money) -> Money:
    """``money`` of a project whose budget is to be estimated: all it has committed and paid is left out of rates."""
    money.to_estimate = 1
    money.committed_unbudgeted, money.paid_unbudgeted = money.committed, money.paid
    return money


def project_money(project: Project) -> Money:
    """One project's budget, committed and paid (one query)."""
    totals = dict(
        SpendingLine.objects.filter(project=project).order_by().values_list("kind").annotate(total=Sum("amount"))
    )
    money = Money(project.budget, totals.get(SpendingLine.Kind.COMMITTED, Decimal(0)), totals.get("paid", Decimal(0)))
    return _unbudgeted(money) if project.budget_to_estimate else money


def axes_money(programme: Programme) -> list[tuple[Axis, Money]]:
    """Every axis of the programme with the budget, committed and paid of its followed projects (one query)."""
    projects = followed_projects(programme).filter(axis=OuterRef("pk")).order_by().values("axis")
    lines = {"project__axis": OuterRef("pk"), "project__in": followed_projects(programme)}
    unbudgeted = {**lines, "project__budget_to_estimate": True}
    axes = programme.axes.annotate(
        budget_total=Coalesce(Subquery(projects.annotate(total=Sum("budget")).values("total")[:1]), ZERO),
        to_estimate=Coalesce(
            Subquery(projects.filter(budget_to_estimate=True).annotate(n=Count("pk")).values("n")[:1]), Value(0)
        ),
        committed=_lines_total(SpendingLine.Kind.COMMITTED, **lines),
        paid=_lines_total(SpendingLine.Kind.PAID, **lines),
        committed_unbudgeted=_lines_total(SpendingLine.Kind.COMMITTED, **unbudgeted),
        paid_unbudgeted=_lines_total(SpendingLine.Kind.PAID, **unbudgeted),
    ).order_by("order", "id")
    return [
        (
            axis,
            Money(
                axis.budget_total,
                axis.committed,
                axis.paid,
                axis.to_estimate,
                axis.committed_unbudgeted,
                axis.paid_unbudgeted,
            ),
        )
        for axis in axes
    ]


def programme_money(programme: Programme) -> Money:
    """The programme's budget (followed projects), committed and paid (two queries)."""
    followed = followed_projects(programme)
    projects = followed.aggregate(
        budget=Coalesce(Sum("budget"), ZERO), to_estimate=Count("pk", filter=Q(budget_to_estimate=True))
    )
    unbudgeted = Q(project__budget_to_estimate=True)
    totals = SpendingLine.objects.filter(project__in=followed.values("pk")).aggregate(
        committed=Coalesce(Sum("amount", filter=Q(kind=SpendingLine.Kind.COMMITTED)), ZERO),
        paid=Coalesce(Sum("amount", filter=Q(kind=SpendingLine.Kind.PAID)), ZERO),
        committed_unbudgeted=Coalesce(Sum("amount", filter=Q(kind=SpendingLine.Kind.COMMITTED) & unbudgeted), ZERO),
        paid_unbudgeted=Coalesce(Sum("amount", filter=Q(kind=SpendingLine.Kind.PAID) & unbudgeted), ZERO),
    )
    return Money(projects["budget"], to_estimate=projects["to_estimate"], **totals)


def _late(programme: Programme, today: datetime.date) -> QuerySet[Activity]:
    """Activities of followed projects past their end date whose latest status is neither done nor cancelled (or
    was never recorded), the most overdue first: the latest status is read in SQL, one index step per activity."""
    latest = ActivityStatus.objects.filter(activity=OuterRef("pk")).order_by("-recorded_at", "-id").values("status")
    return (
        Activity.objects.filter(project__in=followed_projects(programme), ends_on__lt=today)
        .alias(current_status=Coalesce(Subquery(latest[:1]), Value("")))
        .exclude(current_status__in=FINISHED)
        .order_by("ends_on", "project__axis__order", "project__order", "order", "id")
    )


def late_activities(
    programme: Programme, today: datetime.date | None = None, limit: int | None = None
) -> list[Activity]:
    """Activities of followed projects whose end date is past and whose latest status is not done or cancelled
    (or was never recorded), the most overdue first, with their project and axis (one query)."""
    late = _late(programme, today or timezone.localdate()).select_related("project__axis")
    return list(late[:limit] if limit is not None else late)


@dataclass(slots=True)
class AxisRow:
    """An axis as the dashboard shows it: its number and title in every language (``translated`` picks one)."""

    pk: int
    order: int
    title_ar: str
    title_fr: str
    title_en: str
    title_zgh: str


@dataclass(slots=True)
class ProjectRow:
    """A followed project as the dashboard shows it: number, titles, money, latest physical progress (``None``
    before the first update), late activities and open alerts; ``budget_to_estimate`` as on the project (the
    ``project_budget`` filter reads it)."""

    pk: int
    axis: AxisRow
    order: int
    title_ar: str
    title_fr: str
    title_en: str
    title_zgh: str
    money: Money
    physical: int | None
    budget_to_estimate: bool = False
    late_count: int = 0
    open_alerts: int = 0

    @property
    def budget(self) -> Decimal:
        return self.money.budget

    @property
    def committed(self) -> Decimal:
        return self.money.committed

    @property
    def paid(self) -> Decimal:
        return self.money.paid


@dataclass(slots=True)
class LateActivity:
    """A late activity in the dashboard's list: title, planned end and its project."""

    pk: int
    title: str
    ends_on: datetime.date
    project: ProjectRow


@dataclass
class Dashboard:
    """What the programme dashboard shows, read in five queries whatever the number of projects and records. Plain
    rows, no model instances: cheap to build, to cache (:func:`cached_dashboard`) and to render."""

    total: Money
    axes: list[tuple[AxisRow, Money]]
    projects: list[ProjectRow]
    late: list[LateActivity]
    late_count: int
    open_alerts: int


TITLES = [f"title_{code}" for code in ("ar", "fr", "en", "zgh")]


def dashboard(programme: Programme, today: datetime.date | None = None) -> Dashboard:
    """The programme dashboard: totals, axes, per-project rows (``committed``, ``paid``, ``physical``,
    ``late_count``, ``open_alerts``, ``money``), late activities and open alerts, in five queries.

    Every sum and count is made in SQL: spending once per project and kind over the programme's lines, late
    activities and open alerts once per project; axes and the programme add up their projects' figures, so every
    figure on the page comes from the same sums. Rows are read with ``values()``: no model is built.
    """
    today = today or timezone.localdate()
    followed = followed_projects(programme)
    axes = {row["pk"]: AxisRow(**row) for row in programme.axes.order_by("order", "id").values("pk", "order", *TITLES)}
    latest_progress = ProgressUpdate.objects.filter(project=OuterRef("pk")).order_by("-reported_on", "-id")
    rows = (
        followed.annotate(physical=Subquery(latest_progress.values("progress")[:1]))
        .order_by("axis__order", "order", "id")
        .values("pk", "axis_id", "order", "budget", "budget_to_estimate", "physical", *TITLES)
    )
    projects: dict[int, ProjectRow] = {}
    for row in rows:
        axis = axes[row.pop("axis_id")]
        projects[row["pk"]] = ProjectRow(axis=axis, money=Money(row.pop("budget")), **row)
    sums = (
        SpendingLine.objects.filter(project__in=followed.values("pk"))
        .order_by()
        .values_list("project_id", "kind")
        .annotate(total=Sum("amount"))
    )
    for project_id, kind, total in sums:
        money = projects[project_id].money
        if kind == SpendingLine.Kind.COMMITTED:
            money.committed = total
        elif kind == SpendingLine.Kind.PAID:
            money.paid = total
    late = []
    for pk, title, ends_on, project_id in _late(programme, today).values_list("pk", "title", "ends_on", "project_id"):
        project = projects[project_id]
        project.late_count += 1
        if len(late) < LATE_LIST_SIZE:
            late.append(LateActivity(pk, title, ends_on, project))
    alerts = (
        Alert.objects.filter(project__in=followed.values("pk"), closed_at__isnull=True)
        .order_by()
        .values_list("project_id")
        .annotate(n=Count("pk"))
    )
    for project_id, count in alerts:
        projects[project_id].open_alerts = count
    by_axis = {pk: Money() for pk in axes}
    total = Money()
    for project in projects.values():
        if project.budget_to_estimate:
            _unbudgeted(project.money)
        by_axis[project.axis.pk].add(project.money)
        total.add(project.money)
    return Dashboard(
        total=total,
        axes=[(axis, by_axis[pk]) for pk, axis in axes.items()],
        projects=list(projects.values()),
        late=late,
        late_count=sum(project.late_count for project in projects.values()),
        open_alerts=sum(project.open_alerts for project in projects.values()),
    )


def cached_dashboard(programme: Programme, today: datetime.date | None = None) -> Dashboard:
    """:func:`dashboard` kept in the cache until the next committed write, and at most
    ``settings.DASHBOARD_CACHE_SECONDS`` (the day is in the key: activities become late at midnight). The cache
    holds what the public selector returns, the same for every visitor, signed in or not; two cache reads and no
    query when warm."""
    today = today or timezone.localdate()
    key = f"monitoring:dashboard:{programme.pk}:{today.isoformat()}"
    return pagecache.remember(key, lambda: dashboard(programme, today), settings.DASHBOARD_CACHE_SECONDS)


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
