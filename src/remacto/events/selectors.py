"""Reads shared by the event pages, the API, the calendar files and the CSV export. Every event is public."""

import datetime
from collections.abc import Iterator
from itertools import groupby

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from remacto.core.text import normalise, search_regex
from remacto.territories.models import Collectivity

from .models import AgendaItem, Event, Kind, Output, Registration, Speaker, Status


def events(kind: str | None = None) -> QuerySet[Event]:
    """All events (the one visibility rule: every event is public), with their organiser, seats taken and counts."""
    qs = Event.objects.select_related("collectivity", "region").annotate(
        confirmed=Count("registrations", filter=Q(registrations__status=Status.CONFIRMED)),
    )
    return qs.filter(kind=kind) if kind else qs


def upcoming(kind: str | None = None, today: datetime.date | None = None) -> QuerySet[Event]:
    today = today or timezone.localdate()
    return events(kind).filter(ends_on__gte=today).order_by("starts_on", "start_time", "pk")


def past(kind: str | None = None, today: datetime.date | None = None) -> QuerySet[Event]:
    today = today or timezone.localdate()
    return events(kind).filter(ends_on__lt=today).order_by("-starts_on", "-start_time", "pk")


def registered_by(qs: QuerySet[Event], user) -> QuerySet[Event]:
    """The events of ``qs`` that ``user`` registered for (or waits for), not cancelled."""
    ids = Registration.objects.filter(user=user).exclude(status=Status.CANCELLED).values("event_id")
    return qs.filter(pk__in=ids)


def trainings() -> QuerySet[Event]:
    return events(Kind.TRAINING).order_by("topic", "-starts_on", "pk")


def collectivity_or_none(slug: str | None) -> Collectivity | None:
    """The member collectivity named by ``slug`` (404 for an unknown one), None when no slug is given."""
    if not slug:
        return None
    return get_object_or_404(Collectivity, slug=slug[:80], membership__isnull=False)


def with_programme(qs: QuerySet[Event]) -> QuerySet[Event]:
    speakers = Speaker.objects.order_by("position", "pk")
    agenda = AgendaItem.objects.prefetch_related(Prefetch("speakers", queryset=speakers))
    return qs.prefetch_related(Prefetch("agenda", queryset=agenda), Prefetch("outputs", queryset=Output.objects.all()))


def event(pk: int) -> Event:
    return get_object_or_404(with_programme(events()), pk=pk)


def agenda_slots(event_: Event) -> list[dict]:
    """The agenda as slots: a slot is one item, or the items of one parallel group (workshops held together)."""
    slots = []
    for (day, group), items in groupby(event_.agenda.all(), key=lambda item: (item.day, item.parallel_group)):
        rows = list(items)
        if group:
            slots.append({"day": day, "group": group, "items": rows, "starts_at": rows[0].starts_at})
        else:
            slots.extend({"day": day, "group": "", "items": [row], "starts_at": row.starts_at} for row in rows)
    return slots


def registration_of(event_: Event, user) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event_, user=user).first()


def waiting_rank(registration: Registration) -> int:
    """1 for the first person waiting."""
    return (
        Registration.objects.filter(
            event_id=registration.event_id, status=Status.WAITING, registered_at__lte=registration.registered_at
        )
        .exclude(registered_at=registration.registered_at, pk__gt=registration.pk)
        .count()
    )


def registrations(event_: Event) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(event=event_)
        .exclude(status=Status.CANCELLED)
        .select_related("user", "collectivity")
        .order_by("status", "user__display_name", "pk")
    )


def door_list(event_: Event, query: str = "") -> QuerySet[Registration]:
    """Registered participants for the attendance at the door, found by a part of their name (spelling folded)."""
    qs = registrations(event_).filter(status=Status.CONFIRMED).order_by("user__display_name", "pk")
    for word in normalise(query).split()[:5]:
        pattern = search_regex(word)
        qs = qs.filter(Q(user__display_name__iregex=pattern) | Q(user__email__icontains=word))
    return qs


def attendance_counts(event_: Event) -> dict:
    rows = Registration.objects.filter(event=event_).aggregate(
        registered=Count("pk", filter=Q(status=Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Status.WAITING)),
        present=Count("pk", filter=Q(status=Status.CONFIRMED, attended_at__isnull=False)),
    )
    return rows


COLUMNS = ["name", "email", "category", "collectivity", "status", "registered_at", "present_at"]


def registration_rows(event_: Event) -> tuple[list[str], Iterator[dict]]:
    """The CSV export of registrations and attendance (staff only)."""

    def rows() -> Iterator[dict]:
        for row in registrations(event_).iterator(chunk_size=500):
            yield {
                "name": row.user.display_name or "",
                "email": row.user.email,
                "category": row.get_category_display(),
                "collectivity": row.collectivity.name if row.collectivity_id else "",
                "status": row.get_status_display(),
                "registered_at": timezone.localtime(row.registered_at).strftime("%Y-%m-%d %H:%M"),
                "present_at": timezone.localtime(row.attended_at).strftime("%Y-%m-%d %H:%M") if row.attended_at else "",
            }

    return COLUMNS, rows()


def attended(event_: Event, user) -> Registration | None:
    """The user's registration when they were marked present (the certificate's condition)."""
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(event=event_, user=user, status=Status.CONFIRMED, attended_at__isnull=False)
        .select_related("user", "collectivity")
        .first()
    )
