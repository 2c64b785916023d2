"""Registrations: a signed-in user registers with a participant category and a collectivity; past the capacity
they join the waiting list (or are refused when the event keeps none); a cancellation promotes the first person
waiting, and so does the deletion of a registered person's account (it cancels through the same service); the day
before, registered people get a reminder; at the door, staff mark people present.

Every write locks the event row first, so parallel registrations never exceed the capacity.
"""

import datetime
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from remacto.core import audit
from remacto.core.permissions import require
from remacto.notifications.services import notify
from remacto.territories.models import Collectivity

from ..models import Category, Event, Registration, Status

REGISTER = "events.register"
MANAGE = "events.manage_event"


def registration_closed_reason(event: Event, now: datetime.datetime | None = None) -> str:
    """Why nobody may register now ("" when registration is open): the one window views and services share."""
    now = now or timezone.now()
    if now >= event.starts_at():
        return _("This event has already taken place: registration is closed.")
    if not event.registration_open:
        return _("Registration for this event is closed.")
    return ""


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _confirmed(event: Event) -> int:
    return Registration.objects.filter(event=event, status=Status.CONFIRMED).count()


@transaction.atomic
def register(actor, event: Event, values: Mapping, *, now: datetime.datetime | None = None) -> Registration:
    """Register ``actor``: confirmed while seats remain, else on the waiting list (or refused without one)."""
    require(actor, REGISTER, event)
    event = _locked(event)
    reason = registration_closed_reason(event, now)
    if reason:
        raise ValidationError(reason)
    category = values.get("category")
    if category not in Category.values or (event.categories and category not in event.categories):
        raise ValidationError({"category": _("Choose one of the participant categories of this event.")})
    collectivity = values.get("collectivity")
    if collectivity is not None and not isinstance(collectivity, Collectivity):
        raise ValidationError({"collectivity": _("Choose one of the proposed values.")})
    existing = Registration.objects.filter(event=event, user=actor).first()
    if existing is not None and existing.status != Status.CANCELLED:
        raise ValidationError(_("You are already registered for this event."))
    full = event.capacity is not None and _confirmed(event) >= event.capacity
    if full and not event.waiting_list:
        raise ValidationError(_("This event is full: no seat is left."))
    registration = existing or Registration(event=event, user=actor)
    registration.category = category
    registration.collectivity = collectivity
    registration.status = Status.WAITING if full else Status.CONFIRMED
    registration.registered_at = now or timezone.now()
    registration.attended_at = None
    registration.reminded_at = None
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as exc:  # the same person's double click
        raise ValidationError(_("You are already registered for this event.")) from exc
    return registration


@transaction.atomic
def cancel(actor, registration: Registration) -> Registration | None:
    """Cancel ``actor``'s registration; the first person waiting takes the freed seat. Returns who was promoted."""
    if registration.user_id != getattr(actor, "pk", None):
        require(actor, MANAGE, registration.event)
    event = _locked(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Status.CANCELLED:
        raise ValidationError(_("This registration is already cancelled."))
    if registration.attended_at is not None:
        raise ValidationError(_("A participant marked present can no longer cancel."))
    freed = registration.status == Status.CONFIRMED
    registration.status = Status.CANCELLED
    registration.save(update_fields=["status"])
    return _promote_first_waiting(event) if freed else None


def _promote_first_waiting(event: Event) -> Registration | None:
    """The first person waiting takes a freed seat of ``event`` (locked by the caller) and is told so."""
    if event.capacity is not None and _confirmed(event) >= event.capacity:
        return None
    promoted = (
        Registration.objects.select_for_update()
        .filter(event=event, status=Status.WAITING)
        .order_by("registered_at", "pk")
        .first()
    )
    if promoted is None:
        return None
    promoted.status = Status.CONFIRMED
    promoted.save(update_fields=["status"])
    notify(
        promoted.user,
        kind="events.promoted",
        message=gettext_noop("A seat was freed: you are now registered for “%(event)s”."),
        params={"event": event.title},
        url=event.get_absolute_url(),
        collectivity=event.collectivity,
    )
    return promoted


@transaction.atomic
def cancel_for_deleted_account(user, *, now: datetime.datetime | None = None) -> list[Registration]:
    """Before ``user``'s account is deleted: each of their registrations to an event still to come is cancelled
    through :func:`cancel`, so a freed seat goes to the first person waiting exactly as when they cancel
    themselves. Past events keep their attendance as it was. Returns who was promoted."""
    now = now or timezone.now()
    upcoming = (
        Registration.objects.filter(user=user, attended_at__isnull=True, event__starts_on__gte=timezone.localdate(now))
        .exclude(status=Status.CANCELLED)
        .select_related("event")
        .order_by("pk")
    )
    promoted = []
    for registration in upcoming:
        if now < registration.event.starts_at():
            newcomer = cancel(user, registration)
            if newcomer is not None:
                promoted.append(newcomer)
    return promoted


@transaction.atomic
def mark_present(actor, registration: Registration, *, now: datetime.datetime | None = None) -> Registration:
    """Staff at the door mark a registered participant present (once; a second tap changes nothing)."""
    event = registration.event
    require(actor, MANAGE, event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Status.CONFIRMED:
        raise ValidationError(_("Only registered participants can be marked present."))
    if registration.attended_at is None:
        registration.attended_at = now or timezone.now()
        registration.marked_by = actor
        registration.save(update_fields=["attended_at", "marked_by"])
        audit.record(actor, "events.attendance", registration, collectivity=event.collectivity)
    return registration


def send_reminders(now: datetime.datetime | None = None) -> int:
    """Remind each registered participant of an event starting tomorrow (Moroccan date), once; returns how many."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    count = 0
    due = Registration.objects.filter(
        event__starts_on=tomorrow, status=Status.CONFIRMED, reminded_at__isnull=True
    ).select_related("event", "event__collectivity", "user")
    for registration in due:
        with transaction.atomic():
            claimed = Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(reminded_at=now)
            if not claimed:
                continue
            event = registration.event
            notify(
                registration.user,
                kind="events.reminder",
                message=gettext_noop("Reminder: “%(event)s” takes place tomorrow at %(time)s, %(place)s."),
                params={"event": event.title, "time": event.start_time.strftime("%H:%M"), "place": event.place},
                url=event.get_absolute_url(),
                collectivity=event.collectivity,
            )
            count += 1
    return count
