"""Read endpoints of access to information: the answers members published for everyone and the documents they
publish of their own accord, paginated, filterable by member (and category) and searchable. Both come from
:mod:`remacto.information.selectors`, the same reads as the pages."""

from django.conf import settings
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from remacto.information import selectors

from .information_schemas import DisclosureCategory, DisclosureOut, PublishedAnswerOut
from .territories import Pagination

router = Router(tags=["information"])

MEMBER = Field("", max_length=100, pattern=r"^[-a-z0-9]*$", description="member slug, e.g. ben-guerir")


class AnswerFilters(Schema):
    member: str = MEMBER
    q: str = Field("", max_length=settings.SEARCH_MAX_LENGTH, description="words of the question or the answer")


class DisclosureFilters(AnswerFilters):
    category: DisclosureCategory | None = None  # type: ignore[valid-type]


def _of_member(qs, field: str, slug: str):
    """``qs`` narrowed to the member ``slug`` (an unknown slug gives an empty list, as other list filters do)."""
    return qs.filter(**{f"{field}__slug": slug}) if slug else qs


@router.get("/information/answers", response=list[PublishedAnswerOut])
@paginate(Pagination)
def list_answers(request, filters: Query[AnswerFilters]):
    """Answers to information requests published for everyone, newest first (without the requester's identity)."""
    return _of_member(selectors.published_answers(q=filters.q), "case__collectivity", filters.member)


@router.get("/information/documents", response=list[DisclosureOut])
@paginate(Pagination)
def list_documents(request, filters: Query[DisclosureFilters]):
    """Documents members publish of their own accord (budget, deliberations, programmes, other), newest first."""
    documents = selectors.disclosures(q=filters.q, category=filters.category or "")
    return _of_member(documents, "collectivity", filters.member)
