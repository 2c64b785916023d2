"""Response schemas of the events API: events and trainings with their agenda, speakers and outputs. Never who
registered: only the number of seats taken."""

import datetime

from django.conf import settings
from ninja import Schema

from remacto.events.models import Category, Kind, Level, Mode, Output, Topic

from .schemas import choices_enum

EventKindValue = choices_enum("EventKindValue", Kind)
EventLevelValue = choices_enum("EventLevelValue", Level)
TopicValue = choices_enum("TrainingTopicValue", Topic)
ModeValue = choices_enum("TrainingModeValue", Mode)
CategoryValue = choices_enum("ParticipantCategoryValue", Category)
OutputTypeValue = choices_enum("EventOutputTypeValue", Output.Type)


class SpeakerOut(Schema):
    name: str
    role: str
    organisation: str


class AgendaItemOut(Schema):
    day: datetime.date
    starts_at: datetime.time
    ends_at: datetime.time | None
    title: str
    parallel_group: str
    speakers: list[SpeakerOut]


class OutputOut(Schema):
    type: OutputTypeValue  # type: ignore[valid-type]
    title: str
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return settings.SITE_URL + obj.file.url if obj.file.url.startswith("/") else obj.file.url


class EventOut(Schema):
    id: int
    kind: EventKindValue  # type: ignore[valid-type]
    level: EventLevelValue  # type: ignore[valid-type]
    organiser: str | None
    region: str | None
    title: str
    theme: str
    starts_on: datetime.date
    ends_on: datetime.date
    start_time: datetime.time
    end_time: datetime.time
    time_zone: str
    place: str
    organisers: str
    partners: str
    categories: list[CategoryValue]  # type: ignore[valid-type]
    expected_headcount: int | None
    capacity: int | None
    seats_taken: int
    registration_open: bool
    topic: TopicValue | None  # type: ignore[valid-type]
    audience: str
    trainer: str
    mode: ModeValue  # type: ignore[valid-type]
    is_sample: bool
    url: str

    @staticmethod
    def resolve_organiser(obj) -> str | None:
        return obj.collectivity.slug if obj.collectivity_id else None

    @staticmethod
    def resolve_region(obj) -> str | None:
        return obj.region.code if obj.region_id else None

    @staticmethod
    def resolve_time_zone(obj) -> str:
        return settings.TIME_ZONE

    @staticmethod
    def resolve_seats_taken(obj) -> int:
        return obj.confirmed

    @staticmethod
    def resolve_topic(obj) -> str | None:
        return obj.topic or None

    @staticmethod
    def resolve_url(obj) -> str:
        return settings.SITE_URL + obj.get_absolute_url()


class EventDetailOut(EventOut):
    description: str
    recommendations: str
    agenda: list[AgendaItemOut]
    outputs: list[OutputOut]
