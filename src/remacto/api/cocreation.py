"""Read endpoints for openness action programmes, their ideas (public fields only) and their projects.

Only programmes of member collectivities; hidden ideas and projects are never listed and answer 404.
"""

from typing import Annotated

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from remacto.cocreation.models import Adoption, Idea, Phase, Programme, ProgrammePhase, Project
from remacto.cocreation.selectors import axes_with_totals

from .cocreation_schemas import IdeaDetailOut, IdeaOut, ProgrammeDetailOut, ProgrammeOut, ProjectDetailOut, ProjectOut
from .schemas import choices_enum
from .territories import Pagination

router = Router(tags=["programmes"])

ObjectId = Annotated[int, Path(ge=1, le=2**31 - 1)]
PhaseValue = choices_enum("Phase", Phase)
IdeaChannel = choices_enum("IdeaChannel", Idea.Channel)
IdeaStatus = choices_enum("IdeaStatus", Idea.Status)


def _programmes():
    return Programme.objects.filter(collectivity__membership__isnull=False).select_related("collectivity")


def _visible_ideas():
    return (
        Idea.objects.visible()
        .filter(programme__collectivity__membership__isnull=False)
        .select_related("programme__collectivity", "decision")
    )


def _visible_projects():
    return (
        Project.objects.visible()
        .filter(programme__collectivity__membership__isnull=False)
        .select_related("programme__collectivity")
    )


class ProgrammeFilters(Schema):
    collectivity: str = Field("", max_length=100, pattern=r"^[-a-z0-9]*$", description="member slug, e.g. ben-guerir")
    cycle: str = Field("", pattern=r"^(|\d{4}-\d{4})$", description="cycle, e.g. 2024-2025")
    phase: PhaseValue | None = None  # type: ignore[valid-type]


@router.get("/programmes", response=list[ProgrammeOut])
@paginate(Pagination)
def list_programmes(request, filters: Query[ProgrammeFilters]):
    """Openness action programmes of member collectivities, filterable by collectivity, cycle and phase."""
    qs = _programmes().order_by("collectivity__slug", "-cycle")
    if filters.collectivity:
        qs = qs.filter(collectivity__slug=filters.collectivity)
    if filters.cycle:
        qs = qs.filter(cycle=filters.cycle)
    if filters.phase:
        qs = qs.filter(phase=filters.phase)
    return qs


@router.get("/programmes/{programme_id}", response=ProgrammeDetailOut)
def get_programme(request, programme_id: ObjectId):
    """A programme with its phase dates, its axes (principles, counts, budgets) and its adoption."""
    programme = get_object_or_404(
        _programmes().prefetch_related(Prefetch("phase_dates", queryset=ProgrammePhase.objects.order_by("starts_on"))),
        pk=programme_id,
    )
    programme.axis_list = list(axes_with_totals(programme))
    try:
        programme.adoption_or_none = programme.adoption
    except Adoption.DoesNotExist:
        programme.adoption_or_none = None
    return programme


class IdeaFilters(Schema):
    axis: int | None = Field(None, ge=1, le=2**31 - 1, description="axis id")
    channel: IdeaChannel | None = None  # type: ignore[valid-type]
    status: IdeaStatus | None = None  # type: ignore[valid-type]


@router.get("/programmes/{programme_id}/ideas", response=list[IdeaOut])
@paginate(Pagination)
def list_ideas(request, programme_id: ObjectId, filters: Query[IdeaFilters]):
    """The programme's ideas, oldest first, public fields only; hidden ideas are left out."""
    programme = get_object_or_404(_programmes(), pk=programme_id)
    qs = _visible_ideas().filter(programme=programme).order_by("created_at", "id")
    if filters.axis:
        qs = qs.filter(axis_id=filters.axis)
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return qs


@router.get("/ideas/{idea_id}", response=IdeaDetailOut)
def get_idea(request, idea_id: ObjectId):
    """One idea's public fields, its triage decision and the projects it led to; 404 when hidden."""
    qs = _visible_ideas().prefetch_related(
        Prefetch("projects", queryset=Project.objects.visible().only("id").order_by("id"))
    )
    return get_object_or_404(qs, pk=idea_id)


@router.get("/programmes/{programme_id}/projects", response=list[ProjectOut])
@paginate(Pagination)
def list_projects(request, programme_id: ObjectId):
    """The programme's projects in axis order."""
    programme = get_object_or_404(_programmes(), pk=programme_id)
    return _visible_projects().filter(programme=programme).order_by("axis__order", "order", "id")


@router.get("/projects/{project_id}", response=ProjectDetailOut)
def get_project(request, project_id: ObjectId):
    """One project with its activities, indicators and the ids of its (visible) source ideas."""
    qs = _visible_projects().prefetch_related(
        "activities",
        "indicators",
        Prefetch("source_ideas", queryset=Idea.objects.visible().only("id").order_by("id")),
    )
    return get_object_or_404(qs, pk=project_id)
