"""Keeping the Islamic holiday table: network admins record each year's announced dates (from the page or the
Django admin). Every change is audited and moves the due dates of the open deadlines it affects, and those other
apps count in working days (:func:`register_due_dates`)."""

import datetime
from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from remacto.core import audit
from remacto.core.permissions import require

from . import calendar, services
from .models import IslamicHoliday

EDIT = "cases.edit_holidays"

_DUE_DATES: list[Callable[..., int]] = []


def register_due_dates(recompute: Callable[..., int]) -> None:
    """Another app keeps due dates counted in working days (called at start-up): after each change of the table,
    ``recompute(years=[...])`` runs in the same transaction, with the years the change touched, and returns how
    many due dates moved."""
    if recompute not in _DUE_DATES:
        _DUE_DATES.append(recompute)


def _recompute_all(years: Iterable[int]) -> int:
    years = sorted(years)
    return services.recompute_deadlines(years=years) + sum(recompute(years=years) for recompute in _DUE_DATES)


def check(key: str, day, year: int | None = None, exclude_pk=None) -> int:
    """The Hijri year of the holiday, or ``ValidationError`` keyed by field (nothing is written)."""
    if key not in IslamicHoliday.Key.values:
        raise ValidationError({"key": _("Choose a holiday from the list.")})
    if not isinstance(day, datetime.date):
        raise ValidationError({"date": _("Enter a valid date.")})
    if year is not None and day.year != year:
        raise ValidationError({"date": _("This date is not in %(year)s, the year being edited.") % {"year": year}})
    hijri = calendar.hijri_year(key, day)
    twins = IslamicHoliday.objects.filter(key=key, hijri_year=hijri).exclude(pk=exclude_pk)
    if twins.exists():
        raise ValidationError(
            {
                "date": _("%(holiday)s of the Hijri year %(hijri)s is already in the table; correct that row.")
                % {"holiday": IslamicHoliday.Key(key).label, "hijri": hijri}
            }
        )
    return hijri


def _after_change(actor, holiday: IslamicHoliday, action: str, years: set[int]) -> int:
    moved = _recompute_all(years)
    audit.record(actor, action, holiday, key=holiday.key, date=holiday.date.isoformat(), moved=moved)
    return moved


@transaction.atomic
def save_holiday(
    actor, *, key: str, date: datetime.date, expected: bool, year: int | None = None, holiday=None
) -> IslamicHoliday:
    """Add a holiday (or correct ``holiday``); ``year``, when given, is the year being edited, which the date must
    fall in. Open deadlines are recomputed."""
    require(actor, EDIT)
    hijri = check(key, date, year, exclude_pk=getattr(holiday, "pk", None))
    years = {date.year}
    if holiday is None:
        holiday = IslamicHoliday(key=key)
    else:
        holiday = IslamicHoliday.objects.select_for_update().get(pk=holiday.pk)
        years.add(holiday.date.year)
    holiday.key, holiday.date, holiday.hijri_year, holiday.expected = key, date, hijri, expected
    holiday.updated_by = actor
    holiday.save()
    _after_change(actor, holiday, "holiday.save", years)
    return holiday


def save_from_admin(actor, holiday: IslamicHoliday) -> IslamicHoliday:
    """The Django admin's save, through the same checks (the admin form itself is already validated)."""
    original = IslamicHoliday.objects.filter(pk=holiday.pk).first() if holiday.pk else None
    return save_holiday(actor, key=holiday.key, date=holiday.date, expected=holiday.expected, holiday=original)


@transaction.atomic
def delete_holiday(actor, holiday: IslamicHoliday) -> int:
    """Remove a holiday from the table; how many due dates moved."""
    require(actor, EDIT)
    years, pk = {holiday.date.year}, holiday.pk
    holiday.delete()
    holiday.pk = pk  # the audit entry names the row removed
    return _after_change(actor, holiday, "holiday.delete", years)
