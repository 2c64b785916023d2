"""The demo: the four seed events with their agendas and the training catalogue, loaded twice without change."""

import pytest

from remacto.events import demo
from remacto.events.models import AgendaItem, Event, Kind, Speaker, Topic

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        sorted(Event.objects.values_list("title", "starts_on", "kind", "level")),
        sorted(AgendaItem.objects.values_list("event__title", "title", "starts_at", "parallel_group")),
        Speaker.objects.count(),
    )


def test_demo_loads_the_seed_events_and_catalogue_idempotently(reference):
    demo.load_demo()
    first = _snapshot()
    demo.load_demo()
    assert _snapshot() == first
    meetings = Event.objects.filter(kind=Kind.MEETING)
    assert meetings.count() == 4
    assert {e.starts_on.year for e in meetings} == {2022, 2023, 2024, 2025}
    tetouan = meetings.get(starts_on__year=2025)
    assert tetouan.expected_headcount == 100 and tetouan.region.code == "01"
    assert tetouan.agenda.filter(parallel_group="الورشات").count() == 2
    assert Speaker.objects.filter(item__event=tetouan, name="طارق النشناس").exists()
    saidia = meetings.get(starts_on__year=2024)
    assert saidia.agenda.filter(parallel_group__isnull=False).exclude(parallel_group="").count() == 4
    topics = set(Event.objects.filter(kind=Kind.TRAINING).values_list("topic", flat=True))
    assert {
        Topic.PETITIONS,
        Topic.INFORMATION,
        Topic.PARTICIPATORY_DEMOCRACY,
        Topic.ADVISORY_BODIES,
        Topic.FACILITATION,
    } <= topics
    assert Event.objects.filter(kind=Kind.TRAINING, is_sample=True).count() == 5
