"""Read queries of the monitoring open data (exports, OGP Local action plan, read API).

Public means: the programme of a member collectivity, adopted (its phase is past adoption), its projects not hidden
by moderation; observations through ``Observation.objects.visible()`` only; evaluations only once published
(``selectors.evaluations.public_evaluations``, the rule the evaluation pages and the report use too). Nothing here
names a resident: the author of an observation, of a citizen answer or of a progress update is never selected.
"""

import datetime
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, Max, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.http import Http404

from remacto.cocreation.models import Activity, Phase, Programme, Project

from ..models import (
    ActivityStatus,
    CitizenAnswer,
    Evaluation,
    IndicatorValue,
    Observation,
    ProgressUpdate,
    Score,
    Scorecard,
    SpendingLine,
)
from .evaluations import public_evaluations

ADOPTED_PHASES = Phase.values[Phase.order(Phase.ADOPTION) + 1 :]


def public_programmes() -> QuerySet[Programme]:
    """Adopted programmes of member collectivities: the only ones whose implementation is published."""
    return Programme.objects.filter(collectivity__membership__isnull=False, phase__in=ADOPTED_PHASES).select_related(
        "collectivity"
    )


def public_programme(slug: str, cycle: str) -> Programme:
    """The adopted programme of member ``slug`` for ``cycle``; 404 when unknown or not adopted yet."""
    try:
        return public_programmes().select_related("collectivity__region").get(collectivity__slug=slug, cycle=cycle)
    except Programme.DoesNotExist as exc:
        raise Http404 from exc


def public_projects(programme: Programme) -> QuerySet[Project]:
    """The programme's projects not hidden by moderation, in axis order."""
    return programme.projects.visible().select_related("axis").order_by("axis__order", "order", "id")


def visible_observations() -> QuerySet[Observation]:
    """Observations not hidden by moderation (the participation rule for every contribution)."""
    return Observation.objects.visible()


def updates(programme: Programme, project: int | None = None) -> QuerySet[ProgressUpdate]:
    """Progress updates of the programme's public projects, project by project, oldest first."""
    qs = ProgressUpdate.objects.filter(project__programme=programme, project__is_hidden=False)
    if project:
        qs = qs.filter(project_id=project)
    return qs.select_related("project__axis").order_by(
        "project__axis__order", "project__order", "project_id", "reported_on", "id"
    )


def spending(programme: Programme, project: int | None = None) -> QuerySet[SpendingLine]:
    """Spending lines (committed and paid) of the programme's public projects, by date."""
    qs = SpendingLine.objects.filter(project__programme=programme, project__is_hidden=False)
    if project:
        qs = qs.filter(project_id=project)
    return qs.select_related("project__axis").order_by("spent_on", "id")


def indicator_values(programme: Programme, project: int | None = None) -> QuerySet[IndicatorValue]:
    """Indicator values of the programme's public projects, indicator by indicator, oldest first."""
    qs = IndicatorValue.objects.filter(indicator__project__programme=programme, indicator__project__is_hidden=False)
    if project:
        qs = qs.filter(indicator__project_id=project)
    return qs.select_related("indicator__project__axis").order_by(
        "indicator__project__axis__order",
        "indicator__project__order",
        "indicator__project_id",
        "indicator_id",
        "measured_on",
        "id",
    )


def observations(programme: Programme, project: int | None = None) -> QuerySet[Observation]:
    """Visible observations of the programme's public projects, newest first (never their author)."""
    qs = visible_observations().filter(project__programme=programme, project__is_hidden=False)
    if project:
        qs = qs.filter(project_id=project)
    return qs.select_related("project").order_by("-created_at", "-id")


def evaluations(programme: Programme, project: int | None = None) -> QuerySet[Evaluation]:
    """Published evaluations of the programme (of its public projects, and of the programme itself), with the
    aggregates of their citizens' answers annotated and the committee's scores prefetched."""
    qs = (
        public_evaluations()
        .filter(programme=programme)
        .annotate(
            # Only the answers are joined (the scorecards are prefetched): the counts are not multiplied.
            answer_count=Count("answers"),
            useful_yes=Count("answers", filter=Q(answers__useful=CitizenAnswer.Usefulness.YES)),
            useful_partly=Count("answers", filter=Q(answers__useful=CitizenAnswer.Usefulness.PARTLY)),
            useful_no=Count("answers", filter=Q(answers__useful=CitizenAnswer.Usefulness.NO)),
            satisfaction_total=Sum("answers__satisfaction"),
            informed_total=Sum("answers__informed"),
        )
        .select_related("project")
        .prefetch_related(
            Prefetch(
                "scorecards",
                queryset=Scorecard.objects.order_by("id").prefetch_related(
                    Prefetch("scores", queryset=Score.objects.select_related("criterion"))
                ),
            )
        )
        .order_by("-published_at", "-id")
    )
    if project:
        qs = qs.filter(project_id=project)
    return qs


