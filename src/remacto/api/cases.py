"""Read endpoints of the case core: the public holidays of a year and the transparency figures."""

from typing import Literal

from ninja import Field, Query, Router, Schema

from remacto.cases import calendar, selectors
from remacto.cases.models import Case
from remacto.territories import selectors as territories

router = Router(tags=["cases"])

YEAR = {"ge": 2000, "le": 2100}


class HolidayFilters(Schema):
    year: int = Field(..., description="Gregorian year, e.g. 2026", **YEAR)


class HolidayOut(Schema):
    date: str = Field(..., description="ISO date")
    key: str
    name: str = Field(..., description="in the language of the request")
    kind: Literal["fixed", "islamic"]
    expected: bool = Field(..., description="an expected date, or a holiday still to confirm")


@router.get("/holidays", response=list[HolidayOut])
def list_holidays(request, filters: Query[HolidayFilters]):
    """Every public holiday of the year, fixed and Islamic (two-day holidays give two rows), by date. Islamic
    dates marked ``expected`` are forecasts until announced."""
    return [
        {"date": h.date.isoformat(), "key": h.key, "name": str(h.name), "kind": h.kind, "expected": h.expected}
        for h in calendar.holidays(filters.year)
    ]


class TransparencyFilters(Schema):
    year: int = Field(..., description="year in which the cases were received", **YEAR)
    member: str = Field("", max_length=80, pattern=r"^[-a-z0-9]*$", description="member slug; empty for the network")


class FiguresOut(Schema):
    procedure: Literal["information", "petition", "opinion"]
    received: int
    answered_on_time: int
    answered_late: int
    open: int = Field(..., description="neither answered nor closed")
    overdue: int = Field(..., description="open past the deadline that counts for the answer")


class TransparencyOut(Schema):
    year: int
    member: str | None = Field(..., description="member slug, null for the whole network")
    procedures: list[FiguresOut]


@router.get("/transparency", response=TransparencyOut)
def get_transparency(request, filters: Query[TransparencyFilters]):
    """Per procedure, the cases received in the year: answered on time, late, open and overdue (all zero for a
    slug that is not a member)."""
    if filters.member:
        collectivity = territories.members().filter(slug=filters.member).first()
        figures = selectors.transparency(year=filters.year, collectivity=collectivity) if collectivity else None
    else:
        figures = selectors.transparency(year=filters.year)
    if figures is None:  # like every filter of this API, a slug that matches no member matches nothing
        figures = {procedure: selectors.empty_figures() for procedure in Case.Procedure.values}
    return {
        "year": filters.year,
        "member": filters.member or None,
        "procedures": [{"procedure": p, **figures[p]} for p in Case.Procedure.values],
    }
