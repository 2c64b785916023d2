"""The working-day calendar of Moroccan public administrations, in Moroccan time.

A working day is a day from Monday to Friday that is not a public holiday. The holidays are the fixed ones of the
civil calendar (:data:`FIXED`) and the Islamic ones, whose Gregorian dates are announced each year after the moon
is sighted: those come from the ``IslamicHoliday`` table that network admins keep up to date (pre-filled with the
expected dates, marked ``expected`` until confirmed).

Deadlines count from a start date that is itself not counted: ``add_working_days(start, 20)`` is the 20th working
day after ``start``. All reads of one computation share one query per year (:class:`Calendar`).
"""

import datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MOROCCO = ZoneInfo("Africa/Casablanca")

WORKING = "working"
CALENDAR = "calendar"
UNITS = (WORKING, CALENDAR)

FIXED = "fixed"
ISLAMIC = "islamic"


class Holiday(NamedTuple):
    date: datetime.date
    key: str
    name: str | Promise
    kind: str  # "fixed" | "islamic"
    expected: bool


class FixedHoliday(NamedTuple):
    month: int
    day: int
    key: str
    name: Promise
    since: int = 0
    to_confirm: bool = False


FIXED_HOLIDAYS = (
    FixedHoliday(1, 1, "new_year", _("New Year's Day")),
    FixedHoliday(1, 11, "independence_manifesto", _("Proclamation of Independence Manifesto")),
    FixedHoliday(1, 14, "amazigh_new_year", _("Amazigh New Year")),
    FixedHoliday(5, 1, "labour_day", _("Labour Day")),
    FixedHoliday(7, 30, "throne_day", _("Throne Day")),
    FixedHoliday(8, 14, "oued_eddahab", _("Oued Eddahab Day")),
    FixedHoliday(8, 20, "revolution", _("Revolution of the King and the People")),
    FixedHoliday(8, 21, "youth_day", _("Youth Day")),
    FixedHoliday(10, 31, "unity_day", _("Unity Day"), since=2025, to_confirm=True),
    FixedHoliday(11, 6, "green_march", _("Green March")),
    FixedHoliday(11, 18, "independence_day", _("Independence Day")),
)

ISLAMIC_DAYS = {"eid_al_fitr": 2, "eid_al_adha": 2, "islamic_new_year": 1, "mawlid": 2}
"""How many days each Islamic holiday lasts, from its first day."""

# Days from 1 Muharram to each holiday (about), to tell the Hijri year of a Gregorian date (see hijri_year).
_DAY_OF_HIJRI_YEAR = {"eid_al_fitr": 265.8, "eid_al_adha": 333.8, "islamic_new_year": 0.0, "mawlid": 70.0}
_HIJRI_EPOCH = datetime.date(622, 7, 19)
_HIJRI_YEAR_DAYS = 354.367


def hijri_year(key: str, day: datetime.date) -> int:
    """The Hijri year of the holiday ``key`` falling on ``day`` (exact within months, plenty to tell years)."""
    start = (day - _HIJRI_EPOCH).days - _DAY_OF_HIJRI_YEAR[key]
    return round(start / _HIJRI_YEAR_DAYS) + 1


def today() -> datetime.date:
    """Today's date in Morocco."""
    return local_date(timezone.now())


def local_date(moment: datetime.datetime) -> datetime.date:
    """The date in Morocco at ``moment`` (a naive moment is taken as Moroccan time)."""
    if timezone.is_naive(moment):
        return moment.date()
    return moment.astimezone(MOROCCO).date()


def fixed_holidays(year: int) -> list[Holiday]:
    return [
        Holiday(datetime.date(year, h.month, h.day), h.key, h.name, FIXED, h.to_confirm)
        for h in FIXED_HOLIDAYS
        if year >= h.since
    ]


def islamic_holidays(year: int) -> list[Holiday]:
    """The Islamic holidays with a day in ``year``, from the table (each day of a two-day holiday listed)."""
    from .models import IslamicHoliday

    first = datetime.date(year, 1, 1) - datetime.timedelta(days=max(ISLAMIC_DAYS.values()))
    rows = IslamicHoliday.objects.filter(date__gte=first, date__lte=datetime.date(year, 12, 31))
    found = []
    for row in rows:
        name = IslamicHoliday.Key(row.key).label
        for offset in range(ISLAMIC_DAYS[row.key]):
            day = row.date + datetime.timedelta(days=offset)
            if day.year == year:
                found.append(Holiday(day, row.key, name, ISLAMIC, row.expected))
    return found


def holidays(year: int) -> list[Holiday]:
    """Every public holiday of ``year``, fixed and Islamic, by date."""
    return sorted(fixed_holidays(year) + islamic_holidays(year), key=lambda h: (h.date, h.kind, h.key))


class Calendar:
    """Working days, reading each year's holidays once."""

    def __init__(self) -> None:
        self._years: dict[int, frozenset[datetime.date]] = {}

    def holiday_dates(self, year: int) -> frozenset[datetime.date]:
        if year not in self._years:
            self._years[year] = frozenset(h.date for h in holidays(year))
        return self._years[year]

    def is_working_day(self, day: datetime.date) -> bool:
        return day.weekday() < 5 and day not in self.holiday_dates(day.year)

    def add_working_days(self, start: datetime.date, n: int) -> datetime.date:
        if n < 0:
            raise ValueError("n must not be negative")
        day = start
        while n:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                n -= 1
        return day

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """How many working days after ``start`` up to and including ``end`` (0 when ``end`` is not later)."""
        count, day = 0, start
        while day < end:
            day += datetime.timedelta(days=1)
            count += self.is_working_day(day)
        return count

    def due_date(self, start: datetime.date, amount: int, unit: str) -> datetime.date:
        if unit == WORKING:
            return self.add_working_days(start, amount)
        if unit == CALENDAR:
            return add_calendar_days(start, amount)
        raise ValueError(f"unknown unit {unit!r}")


def is_working_day(day: datetime.date) -> bool:
    """Not a Saturday or Sunday, not a public holiday."""
    return Calendar().is_working_day(day)


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    """The ``n``-th working day after ``start`` (``start`` itself is not counted)."""
    return Calendar().add_working_days(start, n)


def add_calendar_days(start: datetime.date, n: int) -> datetime.date:
    return start + datetime.timedelta(days=n)


def due_date(start: datetime.date, amount: int, unit: str) -> datetime.date:
    """The due date of a deadline of ``amount`` days in ``unit`` ("working" or "calendar") after ``start``."""
    return Calendar().due_date(start, amount, unit)