def average(total, count: int) -> float | None:
    """``total / count`` rounded to two decimals, ``None`` without answers."""
    return round(float(total) / count, 2) if count and total is not None else None


def criterion_averages(evaluation: Evaluation) -> list[dict]:
    """The committee's average rating per criterion, in the criteria's order, from the prefetched scorecards."""
    by_criterion: dict[int, dict] = {}
    for scorecard in evaluation.scorecards.all():
        for score in scorecard.scores.all():
            row = by_criterion.setdefault(
                score.criterion_id,
                {"order": score.criterion.order, "criterion": score.criterion.title, "total": 0, "count": 0},
            )
            row["total"] += score.rating
            row["count"] += 1
    rows = sorted(by_criterion.values(), key=lambda row: (row["order"], row["criterion"]))
    return [
        {"criterion": row["criterion"], "average": average(row["total"], row["count"]), "count": row["count"]}
        for row in rows
    ]


# The OGP Local action plan: one commitment per project, one milestone per activity.


def project_code(project: Project) -> str:
    """A project's code in the programme: its axis's order and its order in the axis, e.g. ``2.1``."""
    return f"{project.axis.order}.{project.order}"


def latest_progress(project: Project) -> int:
    """The physical progress of ``project``: its latest update's (prefetched as ``latest_updates``), else the
    project's own figure."""
    latest = getattr(project, "latest_updates", None)
    return latest[0].progress if latest else project.progress


def action_plan_projects(programme: Programme) -> QuerySet[Project]:
    """The programme's public projects with what the action plan needs: their latest update and their
    activities with each one's latest status (a bounded number of queries)."""
    latest_update = ProgressUpdate.objects.filter(project=OuterRef("project")).order_by("-reported_on", "-id")
    latest_status = ActivityStatus.objects.filter(activity=OuterRef("activity")).order_by("-recorded_at", "-id")
    return public_projects(programme).prefetch_related(
        Prefetch(
            "progress_updates",
            queryset=ProgressUpdate.objects.filter(pk=Subquery(latest_update.values("pk")[:1])),
            to_attr="latest_updates",
        ),
        Prefetch(
            "activities",
            queryset=Activity.objects.order_by("order", "id").prefetch_related(
                Prefetch(
                    "statuses",
                    queryset=ActivityStatus.objects.filter(pk=Subquery(latest_status.values("pk")[:1])),
                    to_attr="latest_statuses",
                )
            ),
        ),
    )


# What the downloads page says of each data set.


@dataclass(frozen=True)
class DatasetState:
    rows: int
    latest: datetime.date | None
    fingerprint: str


def dataset_state(programme: Programme, what: str) -> DatasetState:
    """How many rows the data set ``what`` has, the date of its latest row, and a fingerprint that changes
    whenever its content may have (a row added or changed, a project renamed)."""
    projects = programme.projects.aggregate(changed=Max("updated_at"), n=Count("id"))
    if what == "updates":
        agg = (
            updates(programme)
            .order_by()
            .aggregate(rows=Count("id"), latest=Max("reported_on"), last_id=Max("id"), changed=Max("updated_at"))
        )
    elif what == "spending":
        agg = (
            spending(programme)
            .order_by()
            .aggregate(rows=Count("id"), latest=Max("spent_on"), last_id=Max("id"), changed=Max("entered_at"))
        )
    elif what == "indicators":
        agg = (
            indicator_values(programme)
            .order_by()
            .aggregate(rows=Count("id"), latest=Max("measured_on"), last_id=Max("id"), changed=Max("recorded_at"))
        )
    else:  # the action plan: one commitment per project
        agg = {"rows": projects["n"], "latest": None, "last_id": None, "changed": None}
        status = ActivityStatus.objects.filter(activity__project__programme=programme).aggregate(
            last_id=Max("id"), n=Count("id")
        )
        upd = ProgressUpdate.objects.filter(project__programme=programme).aggregate(last_id=Max("id"), n=Count("id"))
        steps = Activity.objects.filter(project__programme=programme).aggregate(last_id=Max("id"), n=Count("id"))
        agg["last_id"] = tuple(value for row in (status, upd, steps) for value in row.values())
        agg["latest"] = programme.updated_at.date()
    parts = (
        what,
        agg["rows"],
        agg["last_id"],
        agg["changed"],
        projects["changed"],
        projects["n"],
        programme.updated_at,
    )
    fingerprint = hashlib.sha256(repr(parts).encode()).hexdigest()[:12]
    return DatasetState(rows=agg["rows"], latest=agg["latest"], fingerprint=fingerprint)


def iterate(queryset: QuerySet, chunk: int = 1000) -> Iterator:
    """The rows of ``queryset`` read in chunks (never all in memory)."""
    return queryset.iterator(chunk_size=chunk)
