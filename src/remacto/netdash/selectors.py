"""Reads of the precomputed figures shared by the dashboard page, its CSV file and the API: filtering, sorting,
the regional and provincial roll-ups, and the freshness. Every read is one query on ``MemberFigures`` (plus the
region or province names of a roll-up)."""

from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear

from remacto.monitoring.selectors.money import rate
from remacto.territories.models import Province, Region

from .compute import per_thousand
from .models import Computation, MemberFigures

# Measures with a value per member and per roll-up: (key, field on MemberFigures).
MEASURES = ("ideas_per_1000", "answered_share", "execution_rate", "on_time_share", "women_share", "under_30_share")
SORTS = {
    "name": None,  # by the member's name in the reader's script
    "population": "population",
    "ideas_per_1000": "ideas_per_1000",
    "answered_share": "answered_share",
    "phase": "phase_order",
    "adoption_date": "adoption_date",
    "execution_rate": "execution_rate",
    "on_time_share": "on_time_share",
    "women_share": "women_share",
    "under_30_share": "under_30_share",
}
STAFF_SORTS = {"last_moved_on": "last_moved_on"}
# What the page shows one at a time (a chart and a ranking each), in the member table's order; the first by default.
CHOOSABLE = (
    "ideas_per_1000",
    "answered_share",
    "phase",
    "adoption_date",
    "execution_rate",
    "on_time_share",
    "women_share",
    "under_30_share",
)
DEFAULT_MEASURE = CHOOSABLE[0]
EARLIEST_FIRST = frozenset({"adoption_date"})  # the other rankings put the highest (or furthest phase) first


@dataclass
class Filters:
    region: str = ""
    kind: str = ""
    cohort: int | None = None
    ogp: bool | None = None
    stalled: bool | None = None  # network admins only
    sort: str = "name"
    descending: bool = False


def latest_computation() -> Computation | None:
    return Computation.objects.first()


def members(filters: Filters, *, language: str = "ar") -> QuerySet[MemberFigures]:
    """The members' figures matching ``filters``, sorted (missing values last), with their names and places."""
    qs = MemberFigures.objects.select_related("collectivity", "region", "province")
    qs = filtered(qs, filters)
    column = SORTS.get(filters.sort) or STAFF_SORTS.get(filters.sort)
    name = "collectivity__name_ar" if language in ("ar", "zgh") else "collectivity__name_fr"
    if column is None:
        return qs.order_by(F(name).desc() if filters.descending else F(name).asc(), "pk")
    order = F(column).desc(nulls_last=True) if filters.descending else F(column).asc(nulls_last=True)
    return qs.order_by(order, name, "pk")


def ranking(filters: Filters, measure: str, *, language: str = "ar") -> QuerySet[MemberFigures]:
    """The members matching ``filters`` ranked on ``measure`` (one of ``CHOOSABLE``): the highest first, the
    earliest adoption first, members without a figure last."""
    ranked = replace(filters, sort=measure, descending=measure not in EARLIEST_FIRST)
    return members(ranked, language=language)


def filtered(qs: QuerySet[MemberFigures], filters: Filters) -> QuerySet[MemberFigures]:
    if filters.region:
        qs = qs.filter(region__code=filters.region)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.cohort is not None:
        qs = qs.filter(cohort_year=filters.cohort)
    if filters.ogp is not None:
        qs = qs.filter(is_ogp_local=filters.ogp)
    if filters.stalled is not None:
        qs = qs.filter(is_stalled=filters.stalled)
    return qs


@dataclass
class Rollup:
    """The figures of a group of members (a region, a province, or all the members shown)."""

    key: str
    place: Region | Province | None
    members: int = 0
    ideas: int = 0
    population: int = 0
    ideas_counted: int = 0
    ideas_answered: int = 0
    budget: Decimal = Decimal(0)
    paid: Decimal = Decimal(0)
    cases_on_time: int = 0
    cases_due: int = 0
    attendees_women: int = 0
    attendees_men: int = 0
    attendees_under_30: int = 0
    attendees_aged: int = 0

    @property
    def ideas_per_1000(self) -> Decimal | None:
        return per_thousand(self.ideas_counted, self.population)

    @property
    def answered_share(self) -> Decimal | None:
        return rate(self.ideas_answered, self.ideas)

    @property
    def execution_rate(self) -> Decimal | None:
        return rate(self.paid, self.budget)

    @property
    def on_time_share(self) -> Decimal | None:
        return rate(self.cases_on_time, self.cases_due)

    @property
    def women_share(self) -> Decimal | None:
        return rate(self.attendees_women, self.attendees_women + self.attendees_men)

    @property
    def under_30_share(self) -> Decimal | None:
        return rate(self.attendees_under_30, self.attendees_aged)


SUMS = {
    "members": Count("pk"),
    "ideas": Sum("ideas"),
    "population": Sum("population"),
    "ideas_counted": Sum("ideas", filter=Q(population__isnull=False)),
    "ideas_answered": Sum("ideas_answered"),
    "budget": Sum("budget"),
    "paid": Sum("paid"),
    "cases_on_time": Sum("cases_on_time"),
    "cases_due": Sum("cases_due"),
    "attendees_women": Sum("attendees_women"),
    "attendees_men": Sum("attendees_men"),
    "attendees_under_30": Sum("attendees_under_30"),
    "attendees_aged": Sum("attendees_aged"),
}


def _rollup(key: str, place, row: dict) -> Rollup:
    return Rollup(key, place, **{name: row[f"sum_{name}"] or 0 for name in SUMS})


def rollups(filters: Filters) -> tuple[str, list[Rollup], Rollup]:
    """The roll-up of the members matching ``filters``: by region, or by province when one region is chosen
    (members without a province, the regional councils, in a row of their own); then the total. Two queries."""
    qs = filtered(MemberFigures.objects.all(), filters)
    level = "province" if filters.region else "region"
    rows = list(qs.values(level).annotate(**{f"sum_{name}": total for name, total in SUMS.items()}).order_by(level))
    model = Province if level == "province" else Region
    places = model.objects.in_bulk([row[level] for row in rows if row[level]])
    groups = [_rollup(str(row[level] or "none"), places.get(row[level]), row) for row in rows]
    total = Rollup("total", None)
    for group in groups:
        for name in SUMS:
            setattr(total, name, getattr(total, name) + getattr(group, name))
    return level, groups, total


def phase_counts(filters: Filters) -> dict[str, int]:
    """How many members are in each programme phase (``""``: no programme yet). One query."""
    qs = filtered(MemberFigures.objects.all(), filters)
    return dict(qs.values_list("phase").annotate(n=Count("pk")).order_by())


def adoption_years(filters: Filters) -> list[tuple[int, int]]:
    """How many members adopted their programme in each year, by year. One query."""
    qs = filtered(MemberFigures.objects.filter(adoption_date__isnull=False), filters)
    rows = qs.annotate(year=ExtractYear("adoption_date")).values_list("year").annotate(n=Count("pk"))
    return list(rows.order_by("year"))
