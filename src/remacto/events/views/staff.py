"""Staff pages of an event: create and change it, add outputs and recommendations, take attendance at the door
(a phone page that works without JavaScript) and export registrations and attendance as CSV."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from remacto.cocreation import exports
from remacto.core.bidi import isolate_plain
from remacto.core.forms import apply_service_errors

from .. import selectors
from ..forms import AgendaForm, EventForm, OutputForm, RecommendationsForm, agenda_text
from ..models import Registration
from ..services import events as event_services
from ..services import registrations as registration_services

FIELDS = [name for name in EventForm.base_fields if name != "region"]


def _require(request, perm: str, obj) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _number(value) -> int:
    return int(value) if value and value.isdigit() and len(value) < 10 else 0


def _form_page(request, ctx: dict, form, status: int = 200):
    return render(request, "events/form_page.html", {**ctx, "form": form}, status=status)


@login_required
def event_edit(request, pk: int | None = None):
    event = selectors.event(pk) if pk else None
    place = event.collectivity if event else selectors.collectivity_or_none(request.GET.get("collectivity"))
    if event is not None:
        _require(request, event_services.MANAGE, event)
    else:
        _require(request, event_services.CREATE, place)
    initial = {name: getattr(event, name) for name in FIELDS} | {"region": event.region} if event else None
    form = EventForm(request.POST or None, initial=initial, collectivity=place)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        try:
            if event is None:
                saved = event_services.create_event(
                    request.user, values, collectivity=place, region=values.get("region")
                )
            else:
                saved = event_services.update_event(request.user, event, values)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The event is saved."))
            return redirect(saved.get_absolute_url())
    title = _("Change the event") if event else _("New event")
    return _form_page(request, {"title": title, "event": event}, form, 400 if form.is_bound else 200)


@login_required
def outputs(request, pk: int):
    event = selectors.event(pk)
    _require(request, event_services.MANAGE, event)
    form = OutputForm(request.POST or None, request.FILES or None)
    notes = RecommendationsForm(request.POST or None, initial={"recommendations": event.recommendations}, prefix="r")
    if request.method == "POST":
        try:
            if "r-recommendations" in request.POST and notes.is_valid():
                event_services.set_recommendations(request.user, event, notes.cleaned_data["recommendations"])
                messages.success(request, _("The recommendations are saved."))
                return redirect(event.get_absolute_url())
            if "r-recommendations" not in request.POST and form.is_valid():
                values = form.cleaned_data
                event_services.add_output(request.user, event, values["type"], values["title"], values["file"])
                messages.success(request, _("The file is added."))
                return redirect(event.get_absolute_url())
        except ValidationError as exc:
            apply_service_errors(notes if "r-recommendations" in request.POST else form, exc)
    if request.method != "POST":
        notes = RecommendationsForm(initial={"recommendations": event.recommendations}, prefix="r")
    return render(
        request,
        "events/outputs.html",
        {"event": event, "form": form, "notes": notes, "title": _("Outputs of the event")},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def door(request, pk: int):
    """Attendance at the door: search a name, one tap marks present. Plain forms, no JavaScript needed."""
    event = selectors.event(pk)
    _require(request, event_services.MANAGE, event)
    query = request.GET.get("q", "")[:80]
    if request.method == "POST":
        registration = get_object_or_404(
            Registration.objects.select_related("event", "user"),
            pk=_number(request.POST.get("registration")),
            event=event,
        )
        try:
            registration_services.mark_present(request.user, registration)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            name = isolate_plain(registration.user.display_name or registration.user.email)
            messages.success(request, _("%(name)s is marked present.") % {"name": name})
        back = request.POST.get("q", "")[:80]
        return redirect(f"{request.path}?q={back}" if back else request.path)
    return render(
        request,
        "events/door.html",
        {
            "event": event,
            "query": query,
            "rows": list(selectors.door_list(event, query)[:60]),
            "counts": selectors.attendance_counts(event),
        },
    )


@login_required
def registrations_csv(request, pk: int):
    event = get_object_or_404(selectors.events(), pk=pk)
    _require(request, event_services.MANAGE, event)
    columns, rows = selectors.registration_rows(event)
    response = StreamingHttpResponse(exports.csv_rows(columns, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-registrations.csv"'
    return response


@login_required
def agenda(request, pk: int):
    event = selectors.event(pk)
    _require(request, event_services.MANAGE, event)
    form = AgendaForm(request.POST or None, initial={"agenda": agenda_text(event)})
    if request.method == "POST" and form.is_valid():
        try:
            event_services.set_agenda(request.user, event, form.cleaned_data["agenda"])
        except ValidationError as exc:
            form.add_error("agenda", exc.messages if not hasattr(exc, "error_dict") else _lines(exc))
        else:
            messages.success(request, _("The agenda is saved."))
            return redirect(event.get_absolute_url() + "#programme")
    title = _("Agenda of the event")
    return _form_page(request, {"title": title, "event": event}, form, 400 if form.is_bound else 200)


def _lines(exc: ValidationError) -> list[str]:
    """The service's errors keyed ``item N`` as sentences naming the item."""
    return [
        _("Item %(number)s: %(message)s") % {"number": key.rpartition(" ")[2], "message": message}
        for key, messages_ in exc.message_dict.items()
        for message in messages_
    ]
