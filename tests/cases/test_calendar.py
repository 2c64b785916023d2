"""Deadline computation across weekends, fixed and Islamic holidays, year ends, extensions and urgent requests."""

import datetime

import pytest
from django.utils import timezone

from remacto.cases import calendar

D = datetime.date


def test_fixed_holidays_of_2027_include_the_amazigh_new_year_and_unity_day_to_confirm():
    days = {h.date: h for h in calendar.fixed_holidays(2027)}
    assert D(2027, 1, 14) in days and days[D(2027, 1, 14)].key == "amazigh_new_year"
    assert days[D(2027, 10, 31)].expected is True  # to confirm
    assert days[D(2027, 11, 18)].expected is False
    assert len(days) == 11


def test_unity_day_only_from_2025():
    assert D(2024, 10, 31) not in {h.date for h in calendar.fixed_holidays(2024)}
    assert D(2025, 10, 31) in {h.date for h in calendar.fixed_holidays(2025)}


@pytest.mark.django_db
def test_islamic_holidays_of_2026_are_the_expected_dates_two_days_each_for_the_eids_and_mawlid():
    islamic = {h.date: h for h in calendar.holidays(2026) if h.kind == calendar.ISLAMIC}
    assert sorted(islamic) == [
        D(2026, 3, 20), D(2026, 3, 21), D(2026, 5, 27), D(2026, 5, 28), D(2026, 6, 16), D(2026, 8, 25), D(2026, 8, 26)
    ]  # fmt: skip
    assert all(h.expected for h in islamic.values())


@pytest.mark.django_db
def test_weekends_and_holidays_are_not_working_days():
    assert calendar.is_working_day(D(2026, 3, 18))  # Wednesday
    assert not calendar.is_working_day(D(2026, 3, 21))  # Saturday
    assert not calendar.is_working_day(D(2026, 3, 20))  # Eid al-Fitr (Friday)
    assert not calendar.is_working_day(D(2027, 1, 11))  # Monday, Independence Manifesto


@pytest.mark.django_db
def test_request_two_days_before_eid_al_fitr_2026():
    received = D(2026, 3, 18)  # Wednesday; Eid al-Fitr expected Friday 20 and Saturday 21 March
    # 19 (1), Eid 20-21, weekend, 23-27 (2-6), 30-31 (7-8), 1-3 April (9-11), 6-10 (12-16), 13-16 (17-20)
    assert calendar.due_date(received, 20, calendar.WORKING) == D(2026, 4, 16)
    # urgent: Thursday 19 (1), Monday 23 (2), Tuesday 24 (3)
    assert calendar.due_date(received, 3, calendar.WORKING) == D(2026, 3, 24)


@pytest.mark.django_db
def test_request_received_28_december_2026_crosses_1_11_and_14_january_2027():
    received = D(2026, 12, 28)  # Monday
    # 29-31 Dec (1-3), 1 Jan holiday then weekend, 4-8 (4-8), 11 holiday, 12-13 (9-10), 14 holiday, 15 (11),
    # 18-22 (12-16), 25-28 (17-20)
    assert calendar.due_date(received, 20, calendar.WORKING) == D(2027, 1, 28)
    assert calendar.due_date(received, 3, calendar.WORKING) == D(2026, 12, 31)
    assert calendar.due_date(received, 15, calendar.CALENDAR) == D(2027, 1, 12)


@pytest.mark.django_db
def test_the_start_day_is_not_counted_and_a_friday_start_skips_the_weekend():
    assert calendar.add_working_days(D(2026, 11, 27), 1) == D(2026, 11, 30)
    assert calendar.add_working_days(D(2026, 11, 27), 0) == D(2026, 11, 27)


def test_unknown_unit_is_refused():
    with pytest.raises(ValueError):
        calendar.due_date(D(2026, 1, 5), 3, "weeks")


def test_local_date_is_moroccan_time():
    late_evening_utc = timezone.make_aware(datetime.datetime(2026, 12, 31, 23, 30), datetime.UTC)
    assert calendar.local_date(late_evening_utc) == D(2027, 1, 1)  # UTC+1 in Morocco


@pytest.mark.parametrize(
    ("key", "day", "hijri"),
    [
        ("islamic_new_year", D(2026, 6, 16), 1448),
        ("eid_al_fitr", D(2026, 3, 20), 1447),
        ("mawlid", D(2027, 8, 14), 1449),
    ],
)
def test_hijri_year_of_a_holiday(key, day, hijri):
    assert calendar.hijri_year(key, day) == hijri
