"""Reads shared by the advisory pages, the API, the CSV export, the co-creation and budget pages and the case
reminders. Everything about bodies is public; there is one visibility rule: bodies of member collectivities."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext

from remacto.accounts.models import Role
from remacto.cases import selectors as cases
from remacto.territories.models import Collectivity

from .models import Body, BureauRole, Meeting, Member, Opinion, OpinionRequest, RequestStatus


def collectivity(slug: str) -> Collectivity:
    """A member collectivity from its slug (404 otherwise)."""
    return get_object_or_404(Collectivity, slug=slug, membership__isnull=False)


def bodies() -> QuerySet[Body]:
    """The bodies shown anywhere: those of member collectivities."""
    return Body.objects.filter(collectivity__membership__isnull=False).select_related("collectivity")


def bodies_of(place: Collectivity) -> QuerySet[Body]:
    return (
        bodies()
        .filter(collectivity=place)
        .annotate(
            member_count=Count("members", distinct=True),
            opinion_count=Count("requests__opinion", distinct=True),
        )
        .order_by("kind", "name", "id")
    )


def body(place: Collectivity, pk: int) -> Body:
    return get_object_or_404(bodies(), collectivity=place, pk=pk)


def members(body_: Body) -> QuerySet[Member]:
    return body_.members.select_related("user").order_by("role", "name", "id")


def meetings(body_: Body) -> QuerySet[Meeting]:
    return body_.meetings.order_by("-held_on", "-id")


def requests() -> QuerySet[OpinionRequest]:
    return OpinionRequest.objects.select_related(
        "body__collectivity", "case", "programme__collectivity", "campaign__collectivity", "opinion"
    )


def requests_of(*, place: Collectivity | None = None, body_: Body | None = None) -> QuerySet[OpinionRequest]:
    qs = requests().filter(body__collectivity__membership__isnull=False)
    if place is not None:
        qs = qs.filter(body__collectivity=place)
    if body_ is not None:
        qs = qs.filter(body=body_)
    return qs.prefetch_related("case__deadlines").order_by("-received_on", "-id")


def request(place: Collectivity, pk: int) -> OpinionRequest:
    return get_object_or_404(requests(), body__collectivity=place, pk=pk)


def opinions() -> QuerySet[Opinion]:
    return Opinion.objects.filter(request__body__collectivity__membership__isnull=False).select_related(
        "request__body__collectivity", "request__case", "request__programme", "request__campaign"
    )


def opinions_of_body(body_: Body) -> QuerySet[Opinion]:
    return opinions().filter(request__body=body_).order_by("-received_on", "-id")


def on_programme(programme) -> dict:
    """The opinions given on a draft programme and the requests still waiting, for its page and adoption record."""
    return _on(Q(programme=programme))


def on_campaign(campaign) -> dict:
    """The opinions given on a campaign's rules and the requests still waiting."""
    return _on(Q(campaign=campaign))


def _on(subject: Q) -> dict:
    rows = list(
        OpinionRequest.objects.filter(subject)
        .select_related("body__collectivity", "case", "opinion")
        .prefetch_related("case__deadlines")
        .order_by("received_on", "id")
    )
    given = [row.opinion for row in rows if hasattr(row, "opinion")]
    waiting = [row for row in rows if row.is_open]
    return {"opinions": given, "waiting": waiting}


def opinion_deadline(request_: OpinionRequest):
    """The request's open "opinion" deadline (None when met, cancelled or without a case)."""
    if not request_.case_id:
        return None
    return next(
        (d for d in request_.case.deadlines.all() if d.kind == "opinion" and d.met_on is None and not d.cancelled),
        None,
    )


def bureau_users(body_: Body):
    """Users of the body's president and rapporteur who still hold the advisory-member role, else []."""
    users = get_user_model().objects.filter(
        pk__in=body_.members.filter(role__in=(BureauRole.PRESIDENT, BureauRole.RAPPORTEUR), user__isnull=False).values(
            "user"
        ),
        roles__collectivity=body_.collectivity,
        roles__kind=Role.Kind.ADVISORY_MEMBER,
    )
    return list(users.distinct())


def staff_users(place: Collectivity, *kinds: str):
    kinds = kinds or (Role.Kind.FOCAL_POINT,)
    return list(get_user_model().objects.filter(roles__collectivity=place, roles__kind__in=kinds).distinct())


def responsible(case):
    """Who the reminders of an opinion request go to: the body's president and rapporteur, else focal points."""
    request_ = OpinionRequest.objects.select_related("body__collectivity").filter(case=case).first()
    if request_ is None:
        return staff_users(case.collectivity)
    return bureau_users(request_.body) or staff_users(request_.body.collectivity)


def request_url(case) -> str:
    request_ = OpinionRequest.objects.select_related("body__collectivity").filter(case=case).first()
    return request_.get_absolute_url() if request_ else ""


REGISTER_COLUMNS = [
    "number",
    "body",
    "body_kind",
    "asked_by",
    "subject_kind",
    "subject",
    "received_on",
    "deadline",
    "status",
    "answered_on",
    "votes_for",
    "votes_against",
    "votes_abstain",
    "recommendations",
]


def register_rows(place: Collectivity):
    """The collectivity's opinion requests for the staff CSV export: columns and rows (coded values, ISO dates)."""

    def rows():
        for row in requests_of(place=place).iterator(chunk_size=500):
            opinion = getattr(row, "opinion", None)
            deadline = opinion_deadline(row) or _any_deadline(row)
            yield {
                "number": row.case.number if row.case_id else "",
                "body": row.body.name,
                "body_kind": row.body.kind,
                "asked_by": row.asked_by,
                "subject_kind": row.subject_kind,
                "subject": str(row.subject),
                "received_on": row.received_on.isoformat(),
                "deadline": deadline.due.isoformat() if deadline else "",
                "status": row.status,
                "answered_on": opinion.received_on.isoformat() if opinion else "",
                "votes_for": opinion.votes_for if opinion else None,
                "votes_against": opinion.votes_against if opinion else None,
                "votes_abstain": opinion.votes_abstain if opinion else None,
                "recommendations": " | ".join(opinion.recommendations) if opinion else "",
            }

    return REGISTER_COLUMNS, rows()


def _any_deadline(request_: OpinionRequest):
    if not request_.case_id:
        return None
    return next((d for d in request_.case.deadlines.all() if d.kind == "opinion" and not d.cancelled), None)


def case_context(request_: OpinionRequest, *, staff: bool) -> dict:
    """The request's status history (the whole of it for staff) and deadlines, for ``cases/_history.html`` and
    ``cases/_deadlines.html``; nothing for a request carried over from co-creation (it has no case)."""
    if not request_.case_id:
        return {"events": [], "deadlines": [], "has_case": False}
    events = cases.labelled(cases.history(request_.case, public_only=not staff), RequestStatus)
    deadlines = cases.with_days_left(
        cases.deadlines(request_.case, include_closed=True), kinds={"opinion": gettext("opinion")}
    )
    return {"events": events, "deadlines": deadlines, "has_case": True, "show_actor": staff}


def register_url(place) -> str:
    """The public list of a collectivity's bodies, with their requests and opinions (none for the network)."""
    return reverse("advisory:bodies", kwargs={"slug": place.slug}) if place is not None else ""
