"""Read endpoints of the good-practice library: published practices only (the one visibility rule of
``practices.selectors``), searched with the same spelling folding as the pages."""

from typing import Annotated

from django.conf import settings
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from remacto.practices import selectors

from .practices_schemas import PracticeDetailOut, PracticeOut, PracticePrinciple
from .schemas import CollectivityKind
from .territories import Pagination

router = Router(tags=["practices"])

ObjectId = Annotated[int, Path(ge=1, le=2**31 - 1)]


class PracticeFilters(Schema):
    q: str = Field("", max_length=settings.SEARCH_MAX_LENGTH, description="words (Arabic or French, spelling folded)")
    axis: str = Field("", max_length=settings.SEARCH_MAX_LENGTH, description="words of an axis")
    principle: PracticePrinciple | None = None  # type: ignore[valid-type]
    kind: CollectivityKind | None = None  # type: ignore[valid-type]
    member: str = Field("", max_length=80, pattern=r"^[-a-z0-9]*$", description="member slug")


@router.get("/practices", response=list[PracticeOut])
@paginate(Pagination)
def list_practices(request, filters: Query[PracticeFilters]):
    """Published good practices, newest first; filterable by words, axis, principle, collectivity kind and member."""
    return selectors.with_structure(
        selectors.search(
            selectors.published(),
            q=filters.q,
            axis=filters.axis,
            principle=filters.principle.value if filters.principle else "",
            kind=filters.kind.value if filters.kind else "",
            member=filters.member,
        )
    )


@router.get("/practices/{practice_id}", response=PracticeDetailOut)
def get_practice(request, practice_id: ObjectId):
    """One published practice with its description, results, contact, axes and projects, and documents."""
    qs = selectors.with_structure(selectors.published()).prefetch_related("documents")
    return get_object_or_404(qs, pk=practice_id)
