"""Schemas of the network dashboard's read API."""

import datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from remacto.netdash.selectors import SORTS

Sort = Literal[tuple(SORTS)]  # type: ignore[valid-type]
Kind = Literal["region", "prefecture_council", "province_council", "commune"]


class DashboardFilters(Schema):
    region: str | None = Field(None, pattern=r"^[0-9]{2}$", description="region code, 01 to 12")
    kind: Kind | None = None  # type: ignore[valid-type]
    cohort: int | None = Field(None, ge=2022, le=2100, description="cohort year")
    ogp_local: bool | None = None
    sort: Sort = "name"  # type: ignore[valid-type]
    descending: bool = False


class MemberFiguresOut(Schema):
    member: str = Field(..., description="the member's slug")
    name_ar: str
    name_fr: str
    region: str
    province: str | None
    kind: str
    cohort_year: int | None
    ogp_local: bool
    population: int | None
    cycle: str
    phase: str
    adoption_date: datetime.date | None
    ideas: int
    ideas_per_1000: Decimal | None
    ideas_answered: int
    answered_share: Decimal | None
    budget: Decimal
    paid: Decimal
    execution_rate: Decimal | None
    cases_due: int
    cases_on_time: int
    on_time_share: Decimal | None
    attendees_women: int
    attendees_men: int
    women_share: Decimal | None
    attendees_under_30: int
    attendees_aged: int
    under_30_share: Decimal | None
    computed_at: datetime.datetime

    @staticmethod
    def resolve_member(obj) -> str:
        return obj.collectivity.slug

    @staticmethod
    def resolve_name_ar(obj) -> str:
        return obj.collectivity.name_ar or ""

    @staticmethod
    def resolve_name_fr(obj) -> str:
        return obj.collectivity.name_fr or ""

    @staticmethod
    def resolve_region(obj) -> str:
        return obj.region.code

    @staticmethod
    def resolve_province(obj) -> str | None:
        return obj.province.code if obj.province else None

    @staticmethod
    def resolve_ogp_local(obj) -> bool:
        return obj.is_ogp_local


class RollupOut(Schema):
    code: str | None = Field(..., description="region or province code; null for regional councils")
    members: int
    ideas_per_1000: Decimal | None
    answered_share: Decimal | None
    execution_rate: Decimal | None
    on_time_share: Decimal | None
    women_share: Decimal | None
    under_30_share: Decimal | None

    @staticmethod
    def resolve_code(obj) -> str | None:
        return obj.place.code if obj.place else None


class RollupsOut(Schema):
    level: str = Field(..., description="region, or province when a region is chosen")
    computed_at: datetime.datetime | None
    groups: list[RollupOut]
    total: RollupOut
