"""Fixtures of the support-desk tests: a frozen Moroccan date and a ticket the commune's focal point opened."""

import datetime

import pytest

from remacto.cases import calendar
from remacto.support import services

MONDAY = datetime.date(2026, 11, 2)
"""A Monday: a first answer due in 2 working days is due on Wednesday 4 November 2026."""
WEDNESDAY = datetime.date(2026, 11, 4)

VALUES = {
    "category": "methodology",
    "subject": "كيف نحدد محاور البرنامج؟",
    "message": "نريد معرفة طريقة ترتيب المحاور في برنامج العمل.",
}


@pytest.fixture
def today(monkeypatch):
    """Freeze the Moroccan date the services and pages read (``cases.calendar.today``); returns a setter."""
    current = {"day": MONDAY}
    monkeypatch.setattr(calendar, "today", lambda: current["day"])

    def set_today(day: datetime.date) -> datetime.date:
        current["day"] = day
        return day

    return set_today


@pytest.fixture
def ticket(today, commune, focal_point, network_admin):
    return services.open_ticket(focal_point, commune, **VALUES)
