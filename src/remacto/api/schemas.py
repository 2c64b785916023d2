"""Response schemas of the territories API; resolvers read from the selectors' prefetched objects.

Choice fields are exposed as enums named after their model (``ProvinceKind``, ``CollectivityKind``…): Django's
choice classes are all called ``Kind`` or ``Status``, and under one name they would overwrite each other in the
OpenAPI schema (a province filter documented with the collectivities' kinds).
"""

from enum import StrEnum

from django.db import models
from ninja import Schema

from remacto.territories.models import Collectivity, Province


def choices_enum(name: str, choices: type[models.TextChoices]) -> type[StrEnum]:
    """The values of ``choices`` as an enum called ``name`` in the OpenAPI schema."""
    return StrEnum(name, [(value, value) for value in choices.values])


ProvinceKind = choices_enum("ProvinceKind", Province.Kind)
CollectivityKind = choices_enum("CollectivityKind", Collectivity.Kind)


class RegionOut(Schema):
    code: str
    name_ar: str
    name_fr: str
    name_en: str
    seat_fr: str
    population_2024: int | None
    member_count: int


class ProvinceOut(Schema):
    code: str
    kind: ProvinceKind  # type: ignore[valid-type]
    name_ar: str
    name_fr: str
    region_code: str
    population_2024: int | None

    @staticmethod
    def resolve_region_code(obj) -> str:
        return obj.region.code


class CollectivityOut(Schema):
    slug: str
    kind: CollectivityKind  # type: ignore[valid-type]
    name_ar: str
    name_fr: str
    name_en: str
    name_zgh: str
    region_code: str
    province_code: str | None
    cohort_year: int | None
    is_ogp_local: bool
    url: str

    @staticmethod
    def resolve_name_zgh(obj) -> str:
        return obj.name_zgh or ""

    @staticmethod
    def resolve_name_en(obj) -> str:
        return obj.name_en or ""

    @staticmethod
    def resolve_region_code(obj) -> str:
        return obj.region.code

    @staticmethod
    def resolve_province_code(obj) -> str | None:
        return obj.province.code if obj.province_id else None

    @staticmethod
    def resolve_cohort_year(obj) -> int | None:
        return obj.membership.cohort_year

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class CollectivityDetailOut(CollectivityOut):
    parent_slug: str | None
    charter_version: str | None
    focal_points: list[str]

    @staticmethod
    def resolve_parent_slug(obj) -> str | None:
        return obj.parent.slug if obj.parent_id else None

    @staticmethod
    def resolve_charter_version(obj) -> str | None:
        return obj.membership.charter.version if obj.membership.charter_id else None

    @staticmethod
    def resolve_focal_points(obj) -> list[str]:
        return [str(role.user) for role in obj.focal_points]
