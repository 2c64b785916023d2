"""Read endpoints of the network's events and trainings: lists with filters, one event with its agenda, speakers
and outputs. Every event is public; registrations are not published."""

from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from remacto.events import selectors
from remacto.events.models import Kind

from .events_schemas import EventDetailOut, EventLevelValue, EventOut, TopicValue
from .territories import Pagination

router = Router(tags=["events"])

ObjectId = Annotated[int, Path(ge=1, le=2**31 - 1)]


class EventFilters(Schema):
    level: EventLevelValue | None = None  # type: ignore[valid-type]
    region: str = Field("", max_length=2, pattern=r"^[0-9]*$", description="region code, e.g. 01")
    upcoming: bool = Field(False, description="only events that have not ended yet")


class TrainingFilters(EventFilters):
    topic: TopicValue | None = None  # type: ignore[valid-type]


def _filtered(kind: str, filters: EventFilters):
    qs = selectors.upcoming(kind) if filters.upcoming else selectors.events(kind).order_by("-starts_on", "pk")
    if filters.level:
        qs = qs.filter(level=filters.level)
    if filters.region:
        qs = qs.filter(region__code=filters.region)
    return qs


@router.get("/events", response=list[EventOut])
@paginate(Pagination)
def list_events(request, filters: Query[EventFilters]):
    """Meetings of the network and of its members (national, regional, collectivity), newest first."""
    return _filtered(Kind.MEETING, filters)


@router.get("/events/{event_id}", response=EventDetailOut)
def get_event(request, event_id: ObjectId):
    """One event or training with its agenda (parallel workshops share a ``parallel_group``), speakers and outputs."""
    return get_object_or_404(selectors.with_programme(selectors.events()), pk=event_id)


@router.get("/trainings", response=list[EventOut])
@paginate(Pagination)
def list_trainings(request, filters: Query[TrainingFilters]):
    """Training sessions (topic, audience, trainer, remote or in person)."""
    qs = _filtered(Kind.TRAINING, filters)
    if filters.topic:
        qs = qs.filter(topic=filters.topic)
    return qs
