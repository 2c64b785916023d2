"""Response schemas of the network API: membership decisions (public fields only, never the focal point's contact
or the deliberation) and published news posts."""

import datetime
from enum import StrEnum

from ninja import Schema

from remacto.core.markdown import render_markdown
from remacto.network.models import MembershipApplication

DecisionStatus = StrEnum(
    "DecisionStatus", [(v, v) for v in MembershipApplication.Status.values if v != MembershipApplication.Status.PENDING]
)


class DecisionOut(Schema):
    id: int
    member: str
    name: str
    status: DecisionStatus  # type: ignore[valid-type]
    decision_text: str
    decided_at: datetime.datetime | None
    cohort_year: int | None

    @staticmethod
    def resolve_member(obj) -> str:
        return obj.collectivity.slug

    @staticmethod
    def resolve_name(obj) -> str:
        return str(obj.collectivity)


class NewsOut(Schema):
    id: int
    member: str | None
    title: str
    body: str
    body_html: str
    has_image: bool
    published_at: datetime.datetime | None
    updated_at: datetime.datetime
    url: str

    @staticmethod
    def resolve_member(obj) -> str | None:
        return obj.collectivity.slug if obj.collectivity_id else None

    @staticmethod
    def resolve_body_html(obj) -> str:
        return str(render_markdown(obj.body))

    @staticmethod
    def resolve_has_image(obj) -> bool:
        return bool(obj.image)

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()
