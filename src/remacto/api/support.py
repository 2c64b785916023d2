"""Read endpoints of the public FAQ of the support desk, paginated, filterable by category and searchable (the
same read as the page, :func:`remacto.support.selectors.faq`). Tickets are never exposed here."""

from typing import Annotated

from django.conf import settings
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from remacto.support import selectors

from .support_schemas import FaqCategory, FaqEntryOut
from .territories import Pagination

router = Router(tags=["support"])

ObjectId = Annotated[int, Path(ge=1, le=2**31 - 1)]


class FaqFilters(Schema):
    q: str = Field("", max_length=settings.SEARCH_MAX_LENGTH, description="words of the question or the answer")
    category: FaqCategory | None = None  # type: ignore[valid-type]


@router.get("/support/faq", response=list[FaqEntryOut])
@paginate(Pagination)
def list_faq(request, filters: Query[FaqFilters]):
    """The network team's answers to frequent questions, newest first (no member, no person)."""
    return selectors.faq(q=filters.q, category=filters.category or "")


@router.get("/support/faq/{entry_id}", response=FaqEntryOut)
def get_faq(request, entry_id: ObjectId):
    return selectors.faq_entry(entry_id)
