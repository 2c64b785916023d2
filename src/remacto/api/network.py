"""Read endpoints of the network layer: public membership decisions and published news (network and members).

Pending applications, the focal point's contact and the deliberation are never exposed; drafts never listed.
"""

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from remacto.network import selectors
from remacto.territories import selectors as territories_selectors
from remacto.territories.models import Collectivity

from .network_schemas import DecisionOut, DecisionStatus, NewsOut
from .territories import Pagination

router = Router(tags=["network"])


class DecisionFilters(Schema):
    status: DecisionStatus | None = None  # type: ignore[valid-type]
    member: str = Field("", max_length=80, pattern=r"^[-a-z0-9]*$", description="member slug")


@router.get("/network/decisions", response=list[DecisionOut])
@paginate(Pagination)
def list_decisions(request, filters: Query[DecisionFilters]):
    """Decisions on membership applications, newest first: the collectivity, accepted or rejected, the public
    decision text (the reason, when rejected) and the cohort year of accepted members."""
    qs = selectors.public_decisions()
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.member:
        qs = qs.filter(collectivity__slug=filters.member)
    return qs


@router.get("/network/news", response=list[NewsOut])
@paginate(Pagination)
def list_network_news(request):
    """Published news of the network itself, newest first."""
    return selectors.published_news(None)


@router.get("/collectivities/{slug}/news", response=list[NewsOut])
@paginate(Pagination)
def list_member_news(request, slug: str):
    """Published news of one member's space, newest first; 404 for a collectivity that is not a member."""
    try:
        member = territories_selectors.space(slug)
    except Collectivity.DoesNotExist as exc:
        raise Http404 from exc
    return selectors.published_news(member)
