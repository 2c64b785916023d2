"""Public event pages: upcoming and past events, the training catalogue, an event's page (programme, speakers,
parallel workshops, outputs, registration), the calendar files; and the participant's own actions: register,
cancel, download the attendance certificate."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from remacto.core.forms import apply_service_errors
from remacto.core.outputs import pdf_or_waiting_page
from remacto.core.pagination import paginate

from .. import calendar, certificate, selectors
from ..forms import RegistrationForm
from ..models import Kind, Registration, Topic
from ..services import registrations as registration_services

PER_PAGE = 12


@require_safe
def index(request):
    kind = request.GET.get("kind") if request.GET.get("kind") in Kind.values else None
    organiser = selectors.collectivity_or_none(request.GET.get("organiser"))
    upcoming, past = selectors.upcoming(kind), selectors.past(kind)
    if organiser is not None:
        upcoming, past = upcoming.filter(collectivity=organiser), past.filter(collectivity=organiser)
    mine = request.GET.get("mine") == "1" and request.user.is_authenticated
    if mine:
        upcoming, past = selectors.registered_by(upcoming, request.user), selectors.registered_by(past, request.user)
    return render(
        request,
        "events/index.html",
        {
            "upcoming": list(upcoming[:50]),
            "past": paginate(request, past, per_page=PER_PAGE),
            "organiser": organiser,
            "mine": mine,
            "kind": kind or "",
            "kinds": Kind.choices,
            "can_create": request.user.has_perm("events.create_event", organiser),
        },
    )


@require_safe
def trainings(request):
    rows = list(selectors.trainings())
    labels = dict(Topic.choices)
    catalogue = [
        {"topic": labels[value], "sessions": [row for row in rows if row.topic == value]} for value in Topic.values
    ]
    return render(request, "events/trainings.html", {"catalogue": [entry for entry in catalogue if entry["sessions"]]})


def event_context(request, event, form=None) -> dict:
    user = request.user
    registration = selectors.registration_of(event, user)
    closed = registration_services.registration_closed_reason(event)
    can_register = not closed and (registration is None or registration.status == "cancelled")
    return {
        "event": event,
        "slots": selectors.agenda_slots(event),
        "photos": [o for o in event.outputs.all() if o.type == "photo"],
        "documents": [o for o in event.outputs.all() if o.type != "photo"],
        "registration": registration if registration and registration.status != "cancelled" else None,
        "waiting_rank": selectors.waiting_rank(registration)
        if registration and registration.status == "waiting"
        else None,
        "closed_reason": closed,
        "form": form or (RegistrationForm(event=event) if can_register and user.is_authenticated else None),
        "can_register": can_register,
        "can_manage": user.has_perm("events.manage_event", event),
        "attended": registration is not None and registration.attended_at is not None,
        "seats_left": max(event.capacity - event.confirmed, 0) if event.capacity is not None else None,
    }


@require_safe
def event(request, pk: int):
    return render(request, "events/event.html", event_context(request, selectors.event(pk)))


@login_required
@require_POST
def register(request, pk: int):
    event_ = selectors.event(pk)
    form = RegistrationForm(request.POST, event=event_)
    if form.is_valid():
        try:
            registration = registration_services.register(request.user, event_, form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            if registration.status == "waiting":
                messages.info(request, _("The event is full: you are on the waiting list."))
            else:
                messages.success(request, _("You are registered."))
            return redirect(event_.get_absolute_url())
    return render(request, "events/event.html", event_context(request, event_, form), status=400)


@login_required
@require_POST
def cancel(request, pk: int):
    registration = get_object_or_404(Registration.objects.select_related("event"), event_id=pk, user=request.user)
    try:
        registration_services.cancel(request.user, registration)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(registration.event.get_absolute_url())


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def event_ics(request, pk: int):
    event_ = get_object_or_404(selectors.events(), pk=pk)
    return _ics(calendar.calendar([event_], settings.SITE_URL, event_.title), f"event-{pk}.ics")


@require_safe
def feed_ics(request):
    events = selectors.upcoming()[:200]
    return _ics(calendar.calendar(events, settings.SITE_URL, _("REMACTO events")), "remacto-events.ics")


@login_required
@require_safe
def certificate_pdf(request, pk: int):
    """The participant's own certificate, once marked present (404 for anyone else): the PDF when it is ready,
    otherwise a page that waits for it."""
    event_ = get_object_or_404(selectors.events(), pk=pk)
    registration = selectors.attended(event_, request.user)
    if registration is None:
        raise Http404
    name = certificate.current_name(registration)
    return pdf_or_waiting_page(
        request,
        name,
        output=certificate.PDF,
        start=lambda: certificate.start(registration, name),
        filename=certificate.filename(registration),
        template="events/certificate_status.html",
        partial="events/_certificate_status.html",
        context={"event": event_},
        as_attachment=True,
    )
