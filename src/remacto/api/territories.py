"""Read endpoints for regions, provinces and member collectivities."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from remacto.territories import selectors
from remacto.territories.models import Collectivity, Province

from .schemas import CollectivityDetailOut, CollectivityKind, CollectivityOut, ProvinceKind, ProvinceOut, RegionOut

router = Router(tags=["territories"])


class Pagination(PageNumberPagination):
    """Page-number pagination; a page number that is not a positive integer is a 422 with a clear message."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=100_000)
        page_size: int = Field(settings.PAGE_SIZE, ge=1, le=200)


@router.get("/regions", response=list[RegionOut])
def list_regions(request):
    """The 12 regions with the number of member collectivities in each."""
    return selectors.regions_with_member_counts()


@router.get("/regions/{code}", response=RegionOut)
def get_region(request, code: str):
    return get_object_or_404(selectors.regions_with_member_counts(), code=code)


class ProvinceFilters(Schema):
    region: str = Field("", max_length=2, description="region code, e.g. 07")
    kind: ProvinceKind | None = None  # type: ignore[valid-type]


@router.get("/provinces", response=list[ProvinceOut])
@paginate(Pagination)
def list_provinces(request, filters: Query[ProvinceFilters]):
    """The 75 prefectures and provinces, filterable by region and kind."""
    qs = Province.objects.select_related("region").order_by("code")
    if filters.region:
        qs = qs.filter(region__code=filters.region)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return qs


class CollectivityFilters(Schema):
    q: str = Field("", max_length=settings.SEARCH_MAX_LENGTH, description="name in Arabic or French")
    region: str = Field("", max_length=2, description="region code, e.g. 07")
    kind: CollectivityKind | None = None  # type: ignore[valid-type]
    cohort: str = Field("", pattern=r"^(|none|\d{4})$", description="cohort year, or 'none' when unknown")


@router.get("/collectivities", response=list[CollectivityOut])
@paginate(Pagination)
def list_collectivities(request, filters: Query[CollectivityFilters]):
    """Member collectivities, filterable by region, kind and cohort, searchable by name (Arabic or French)."""
    return selectors.directory(q=filters.q, region=filters.region, kind=filters.kind or "", cohort=filters.cohort)


@router.get("/collectivities/{slug}", response=CollectivityDetailOut)
def get_collectivity(request, slug: str):
    try:
        return selectors.space(slug)
    except Collectivity.DoesNotExist as exc:
        raise Http404 from exc
