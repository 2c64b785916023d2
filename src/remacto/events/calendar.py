"""iCalendar files: one per event, and a feed of upcoming events, written with the ``icalendar`` library."""

from collections.abc import Iterable

from django.conf import settings
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from remacto.core.bidi import strip_bidi

from .models import Event

PRODID = "-//REMACTO//events//AR"


def _entry(event: Event, base_url: str) -> CalendarEvent:
    entry = CalendarEvent()
    entry.add("uid", f"event-{event.pk}@remacto")
    entry.add("summary", strip_bidi(event.title))
    entry.add("dtstart", event.starts_at())
    entry.add("dtend", event.ends_at())
    entry.add("dtstamp", event.updated_at)
    entry.add("location", strip_bidi(event.place))
    description = "\n".join(part for part in (event.theme, event.organisers, event.description) if part)
    if description:
        entry.add("description", strip_bidi(description))
    entry.add("url", base_url + event.get_absolute_url())
    return entry


def calendar(events: Iterable[Event], base_url: str, name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        cal.add_component(_entry(event, base_url))
    return cal.to_ical()
