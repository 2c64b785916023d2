"""Pages of the support desk: the tickets list (members' staff: theirs; network admins: all, with filters and a
CSV), opening a ticket, one ticket's thread with the step each side may take, the response-time targets, turning
an answer into a FAQ entry, and the public FAQ."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from remacto.cases import calendar
from remacto.cocreation.exports import csv_rows
from remacto.core import media
from remacto.core.forms import apply_service_errors
from remacto.core.http import too_many_requests
from remacto.core.pagination import paginate, querystring_without_page
from remacto.participation import limits

from . import clock, exports, selectors, services
from .forms import FaqForm, FaqSearchForm, FilterForm, NetworkReplyForm, ReplyForm, StatusForm, TicketForm
from .models import Category, ResponseTarget, Status

PER_PAGE = 20


def _require(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(_("You are not allowed to do this."))


@login_required
def desk(request):
    """The tickets the user sees; network admins filter by status, category, member and lateness."""
    network = request.user.has_perm(services.MANAGE)
    collectivities = selectors.member_collectivities(request.user)
    if not network and not collectivities.exists():
        raise PermissionDenied(_("The support desk is for the staff of member collectivities."))
    form = FilterForm(request.GET or None)
    today = calendar.today()
    page = paginate(request, selectors.desk(request.user, today=today, **form.filters()), per_page=PER_PAGE)
    page.object_list = selectors.with_clock(page.object_list, today)
    context = {
        "form": form,
        "page": page,
        "network": network,
        "can_open": collectivities.exists(),
        "querystring": querystring_without_page(request),
    }
    return render(request, "support/desk.html", context)


@login_required
@require_safe
def desk_csv(request):
    _require(request, services.MANAGE)
    today = calendar.today()
    tickets = selectors.desk(request.user, today=today, **FilterForm(request.GET or None).filters())
    response = StreamingHttpResponse(
        csv_rows(exports.COLUMNS, exports.rows(tickets.iterator(chunk_size=500), today)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="support-tickets.csv"'
    return response


@login_required
def ticket_new(request):
    collectivities = selectors.member_collectivities(request.user)
    if not collectivities.exists():
        raise PermissionDenied(_("The support desk is for the staff of member collectivities."))
    form = TicketForm(request.POST or None, request.FILES or None, collectivities=collectivities)
    wait = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        collectivity, files = data.pop("collectivity"), data.pop("files")
        try:
            ticket = services.open_ticket(request.user, collectivity, files=files, **data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
            wait = limits.retry_after(exc)
        else:
            messages.success(request, _("Your ticket is sent to the network team."))
            return redirect(ticket.get_absolute_url())
    status = 400 if form.errors and wait is None else 200
    return too_many_requests(render(request, "support/ticket_form.html", {"form": form}, status=status), wait)


def _reply_form(request, network: bool):
    form_class = NetworkReplyForm if network else ReplyForm
    if request.method == "POST" and request.POST.get("action") == "reply":
        return form_class(request.POST, request.FILES)
    return form_class()


@login_required
def ticket(request, pk: int):
    """One ticket: its thread, the reply form, the status (and, for network admins, notes and the FAQ link)."""
    item = selectors.ticket_for(request.user, pk)
    network = request.user.has_perm(services.ANSWER, item)
    form = _reply_form(request, network)
    status_form = StatusForm(request.POST if request.POST.get("action") == "status" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "reply" and form.is_valid():
                data = form.cleaned_data
                if network and data["kind"] == "note":
                    services.add_note(request.user, item, body=data["body"], files=data["files"])
                else:
                    status = form.reply_status() if network else ""
                    services.reply(request.user, item, body=data["body"], files=data["files"], status=status)
                messages.success(request, _("Your message is saved."))
                return redirect(item.get_absolute_url())
            if request.POST.get("action") == "status" and status_form.is_valid():
                services.change_status(request.user, item, status_form.cleaned_data["status"])
                messages.success(request, _("The status is changed."))
                return redirect(item.get_absolute_url())
        except ValidationError as exc:
            apply_service_errors(status_form if request.POST.get("action") == "status" else form, exc)
    moves = services.TRANSITIONS[item.status] if network else services.TRANSITIONS[item.status] & services.MEMBER_MOVES
    context = {
        "ticket": item,
        "thread": selectors.thread(item, request.user),
        "form": form,
        "network": network,
        "can_open": not network,
        "is_late": clock.is_late(item, calendar.today()),
        "moves": [(value, label) for value, label in Status.choices if value in moves],
        "status_errors": status_form.errors.get("status") if status_form.is_bound else None,
    }
    errors = form.errors or (status_form.is_bound and status_form.errors)
    return render(request, "support/ticket.html", context, status=400 if errors else 200)


@login_required
@require_safe
def attachment(request, pk: int):
    found = selectors.attachment_for(request.user, pk)
    return media.stored_file(found.file.name, filename=found.name, as_attachment=True)


@login_required
def faq_new(request, pk: int):
    """A network admin turns the ticket's answer into a FAQ entry (to be reworded)."""
    _require(request, services.MANAGE)
    item = selectors.ticket_for(request.user, pk)
    answer, question = selectors.last_answer(item), selectors.first_question(item)
    initial = {"category": item.category, "question": item.subject, "answer": answer.body if answer else ""}
    form = FaqForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.publish_faq(request.user, source=item, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The FAQ entry is published."))
            return redirect(entry.get_absolute_url())
    context = {"form": form, "ticket": item, "question": question}
    return render(request, "support/faq_form.html", context, status=400 if form.errors else 200)


@login_required
def targets(request):
    """Network admins set the working days for a first answer, per category (the service checks the values)."""
    _require(request, services.MANAGE)
    status = 200
    if request.method == "POST":
        try:
            services.set_target(request.user, request.POST.get("category", ""), request.POST.get("working_days"))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            status = 400
        else:
            messages.success(request, _("The target is saved."))
            return redirect("support:targets")
    saved = dict(ResponseTarget.objects.values_list("category", "working_days"))
    rows = [(value, label, saved.get(value, clock.target_days(value))) for value, label in Category.choices]
    return render(request, "support/targets.html", {"rows": rows, "max_days": services.MAX_TARGET_DAYS}, status=status)


@require_safe
def faq(request):
    form = FaqSearchForm(request.GET or None)
    values = form.cleaned_data if form.is_valid() else {}
    entries = selectors.faq(q=values.get("q") or "", category=values.get("category") or "")
    page = paginate(request, entries, per_page=PER_PAGE)
    context = {"form": form, "page": page, "querystring": querystring_without_page(request)}
    return render(request, "support/faq.html", context)


@require_safe
def faq_entry(request, pk: int):
    return render(request, "support/faq_entry.html", {"entry": selectors.faq_entry(pk)})


@login_required
@require_POST
def faq_remove(request, pk: int):
    entry = selectors.faq_entry(pk)
    services.remove_faq(request.user, entry)
    messages.success(request, _("The FAQ entry is removed."))
    return redirect("support:faq")
