"""Staff set up an event: its details, its agenda with speakers and parallel workshops, and its outputs
(recommendations, documents, photos, training materials)."""

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from remacto.cocreation.uploads import check_upload, without_metadata
from remacto.core import audit
from remacto.core.permissions import require
from remacto.core.validators import clean_text as text

from ..models import AgendaItem, Category, Event, Kind, Level, Mode, Output, Speaker, Topic

CREATE = "events.create_event"
MANAGE = "events.manage_event"

TEXTS = {
    # field: (max length, msgid when missing or "")
    "title": (200, gettext_noop("Give the title of the event.")),
    "theme": (300, ""),
    "description": (6000, ""),
    "place": (200, gettext_noop("Say where the event takes place.")),
    "organisers": (400, gettext_noop("Name the organisers.")),
    "partners": (600, ""),
    "audience": (300, ""),
    "trainer": (200, ""),
}


def _choice(values: Mapping, field: str, choices, default=""):
    value = values.get(field) or default
    if value not in choices.values:
        raise ValidationError({field: _("Choose one of the proposed values.")})
    return value


def _apply(event: Event, values: Mapping) -> None:
    for field, (limit, empty) in TEXTS.items():
        setattr(event, field, text(values.get(field), field, max_length=limit, empty=empty))
    event.kind = _choice(values, "kind", Kind, Kind.MEETING)
    event.mode = _choice(values, "mode", Mode, Mode.IN_PERSON)
    event.topic = values.get("topic") or ""
    if event.topic and event.topic not in Topic.values:
        raise ValidationError({"topic": _("Choose one of the proposed values.")})
    if event.kind == Kind.TRAINING and not event.topic:
        raise ValidationError({"topic": _("Choose the topic of the training.")})
    for field in ("starts_on", "ends_on"):
        if not isinstance(values.get(field), datetime.date):
            raise ValidationError({field: _("Give the date.")})
    for field in ("start_time", "end_time"):
        if not isinstance(values.get(field), datetime.time):
            raise ValidationError({field: _("Give the time.")})
    event.starts_on, event.ends_on = values["starts_on"], values["ends_on"]
    event.start_time, event.end_time = values["start_time"], values["end_time"]
    if event.ends_at() <= event.starts_at():
        raise ValidationError({"ends_on": _("The event must end after it starts.")})
    categories = list(values.get("categories") or [])
    if any(value not in Category.values for value in categories):
        raise ValidationError({"categories": _("Choose one of the proposed values.")})
    event.categories = categories
    for field in ("expected_headcount", "capacity"):
        number = values.get(field)
        if number is not None and (not isinstance(number, int) or number < 1 or number > 100_000):
            raise ValidationError({field: _("Give a whole number between 1 and 100,000.")})
        setattr(event, field, number)
    event.waiting_list = bool(values.get("waiting_list", True))
    event.registration_open = bool(values.get("registration_open", True))


@transaction.atomic
def create_event(actor, values: Mapping, *, collectivity=None, region=None) -> Event:
    """A new event: organised by ``collectivity`` (its focal points) or by the network (network admins)."""
    require(actor, CREATE, collectivity)
    level = values.get("level") or (Level.COLLECTIVITY if collectivity else Level.NATIONAL)
    if level not in Level.values:
        raise ValidationError({"level": _("Choose one of the proposed values.")})
    if collectivity is not None and level != Level.COLLECTIVITY:
        raise ValidationError({"level": _("A collectivity organises events at its own level.")})
    if collectivity is None and level == Level.COLLECTIVITY:
        raise ValidationError({"level": _("Choose the organising collectivity.")})
    if level == Level.REGIONAL and region is None:
        raise ValidationError({"region": _("Choose the region of a regional event.")})
    event = Event(level=level, collectivity=collectivity, region=region, created_by=actor)
    _apply(event, values)
    event.save()
    audit.record(actor, "events.save", event, collectivity=collectivity)
    return event


