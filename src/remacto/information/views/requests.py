"""Information requests: filing one online, recording one received on paper or by email, the requester's list,
the collectivity's register (and its CSV), and one request with the step each person may take on it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from remacto.cocreation.exports import csv_rows
from remacto.core import media
from remacto.core.forms import apply_service_errors
from remacto.core.http import too_many_requests
from remacto.core.pagination import paginate, querystring_without_page
from remacto.participation import limits

from .. import cdai, clock, exports, selectors
from ..forms import (
    AnswerForm,
    AssignForm,
    ComplaintAnswerForm,
    ComplaintForm,
    ExtendForm,
    PublishForm,
    RecordForm,
    RefuseForm,
    RegisterFilterForm,
    RequestForm,
)
from ..models import Status
from ..services import complaints
from ..services import requests as services

PER_PAGE = 20


@login_required
def file_request(request, slug: str):
    """The form of a request to the collectivity ``slug``; a collectivity outside the network is refused clearly."""
    collectivity = selectors.any_collectivity(slug)
    if not hasattr(collectivity, "membership"):
        message = _("%(name)s is not a member of the network: it does not receive requests on this platform.") % {
            "name": collectivity
        }
        return render(
            request, "information/not_member.html", {"collectivity": collectivity, "message": message}, status=400
        )
    form = RequestForm(request.POST or None)
    wait = None
    if request.method == "POST" and form.is_valid():
        try:
            created = services.file_request(request.user, collectivity, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
            wait = limits.retry_after(exc)
        else:
            messages.success(
                request, _("Your request is registered under the number %(number)s.") % {"number": created.number}
            )
            return redirect(created.get_absolute_url())
    response = render(
        request,
        "information/request_form.html",
        {"collectivity": collectivity, "form": form, "staff_form": False},
        status=400 if form.errors and wait is None else 200,
    )
    return too_many_requests(response, wait)


@login_required
def record_request(request, slug: str):
    """Staff record a request received on paper or by email, with its real date of receipt."""
    collectivity = selectors.member(slug)
    if not request.user.has_perm(services.RECORD, collectivity):
        raise PermissionDenied(_("You are not allowed to do this."))
    form = RecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.record_request(request.user, collectivity, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request, _("The request is registered under the number %(number)s.") % {"number": created.number}
            )
            return redirect(created.get_absolute_url())
    return render(
        request,
        "information/request_form.html",
        {"collectivity": collectivity, "form": form, "staff_form": True},
        status=400 if form.errors else 200,
    )


@login_required
def mine(request):
    page = paginate(request, selectors.my_requests(request.user), per_page=PER_PAGE)
    page.object_list = selectors.with_clock(page.object_list)
    return render(request, "information/mine.html", {"page": page})


def _register_filters(request) -> tuple[RegisterFilterForm, dict]:
    form = RegisterFilterForm(request.GET or None)
    values = form.cleaned_data if form.is_valid() else {}
    return form, {"q": values.get("q") or "", "status": values.get("status") or ""}


def _staff_register(request, slug: str):
    collectivity = selectors.member(slug)
    if not request.user.has_perm("information.view_register", collectivity):
        raise PermissionDenied(_("You are not allowed to do this."))
    return collectivity


@login_required
def register(request, slug: str):
    collectivity = _staff_register(request, slug)
    form, filters = _register_filters(request)
    page = paginate(request, selectors.register(request.user, collectivity, **filters), per_page=PER_PAGE)
    page.object_list = selectors.with_clock(page.object_list)
    return render(
        request,
        "information/register.html",
        {
            "collectivity": collectivity,
            "form": form,
            "page": page,
            "querystring": querystring_without_page(request),
            "can_record": request.user.has_perm(services.RECORD, collectivity),
        },
    )


@login_required
@require_safe
def register_csv(request, slug: str):
    collectivity = _staff_register(request, slug)
    _form, filters = _register_filters(request)
    requests = selectors.register(request.user, collectivity, **filters).iterator(chunk_size=500)
    response = StreamingHttpResponse(
        csv_rows(exports.COLUMNS, exports.rows(requests)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="information-requests-{collectivity.slug}.csv"'
    return response


# action -> (form class, service call); each service checks who may act and when.
ACTIONS = {
    "assign": (AssignForm, lambda user, item, data: services.assign(user, item, data["officer"])),
    "extend": (ExtendForm, lambda user, item, data: services.extend(user, item, **data)),
    "answer": (AnswerForm, lambda user, item, data: services.answer(user, item, **data)),
    "refuse": (RefuseForm, lambda user, item, data: services.refuse(user, item, **data)),
    "publish": (PublishForm, lambda user, item, data: services.publish_answer(user, item, **data)),
    "unpublish": (None, lambda user, item, data: services.unpublish_answer(user, item)),
    "complain": (ComplaintForm, lambda user, item, data: complaints.complain(user, item, **data)),
    "answer_complaint": (ComplaintAnswerForm, lambda user, item, data: complaints.answer_complaint(user, item, **data)),
}
DONE = {
    "assign": gettext_lazy("The officer in charge is set."),
    "extend": gettext_lazy("The deadline is extended; the requester is told why."),
    "answer": gettext_lazy("The answer is sent to the requester."),
    "refuse": gettext_lazy("The refusal is sent to the requester."),
    "publish": gettext_lazy("The answer is published for everyone."),
    "unpublish": gettext_lazy("The answer is no longer published."),
    "complain": gettext_lazy("Your complaint is sent to the head of the collectivity."),
    "answer_complaint": gettext_lazy("The answer to the complaint is recorded and sent to the requester."),
}


def _allowed(user, item) -> dict[str, bool]:
    """Which steps ``user`` may take on the request now (the services check the same again)."""
    unanswered = clock.is_unanswered(item)
    handles = user.has_perm(services.HANDLE, item)
    return {
        "assign": unanswered and user.has_perm(services.ASSIGN, item),
        "extend": handles and clock.can_extend(item),
        "answer": handles and clock.can_answer(item),
        "refuse": handles and unanswered,
        "publish": user.has_perm(services.PUBLISH, item) and services.can_publish(item),
        "unpublish": user.has_perm(services.PUBLISH, item) and item.is_published,
        "complain": user.has_perm(complaints.COMPLAIN, item) and clock.can_complain(item),
        "answer_complaint": user.has_perm(complaints.ANSWER_COMPLAINT, item) and item.status == Status.COMPLAINT,
    }


def _form(action: str, item, data=None, files=None):
    form_class = ACTIONS[action][0]
    if form_class is None:
        return None
    kwargs = {}
    if action == "assign":
        kwargs["staff"] = services.staff_of(item.case.collectivity)
    if action == "answer":
        kwargs["disclosures"] = selectors.disclosures(collectivity=item.case.collectivity)
    if action == "publish" and data is None:
        kwargs["initial"] = {"question": item.published_question or item.subject}
    return form_class(data, files, **kwargs) if data is not None else form_class(**kwargs)


@login_required
def request_detail(request, slug: str, pk: int):
    """One request, as its requester, the collectivity's staff or a network admin sees it (404 for anybody else)."""
    collectivity = selectors.member(slug)
    item = selectors.request_for(request.user, collectivity, pk)
    user = request.user
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None and action not in ACTIONS:
        raise Http404
    refused: list[str] = []
    posted = None
    if action:
        posted = _form(action, item, request.POST, request.FILES)
        if posted is None or posted.is_valid():
            try:
                ACTIONS[action][1](user, item, posted.cleaned_data if posted is not None else {})
            except ValidationError as exc:
                if posted is not None and hasattr(exc, "error_dict"):
                    apply_service_errors(posted, exc)
                else:
                    refused = exc.messages
            else:
                messages.success(request, DONE[action])
                return redirect(request.path)
    allowed = _allowed(user, item)
    forms = {
        name: (posted if name == action else _form(name, item)) for name, ok in allowed.items() if ok or name == action
    }
    staff = user.has_perm("information.view_register", collectivity)
    context = {
        "collectivity": collectivity,
        "item": item,
        "allowed": allowed,
        "forms": forms,
        "refused": refused,
        "action": action,
        "is_staff": staff,
        "is_requester": item.case.requester_id == user.pk,
        "events": selectors.timeline(item, public_only=not staff),
        "deadlines": selectors.deadlines(item),
        "complaint": clock.complaint_of(item),
        "complaint_window": clock.complaint_window(item),
        "cdai_window": cdai.window(item),
        "due": clock.answer_due(item),
        "overdue": clock.overdue(item),
    }
    status = 400 if action and (refused or (posted is not None and posted.errors)) else 200
    return render(request, "information/request_detail.html", context, status=status)


@login_required
@require_safe
def answer_document(request, slug: str, pk: int):
    """The document sent with the answer: for the requester and the collectivity's staff only."""
    item = selectors.request_for(request.user, selectors.member(slug), pk)
    document = item.answer_document
    if document is None:
        raise Http404
    return media.stored_file(document.file.name, filename=document.file.name.rsplit("/", 1)[-1], as_attachment=False)
