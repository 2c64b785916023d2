"""Staff and bureau pages: set up a body and its members, record meetings, record an opinion request, give or
record the opinion, close a request, and the register of requests with its CSV export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from remacto.cocreation import exports
from remacto.core.forms import apply_service_errors
from remacto.core.pagination import paginate

from .. import selectors
from ..forms import BodyForm, CloseForm, MeetingForm, MemberForm, OpinionForm, RequestForm
from ..models import Member
from ..services import bodies as body_services
from ..services import meetings as meeting_services
from ..services import opinions as opinion_services
from .public import request_context

PER_PAGE = 20


def _require(request, perm: str, obj) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _form_page(request, ctx: dict, title: str, form, status: int = 200):
    return render(request, "advisory/form_page.html", {**ctx, "title": title, "form": form}, status=status)


def _run(request, form, action, success: str, target):
    """Call ``action()`` once the form is valid; service errors come back on the form. None when not saved."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action()
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return None
    messages.success(request, success)
    return redirect(target(result) if callable(target) else target)


@login_required
def body_edit(request, slug: str, pk: int | None = None):
    place = selectors.collectivity(slug)
    _require(request, body_services.MANAGE, place)
    body = selectors.body(place, pk) if pk else None
    initial = {"kind": body.kind, "name": body.name, "description": body.description} if body else None
    form = BodyForm(request.POST or None, initial=initial, collectivity=place)

    def save():
        if body is None:
            return body_services.create_body(request.user, place, form.cleaned_data)
        return body_services.update_body(request.user, body, form.cleaned_data)

    done = _run(request, form, save, _("The body is saved."), lambda saved: saved.get_absolute_url())
    if done:
        return done
    title = _("Change the advisory body") if body else _("New advisory body")
    return _form_page(request, {"collectivity": place, "body": body}, title, form, 400 if form.is_bound else 200)


@login_required
def members(request, slug: str, pk: int):
    place = selectors.collectivity(slug)
    body = selectors.body(place, pk)
    _require(request, body_services.MEMBERS, body)
    form = MemberForm(request.POST or None, body=body)
    done = _run(
        request,
        form,
        lambda: body_services.add_member(request.user, body, form.cleaned_data),
        _("The member is added."),
        lambda _member: request.path,
    )
    if done:
        return done
    ctx = {"collectivity": place, "body": body, "members": list(selectors.members(body)), "form": form}
    return render(request, "advisory/members.html", ctx, status=400 if form.is_bound else 200)


@login_required
@require_POST
def member_remove(request, slug: str, pk: int, member: int):
    place = selectors.collectivity(slug)
    body = selectors.body(place, pk)
    body_services.remove_member(request.user, get_object_or_404(Member, pk=member, body=body))
    messages.success(request, _("The member is removed."))
    return redirect("advisory:members", slug=slug, pk=pk)


@login_required
def meeting_edit(request, slug: str, pk: int, meeting: int | None = None):
    place = selectors.collectivity(slug)
    body = selectors.body(place, pk)
    _require(request, meeting_services.MANAGE, body)
    existing = get_object_or_404(body.meetings, pk=meeting) if meeting else None
    initial = None
    if existing:
        initial = {"held_on": existing.held_on, "agenda": existing.agenda, "minutes": existing.minutes}
    form = MeetingForm(request.POST or None, request.FILES or None, initial=initial)
    done = _run(
        request,
        form,
        lambda: meeting_services.save_meeting(
            request.user, body, form.cleaned_data, form.cleaned_data.get("minutes_document"), meeting=existing
        ),
        _("The meeting is saved."),
        body.get_absolute_url(),
    )
    if done:
        return done
    ctx = {"collectivity": place, "body": body, "multipart": True}
    return _form_page(request, ctx, _("Meeting of the body"), form, 400 if form.is_bound else 200)


@login_required
def request_new(request, slug: str):
    place = selectors.collectivity(slug)
    _require(request, "advisory.manage_bodies", place)
    initial = {key: request.GET[key] for key in ("programme", "campaign", "subject_kind", "body") if key in request.GET}
    form = RequestForm(request.POST or None, request.FILES or None, collectivity=place, initial=initial)
    done = _run(
        request,
        form,
        lambda: opinion_services.request_opinion(
            request.user, form.cleaned_data["body"], form.cleaned_data, form.cleaned_data.get("subject_document")
        ),
        _("The request is recorded; the body's bureau is told."),
        lambda saved: saved.get_absolute_url(),
    )
    if done:
        return done
    ctx = {"collectivity": place, "multipart": True}
    return _form_page(request, ctx, _("Request an advisory opinion"), form, 400 if form.is_bound else 200)


def _on_request(request, slug: str, pk: int, *, perm: str, form_class, form_key: str, action, success: str):
    """Run ``action(opinion_request, cleaned_data)`` from the request page's form ``form_key``; back to the page with
    the errors otherwise."""
    ctx = request_context(request, slug, pk)
    opinion_request = ctx["opinion_request"]
    _require(request, perm, opinion_request.body)
    form = form_class(request.POST, request.FILES)
    done = _run(
        request,
        form,
        lambda: action(opinion_request, form.cleaned_data),
        success,
        opinion_request.get_absolute_url(),
    )
    return done or render(request, "advisory/request.html", {**ctx, form_key: form}, status=400)


@login_required
@require_POST
def opinion_give(request, slug: str, pk: int):
    return _on_request(
        request,
        slug,
        pk,
        perm=opinion_services.GIVE,
        form_class=OpinionForm,
        form_key="opinion_form",
        action=lambda asked, data: opinion_services.give_opinion(request.user, asked, data, data.get("document")),
        success=_("The opinion is recorded and shown on the draft."),
    )


@login_required
@require_POST
def request_close(request, slug: str, pk: int):
    return _on_request(
        request,
        slug,
        pk,
        perm=opinion_services.CLOSE,
        form_class=CloseForm,
        form_key="close_form",
        action=lambda asked, data: opinion_services.close_request(request.user, asked, data["reason"]),
        success=_("The request is closed."),
    )


@login_required
@require_safe
def register(request, slug: str):
    place = selectors.collectivity(slug)
    _require(request, "advisory.export_requests", place)
    page = paginate(request, selectors.requests_of(place=place), per_page=PER_PAGE)
    return render(request, "advisory/register.html", {"collectivity": place, "page": page})


@login_required
@require_safe
def register_csv(request, slug: str):
    place = selectors.collectivity(slug)
    _require(request, "advisory.export_requests", place)
    columns, rows = selectors.register_rows(place)
    response = StreamingHttpResponse(exports.csv_rows(columns, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{place.slug}-opinion-requests.csv"'
    return response