@transaction.atomic
def update_event(actor, event: Event, values: Mapping) -> Event:
    require(actor, MANAGE, event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    _apply(event, values)
    event.save()
    audit.record(actor, "events.save", event, collectivity=event.collectivity)
    return event


def _time(value, field: str) -> datetime.time | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.time):
        return value
    try:
        return datetime.time.fromisoformat(str(value))
    except ValueError as exc:
        raise ValidationError({field: _("Write the time as HH:MM.")}) from exc


@transaction.atomic
def set_agenda(actor, event: Event, items: Iterable[Mapping]) -> list[AgendaItem]:
    """Replace the agenda of ``event``: each item has a day, a start (and end) time, a title, optionally a
    parallel group and speakers (name, role, organisation). All items are saved or none."""
    require(actor, MANAGE, event)
    built: list[tuple[AgendaItem, list[Speaker]]] = []
    for number, values in enumerate(items, start=1):
        row = f"item {number}"
        day = values.get("day") or event.starts_on
        if not isinstance(day, datetime.date) or not event.starts_on <= day <= event.ends_on:
            raise ValidationError({row: _("The day must be one of the event's days.")})
        starts_at = _time(values.get("starts_at"), row)
        if starts_at is None:
            raise ValidationError({row: _("Write the time as HH:MM.")})
        ends_at = _time(values.get("ends_at"), row)
        if ends_at is not None and ends_at < starts_at:
            raise ValidationError({row: _("An item must end after it starts.")})
        item = AgendaItem(
            event=event,
            day=day,
            starts_at=starts_at,
            ends_at=ends_at,
            title=text(values.get("title"), row, max_length=300, empty=gettext_noop("Give the title of each item.")),
            parallel_group=text(values.get("parallel_group"), row, max_length=120),
            position=number,
        )
        speakers = [
            Speaker(
                name=text(person.get("name"), row, max_length=160, empty=gettext_noop("Name each speaker.")),
                role=text(person.get("role"), row, max_length=200),
                organisation=text(person.get("organisation"), row, max_length=200),
                position=rank,
            )
            for rank, person in enumerate(values.get("speakers") or [])
        ]
        built.append((item, speakers))
    AgendaItem.objects.filter(event=event).delete()
    saved = AgendaItem.objects.bulk_create([item for item, _speakers in built])
    Speaker.objects.bulk_create(
        [
            Speaker(item=item, name=s.name, role=s.role, organisation=s.organisation, position=s.position)
            for item, (_built, speakers) in zip(saved, built, strict=True)
            for s in speakers
        ]
    )
    audit.record(actor, "events.agenda", event, collectivity=event.collectivity, count=len(saved))
    return saved


OUTPUT_TYPES = {Output.Type.PHOTO: ("png", "jpeg"), Output.Type.DOCUMENT: ("pdf",), Output.Type.MATERIAL: ("pdf",)}


@transaction.atomic
def add_output(actor, event: Event, kind: str, title: str, upload) -> Output:
    """A document, photo or training material, checked as every upload is (type, size, pixels; photos lose their
    metadata)."""
    require(actor, MANAGE, event)
    if kind not in OUTPUT_TYPES:
        raise ValidationError({"type": _("Choose one of the proposed values.")})
    title = text(title, "title", max_length=200, empty=gettext_noop("Give the title of the file."))
    if upload is None:
        raise ValidationError({"file": _("Choose a file.")})
    try:
        sniffed = check_upload(upload, allowed=OUTPUT_TYPES[kind])
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    output = Output(event=event, type=kind, title=title)
    stored = without_metadata(upload, sniffed)
    output.file.save(f"{event.pk}.{'jpg' if sniffed == 'jpeg' else sniffed}", stored, save=False)
    output.save()
    audit.record(actor, "events.output", event, collectivity=event.collectivity, title=title)
    return output


@transaction.atomic
def set_recommendations(actor, event: Event, recommendations: str) -> Event:
    require(actor, MANAGE, event)
    event.recommendations = text(recommendations, "recommendations", max_length=8000)
    event.save(update_fields=["recommendations", "updated_at"])
    audit.record(actor, "events.save", event, collectivity=event.collectivity)
    return event
