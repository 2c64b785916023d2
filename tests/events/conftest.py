"""Event fixtures: the regional meeting organised by the network, an event of the commune, a training, and the
people of the permission matrix."""

import datetime

import pytest
from django.utils import timezone, translation

from remacto.events.models import Category, Event, Kind, Level, Mode, Registration, Status, Topic
from remacto.territories.models import Region

from ..conftest import make_user

# The meetings take place in ten days, so that the pages (which read the real clock) accept registrations.
DAY = timezone.localdate() + datetime.timedelta(days=10)
NOW = timezone.make_aware(datetime.datetime.combine(DAY - datetime.timedelta(days=20), datetime.time(10, 0)))


def event_values(**extra) -> dict:
    return {
        "title": "اللقاء الجهوي حول الميزانية التشاركية",
        "theme": "الميزانية التشاركية: آلية لتعزيز مبادئ الانفتاح",
        "starts_on": DAY,
        "ends_on": DAY,
        "start_time": datetime.time(9, 30),
        "end_time": datetime.time(14, 0),
        "place": "تطوان",
        "organisers": "المديرية العامة للجماعات الترابية",
        "partners": "FAMSI",
        "categories": [Category.ELECTED, Category.FOCAL_POINT],
        "expected_headcount": 100,
        **extra,
    }


def make_event(**extra) -> Event:
    values = event_values()
    values.update(extra)
    return Event.objects.create(**{"kind": Kind.MEETING, "level": Level.NATIONAL, **values})


@pytest.fixture
def regional(reference) -> Event:
    return make_event(level=Level.REGIONAL, region=Region.objects.get(code="01"), capacity=2)


@pytest.fixture
def local_event(commune) -> Event:
    return make_event(level=Level.COLLECTIVITY, collectivity=commune, title="لقاء تواصلي بالجماعة")


@pytest.fixture
def training(reference) -> Event:
    return make_event(
        kind=Kind.TRAINING,
        title="تقنيات تنشيط الورشات متعددة الفاعلين",
        topic=Topic.FACILITATION,
        trainer="FAMSI",
        audience="المنتخبون ونقط الارتكاز",
        mode=Mode.REMOTE,
        categories=[],
    )


def register(event: Event, user, status=Status.CONFIRMED, **extra) -> Registration:
    return Registration.objects.create(event=event, user=user, category=Category.FOCAL_POINT, status=status, **extra)


@pytest.fixture
def participant(regional):
    """A citizen registered for the regional meeting."""
    user = make_user("participant@example.ma", "سعاد")
    register(regional, user)
    return user


@pytest.fixture(autouse=True)
def _english():
    """Service messages are compared in English (pages are requested in their own language)."""
    with translation.override("en"):
        yield
