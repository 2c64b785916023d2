"""Read queries of the co-creation pages. Every list is built in a bounded number of queries."""

from decimal import Decimal

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

from .models import Axis, Idea, Meeting, Phase, Programme, ProgrammePhase, Project


def programme(slug: str, cycle: str) -> Programme:
    """The programme of the member ``slug`` for ``cycle``, with its phase dates; 404 when unknown."""
    try:
        return (
            Programme.objects.select_related("collectivity", "collectivity__region")
            .prefetch_related(Prefetch("phase_dates", queryset=ProgrammePhase.objects.order_by("starts_on")))
            .get(collectivity__slug=slug, cycle=cycle, collectivity__membership__isnull=False)
        )
    except Programme.DoesNotExist as exc:
        raise Http404 from exc


def current_programme(collectivity) -> Programme | None:
    """The collectivity's most recent programme (by cycle), if any."""
    return collectivity.programmes.order_by("-cycle").first()


def timeline(programme: Programme) -> list[dict]:
    """Every phase with its dates and whether it is past, current or to come."""
    dates = {d.phase: d for d in programme.phase_dates.all()}
    current = Phase.order(programme.phase)
    return [
        {
            "phase": phase,
            "label": label,
            "dates": dates.get(phase),
            "state": "past" if n < current else "current" if n == current else "future",
        }
        for n, (phase, label) in enumerate(Phase.choices)
    ]


def axes_with_totals(programme: Programme) -> QuerySet[Axis]:
    """Axes with their visible ideas, their projects (not cancelled, not hidden) and those projects' budget.

    Project figures come from subqueries: summing budgets over a join with the ideas would count each
    project once per idea of its axis.
    """
    projects = (
        Project.objects.filter(axis=OuterRef("pk"), is_hidden=False)
        .exclude(status=Project.Status.CANCELLED)
        .order_by()
        .values("axis")
    )
    return programme.axes.annotate(
        idea_count=Count("idea", filter=Q(idea__is_hidden=False), distinct=True),
        project_count=Coalesce(Subquery(projects.annotate(n=Count("id")).values("n")), 0),
        budget_total=Coalesce(Subquery(projects.annotate(total=Sum("budget")).values("total")), Decimal(0)),
    ).order_by("order", "id")


def projects(programme: Programme) -> QuerySet[Project]:
    """The programme's projects with axis, activities and source-idea counts, in axis order."""
    return (
        programme.projects.select_related("axis")
        .prefetch_related("activities")
        .annotate(source_count=Count("source_ideas", distinct=True))
        .order_by("axis__order", "order", "id")
    )


def budget_total(programme: Programme):
    """Total budget of the programme's projects (cancelled ones excluded)."""
    return programme.projects.exclude(status=Project.Status.CANCELLED).aggregate(total=Sum("budget"))["total"] or 0


def meetings(programme: Programme) -> QuerySet[Meeting]:
    return programme.meetings.select_related("axis").order_by(F("starts_at").asc(nulls_last=True), "id")


def visible_ideas(programme: Programme) -> QuerySet[Idea]:
    """Ideas the public sees (hidden ones excluded), with what list pages show."""
    return programme.ideas.filter(is_hidden=False).select_related("axis", "author", "workshop", "decision")
