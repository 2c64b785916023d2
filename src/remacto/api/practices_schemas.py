"""Response schemas of the good-practice API: what a published practice says, where and when, its principles,
its structure of axes and projects and its documents; never who submitted it."""

import datetime

from ninja import Schema

from remacto.cocreation.models import Principle

from .schemas import CollectivityKind, choices_enum

PracticePrinciple = choices_enum("PracticePrinciple", Principle)


class WithUrl(Schema):
    """The object's page on the site."""

    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class PracticeAxisOut(Schema):
    title: str
    principles: list[PracticePrinciple]  # type: ignore[valid-type]
    projects: list[str]

    @staticmethod
    def resolve_projects(obj) -> list[str]:
        return [project.title for project in obj.projects.all()]


class PracticeOut(WithUrl):
    id: int
    title: str
    summary: str
    member: str
    member_kind: CollectivityKind  # type: ignore[valid-type]
    started_on: datetime.date | None
    ended_on: datetime.date | None
    principles: list[PracticePrinciple]  # type: ignore[valid-type]
    axes: list[str]
    published_at: datetime.datetime | None
    is_sample: bool

    @staticmethod
    def resolve_member(obj) -> str:
        return obj.collectivity.slug

    @staticmethod
    def resolve_member_kind(obj) -> str:
        return obj.collectivity.kind

    @staticmethod
    def resolve_axes(obj) -> list[str]:
        return [axis.title for axis in obj.axes.all()]


class PracticeDocumentOut(WithUrl):
    title: str


class PracticeDetailOut(PracticeOut):
    description: str
    results: str
    contact_name: str
    contact_email: str
    structure: list[PracticeAxisOut]
    documents: list[PracticeDocumentOut]

    @staticmethod
    def resolve_structure(obj) -> list:
        return list(obj.axes.all())
