"""Read endpoints of the advisory bodies: a member collectivity's bodies with their members, and a body's opinions
with the request each answers. Bodies of collectivities that are not members answer 404."""

from typing import Annotated

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from remacto.advisory import selectors
from remacto.advisory.models import Member

from .advisory_schemas import BodyKindValue, BodyOut, OpinionOut
from .territories import Pagination

router = Router(tags=["advisory"])

ObjectId = Annotated[int, Path(ge=1, le=2**31 - 1)]


class BodyFilters(Schema):
    member: str = Field("", max_length=100, pattern=r"^[-a-z0-9]*$", description="member slug, e.g. ben-guerir")
    kind: BodyKindValue | None = None  # type: ignore[valid-type]


def _bodies():
    members = Member.objects.select_related("user").order_by("role", "name", "id")
    return (
        selectors.bodies()
        .prefetch_related(Prefetch("members", queryset=members))
        .order_by("collectivity__slug", "kind", "id")
    )


@router.get("/advisory/bodies", response=list[BodyOut])
@paginate(Pagination)
def list_bodies(request, filters: Query[BodyFilters]):
    """Advisory bodies of member collectivities with their members and bureau roles; filterable by member and kind."""
    qs = _bodies()
    if filters.member:
        qs = qs.filter(collectivity__slug=filters.member)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return qs


@router.get("/advisory/bodies/{body_id}", response=BodyOut)
def get_body(request, body_id: ObjectId):
    return get_object_or_404(_bodies(), pk=body_id)


@router.get("/advisory/bodies/{body_id}/opinions", response=list[OpinionOut])
@paginate(Pagination)
def list_opinions(request, body_id: ObjectId):
    """The body's opinions, newest first: the request (who asked, on which draft), the text, the body's vote and
    its recommendations."""
    body = get_object_or_404(selectors.bodies(), pk=body_id)
    return selectors.opinions_of_body(body)
