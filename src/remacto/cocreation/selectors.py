"""Read queries of the co-creation pages. Every list is built in a bounded number of queries.

What the public sees follows the one visibility rule of moderated content (``VisibleQuerySet.visible()`` and
``visible_q``): hidden ideas and projects are left out of every list, count, total, export and the API.
"""

from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from remacto.participation.models import visible_q
from remacto.territories.openings import Opening

from .models import Axis, Idea, Meeting, Phase, Programme, ProgrammePhase, Project, TriageDecision


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


def programmes_of(collectivity) -> list[Programme]:
    """Every programme of the collectivity, newest cycle first (one query)."""
    return list(collectivity.programmes.order_by("-cycle"))


OPEN_PHASES = (Phase.IDEAS, Phase.CONSULTATION)


def _open_programmes(today=None) -> QuerySet[Programme]:
    """Programmes of members in a phase where citizens take part (ideas, consultation), and within that phase's
    dates when it has some."""
    today = today or timezone.localdate()
    outside = ProgrammePhase.objects.filter(programme=OuterRef("pk"), phase=OuterRef("phase")).filter(
        Q(starts_on__gt=today) | Q(ends_on__lt=today)
    )
    return Programme.objects.filter(phase__in=OPEN_PHASES, collectivity__membership__isnull=False).exclude(
        Exists(outside)
    )


def open_programmes(limit: int, today=None) -> QuerySet[Programme]:
    """Open programmes with their collectivity and the end of the current phase (``closes_on``), soonest first."""
    closes = ProgrammePhase.objects.filter(programme=OuterRef("pk"), phase=OuterRef("phase")).values("ends_on")
    return (
        _open_programmes(today)
        .select_related("collectivity")
        .annotate(closes_on=Subquery(closes[:1]))
        .order_by(F("closes_on").asc(nulls_last=True), "collectivity__name", "cycle")[:limit]
    )


def programme_openings(limit: int) -> list[Opening]:
    """Open programmes as openings of the home page's "open now" list (one query)."""
    return [
        Opening(
            collectivity=p.collectivity,
            obj=p,
            what=p.get_phase_display(),
            period=p.cycle,
            url=p.get_absolute_url(),
            closes_on=p.closes_on,
        )
        for p in open_programmes(limit)
    ]


def collectivities_with_open_programmes(today=None) -> QuerySet:
    """Ids of the collectivities with an open programme, for a subquery."""
    return _open_programmes(today).values("collectivity_id")


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
        Project.objects.visible()
        .filter(axis=OuterRef("pk"))
        .exclude(status=Project.Status.CANCELLED)
        .order_by()
        .values("axis")
    )
    return programme.axes.annotate(
        idea_count=Count("idea", filter=visible_q("idea"), distinct=True),
        project_count=Coalesce(Subquery(projects.annotate(n=Count("id")).values("n")), 0),
        budget_total=Coalesce(Subquery(projects.annotate(total=Sum("budget")).values("total")), Decimal(0)),
    ).order_by("order", "id")


def projects(programme: Programme) -> QuerySet[Project]:
    """The programme's visible projects with axis, activities and visible source-idea counts, in axis order."""
    return (
        programme.projects.visible()
        .select_related("axis")
        .prefetch_related("activities")
        .annotate(source_count=Count("source_ideas", filter=visible_q("source_ideas"), distinct=True))
        .order_by("axis__order", "order", "id")
    )


def project(programme: Programme, pk: int) -> Project:
    """One project of ``programme`` for its page (hidden ones too: the page shows the moderation note), with
    what it lists: visible source ideas only; 404 when unknown."""
    return get_object_or_404(
        programme.projects.select_related("axis").prefetch_related(
            "activities",
            "indicators",
            "amendments",
            Prefetch("source_ideas", queryset=Idea.objects.visible().order_by("title", "id")),
            "workshop_feedback__committee_answer",
        ),
        pk=pk,
    )


def idea_related(idea: Idea) -> dict[str, list]:
    """What an idea's page lists, each read only when the idea can have one: its files, the visible projects it
    led to and the visible ideas merged into it."""
    related: dict[str, list] = {"attachments": [], "projects": [], "merged": []}
    if idea.channel == Idea.Channel.ONLINE:  # staff-entered ideas have no files
        related["attachments"] = list(idea.attachments.order_by("id"))
    if idea.status == Idea.Status.ACCEPTED:  # only accepted ideas feed projects
        related["projects"] = list(idea.projects.visible().order_by("order", "id"))
    if idea.status != Idea.Status.MERGED:  # a merged idea is never a merge target
        related["merged"] = list(
            TriageDecision.objects.filter(visible_q("idea"), merged_into=idea)
            .select_related("idea")
            .order_by("idea__title")
        )
    return related


def budget_total(programme: Programme):
    """Total budget of the programme's visible projects (cancelled ones excluded)."""
    visible = programme.projects.visible().exclude(status=Project.Status.CANCELLED)
    return visible.aggregate(total=Sum("budget"))["total"] or 0


def projects_to_estimate(programme: Programme) -> list[Project]:
    """The programme's projects (cancelled ones excluded, hidden ones included: the council adopts them all) whose
    budget is still to be estimated, in axis order."""
    return list(
        programme.projects.exclude(status=Project.Status.CANCELLED)
        .filter(budget_to_estimate=True)
        .only("pk", "title")
        .order_by("axis__order", "order", "id")
    )


def projects_by_status(programme: Programme) -> dict[str, int]:
    """How many visible projects the programme has in each status."""
    rows = programme.projects.visible().values("status").annotate(n=Count("id")).order_by()
    return {row["status"]: row["n"] for row in rows}


def meetings(programme: Programme) -> QuerySet[Meeting]:
    return programme.meetings.select_related("axis").order_by(F("starts_at").asc(nulls_last=True), "id")


def visible_ideas(programme: Programme) -> QuerySet[Idea]:
    """Ideas the public sees (hidden ones excluded), with what list pages show."""
    return programme.ideas.visible().select_related("axis", "author", "workshop", "decision")
