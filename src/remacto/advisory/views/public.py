"""The public advisory pages: a collectivity's bodies, a body's page (members, meetings with minutes, opinions),
an opinion request with its opinion, and their PDF documents."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from remacto.core import media
from remacto.core.pagination import paginate

from .. import selectors
from ..forms import CloseForm, OpinionForm
from ..models import Meeting, Opinion

PER_PAGE = 10


def _flags(request, place, body=None) -> dict:
    user = request.user
    return {
        "can_manage": user.has_perm("advisory.manage_bodies", place),
        "can_manage_meetings": body is not None and user.has_perm("advisory.manage_meetings", body),
    }


@require_safe
def bodies(request, slug: str):
    place = selectors.collectivity(slug)
    page = paginate(request, selectors.bodies_of(place), per_page=PER_PAGE)
    return render(request, "advisory/bodies.html", {"collectivity": place, "page": page, **_flags(request, place)})


@require_safe
def body(request, slug: str, pk: int):
    place = selectors.collectivity(slug)
    body_ = selectors.body(place, pk)
    return render(
        request,
        "advisory/body.html",
        {
            "collectivity": place,
            "body": body_,
            "members": list(selectors.members(body_)),
            "meetings": paginate(request, selectors.meetings(body_), per_page=PER_PAGE, param="meetings"),
            "requests": paginate(request, selectors.requests_of(body_=body_), per_page=PER_PAGE, param="opinions"),
            **_flags(request, place, body_),
        },
    )


def request_context(request, slug: str, pk: int) -> dict:
    place = selectors.collectivity(slug)
    opinion_request = selectors.request(place, pk)
    body_ = opinion_request.body
    user = request.user
    can_give = opinion_request.is_open and user.has_perm("advisory.give_opinion", body_)
    can_close = opinion_request.is_open and user.has_perm("advisory.close_request", body_)
    return {
        "collectivity": place,
        "body": body_,
        "opinion_request": opinion_request,
        "opinion": getattr(opinion_request, "opinion", None),
        "deadline": selectors.opinion_deadline(opinion_request),
        **selectors.case_context(opinion_request, staff=user.has_perm("advisory.close_request", body_)),
        "can_give": can_give,
        "can_close": can_close,
        "opinion_form": OpinionForm() if can_give else None,
        "close_form": CloseForm() if can_close else None,
    }


@require_safe
def request_page(request, slug: str, pk: int):
    return render(request, "advisory/request.html", request_context(request, slug, pk))


@require_safe
def minutes(request, slug: str, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk, body__collectivity=selectors.collectivity(slug))
    if not meeting.minutes_document:
        raise Http404
    return media.stored_file(
        meeting.minutes_document.name, filename=f"minutes-{meeting.held_on}.pdf", as_attachment=True
    )


@require_safe
def draft_document(request, slug: str, pk: int):
    opinion_request = selectors.request(selectors.collectivity(slug), pk)
    if not opinion_request.subject_document:
        raise Http404
    return media.stored_file(opinion_request.subject_document.name, filename="draft.pdf", as_attachment=True)


@require_safe
def opinion_document(request, slug: str, pk: int):
    opinion = get_object_or_404(Opinion, request__pk=pk, request__body__collectivity=selectors.collectivity(slug))
    if not opinion.document:
        raise Http404
    return media.stored_file(opinion.document.name, filename=f"opinion-{opinion.received_on}.pdf", as_attachment=True)
