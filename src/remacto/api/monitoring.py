"""Read endpoints of an adopted programme's implementation: progress updates, spending lines, indicator values,
observations and evaluations, each paginated and filterable by project.

Only adopted programmes of member collectivities (404 otherwise) and their projects not hidden by moderation;
observations hidden by moderation and evaluations not yet published are never listed
(:mod:`remacto.monitoring.selectors.opendata`).
"""

from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from remacto.monitoring.selectors import opendata as selectors

from .monitoring_schemas import (
    EvaluationOut,
    IndicatorValueOut,
    ObservationOut,
    ProgressUpdateOut,
    SpendingKind,
    SpendingLineOut,
)
from .territories import Pagination

router = Router(tags=["monitoring"])

ObjectId = Annotated[int, Path(ge=1, le=2**31 - 1)]


class ProjectFilter(Schema):
    project: int | None = Field(None, ge=1, le=2**31 - 1, description="project id")


class SpendingFilters(ProjectFilter):
    kind: SpendingKind | None = None  # type: ignore[valid-type]


def _programme(programme_id: int):
    return get_object_or_404(selectors.public_programmes(), pk=programme_id)


@router.get("/monitoring/programmes/{programme_id}/updates", response=list[ProgressUpdateOut])
@paginate(Pagination)
def list_updates(request, programme_id: ObjectId, filters: Query[ProjectFilter]):
    """Progress updates of the programme's projects, project by project, oldest first."""
    return selectors.updates(_programme(programme_id), filters.project)


@router.get("/monitoring/programmes/{programme_id}/spending", response=list[SpendingLineOut])
@paginate(Pagination)
def list_spending(request, programme_id: ObjectId, filters: Query[SpendingFilters]):
    """Spending lines (committed and paid, in MAD), by date; filterable by project and kind."""
    qs = selectors.spending(_programme(programme_id), filters.project)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return qs


@router.get("/monitoring/programmes/{programme_id}/indicators", response=list[IndicatorValueOut])
@paginate(Pagination)
def list_indicator_values(request, programme_id: ObjectId, filters: Query[ProjectFilter]):
    """Indicator values with their indicator's unit, baseline and target, oldest first."""
    return selectors.indicator_values(_programme(programme_id), filters.project)


@router.get("/monitoring/programmes/{programme_id}/observations", response=list[ObservationOut])
@paginate(Pagination)
def list_observations(request, programme_id: ObjectId, filters: Query[ProjectFilter]):
    """Residents' observations (those not hidden by moderation) and their public answers, newest first."""
    return selectors.observations(_programme(programme_id), filters.project)


@router.get("/monitoring/programmes/{programme_id}/evaluations", response=list[EvaluationOut])
@paginate(Pagination)
def list_evaluations(request, programme_id: ObjectId, filters: Query[ProjectFilter]):
    """Published evaluations (of projects and of the programme) with the citizens' answers and the committee's
    scores aggregated; unpublished ones are never listed."""
    return selectors.evaluations(_programme(programme_id), filters.project)
