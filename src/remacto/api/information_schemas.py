"""Response schemas of the access-to-information API: published answers (never the requester, the request's own
wording or its private documents) and the documents members publish of their own accord."""

import datetime

from ninja import Schema

from remacto.information.models import DisclosureDocument

from .schemas import choices_enum

DisclosureCategory = choices_enum("DisclosureCategory", DisclosureDocument.Category)


class PublishedAnswerOut(Schema):
    id: int
    number: str
    member: str
    question: str
    answer: str
    answered_on: datetime.date | None
    published_at: datetime.datetime
    document_id: int | None
    url: str

    @staticmethod
    def resolve_number(obj) -> str:
        return obj.case.number

    @staticmethod
    def resolve_member(obj) -> str:
        return obj.case.collectivity.slug

    @staticmethod
    def resolve_question(obj) -> str:
        return obj.published_question

    @staticmethod
    def resolve_answered_on(obj) -> datetime.date | None:
        return obj.case.answered_on

    @staticmethod
    def resolve_document_id(obj) -> int | None:
        return obj.disclosure_id

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_public_url()


class DisclosureOut(Schema):
    id: int
    member: str
    title: str
    category: DisclosureCategory  # type: ignore[valid-type]
    published_on: datetime.date
    description: str
    file_url: str
    url: str

    @staticmethod
    def resolve_member(obj) -> str:
        return obj.collectivity.slug

    @staticmethod
    def resolve_file_url(obj) -> str:
        return obj.get_file_url()

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()
