"""Read queries of information requests and published documents, shared by pages, the API and the exports.

Who sees a request is decided here once (:func:`visible_requests`): the requester sees their own requests, the
information officers and focal points of a collectivity see its register, network admins see every register;
everybody else sees only the answers published for everyone (:func:`published_answers`), never who asked.
"""

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from remacto.accounts.rules import is_network_admin, role_keys
from remacto.cases import selectors as case_selectors
from remacto.cases.models import CaseEvent, Deadline
from remacto.core.text import normalise
from remacto.territories.models import Collectivity

from . import clock
from .models import DisclosureDocument, InformationRequest, Status
from .rules import STAFF_KINDS


def member(slug: str) -> Collectivity:
    """The member collectivity ``slug``; 404 for unknown slugs."""
    return get_object_or_404(Collectivity.objects.select_related("membership"), slug=slug, membership__isnull=False)


def any_collectivity(slug: str) -> Collectivity:
    """The collectivity ``slug``, member or not (a request page says why a non-member cannot receive one)."""
    return get_object_or_404(Collectivity.objects.select_related("membership"), slug=slug)


def _with_case(qs: QuerySet[InformationRequest]) -> QuerySet[InformationRequest]:
    deadlines = Prefetch("case__deadlines", queryset=Deadline.objects.order_by("due", "id"))
    return qs.select_related("case__collectivity", "case__requester", "officer", "complaint").prefetch_related(
        deadlines
    )


def staff_collectivity_ids(user) -> set[int]:
    """The collectivities whose register ``user`` handles (information officer or focal point there)."""
    if not user.is_authenticated:
        return set()
    return {pk for pk, kind in role_keys(user) if kind in STAFF_KINDS and pk is not None}


def visible_requests(user) -> QuerySet[InformationRequest]:
    """The one visibility rule: the requests ``user`` may open."""
    qs = InformationRequest.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if not is_network_admin(user):
        qs = qs.filter(Q(case__requester=user) | Q(case__collectivity__in=staff_collectivity_ids(user)))
    return _with_case(qs)


def request_for(user, collectivity: Collectivity, pk: int) -> InformationRequest:
    """One request of ``collectivity`` that ``user`` may open; 404 otherwise (never saying it exists)."""
    return get_object_or_404(visible_requests(user), pk=pk, case__collectivity=collectivity)


def my_requests(user) -> QuerySet[InformationRequest]:
    """The requests ``user`` filed, newest first."""
    return visible_requests(user).filter(case__requester=user).order_by("-case__received_on", "-id")


def register(user, collectivity: Collectivity, *, q: str = "", status: str = "") -> QuerySet[InformationRequest]:
    """The collectivity's register as ``user`` may see it, filtered by status and searched by number or subject."""
    qs = visible_requests(user).filter(case__collectivity=collectivity)
    if status in Status.values:
        qs = qs.filter(case__status=status)
    q = (q or "").strip()
    if q:
        qs = qs.filter(Q(case__number__iexact=q) | Q(subject__icontains=q) | Q(requester_name__icontains=q))
    return qs.order_by("-case__received_on", "-id")


def with_clock(requests) -> list[InformationRequest]:
    """``requests`` (with their deadlines prefetched) as a list, each with ``due`` and ``is_overdue`` for lists."""
    found = list(requests)
    for request in found:
        request.due, request.is_overdue = clock.answer_due(request), clock.overdue(request)
    return found


def timeline(request: InformationRequest, *, public_only: bool) -> list[CaseEvent]:
    """The request's status history with each status named (the requester and the PDF: public entries only)."""
    return case_selectors.labelled(case_selectors.history(request.case, public_only=public_only), Status)


def deadlines(request: InformationRequest) -> list[Deadline]:
    """Every deadline the request had (an extension replaces the first one), named, with the days left."""
    return case_selectors.with_days_left(request.case.deadlines.all(), kinds=clock.DEADLINE_NAMES)


def _searched(qs, field: str, collectivity: Collectivity | None, q: str):
    """``qs`` of one collectivity (``field`` names it; all members when None) whose ``search_text`` holds every
    word of ``q``, folded like it (Arabic letter forms and diacritics, French accents)."""
    if collectivity is not None:
        qs = qs.filter(**{field: collectivity})
    for word in normalise(q or "").split():
        qs = qs.filter(search_text__contains=word)
    return qs


def published_answers(*, collectivity: Collectivity | None = None, q: str = "") -> QuerySet[InformationRequest]:
    """Answers published for everyone, newest first; only public fields are meant to be read from them."""
    qs = InformationRequest.objects.filter(
        published_at__isnull=False, case__collectivity__membership__isnull=False
    ).select_related("case__collectivity", "disclosure")
    return _searched(qs, "case__collectivity", collectivity, q).order_by("-published_at", "-id")


def published_answer(collectivity: Collectivity, pk: int) -> InformationRequest:
    return get_object_or_404(published_answers(collectivity=collectivity), pk=pk)


def disclosures(
    *, collectivity: Collectivity | None = None, q: str = "", category: str = ""
) -> QuerySet[DisclosureDocument]:
    """Published documents of member collectivities, newest first, filtered by category and searched."""
    qs = DisclosureDocument.objects.filter(collectivity__membership__isnull=False).select_related("collectivity")
    if category in DisclosureDocument.Category.values:
        qs = qs.filter(category=category)
    return _searched(qs, "collectivity", collectivity, q).order_by("-published_on", "-id")


def disclosure(collectivity: Collectivity, pk: int) -> DisclosureDocument:
    return get_object_or_404(disclosures(collectivity=collectivity), pk=pk)
