"""Response schemas of the FAQ API: the question, the answer, the category; never the ticket it came from."""

import datetime

from ninja import Schema

from remacto.support.models import Category

from .schemas import choices_enum

FaqCategory = choices_enum("FaqCategory", Category)


class FaqEntryOut(Schema):
    id: int
    category: str
    question: str
    answer: str
    published_at: datetime.datetime
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()
