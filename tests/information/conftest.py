"""Fixtures of the access-to-information tests: the commune's information officer, a requester and another
citizen, a frozen Moroccan date, and a request filed online."""

import datetime

import pytest

from remacto.accounts.models import Role
from remacto.cases import calendar
from remacto.information.services import requests as services

from ..conftest import make_user

MONDAY = datetime.date(2026, 11, 2)
"""A Monday: 20 working days after it (6 and 18 November are holidays) is 2 December 2026."""


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
def officer(commune):
    user = make_user("officer@example.ma", "Information officer", preferred_language="fr")
    Role.objects.create(user=user, kind=Role.Kind.INFORMATION_OFFICER, collectivity=commune)
    return user


@pytest.fixture
def other_citizen(db):
    return make_user("other@example.ma", "Other citizen")


REQUESTER = "Amina Berrada"
VALUES = {"subject": "محاضر دورة المجلس لشهر مارس 2026", "details": "نسخة من المحضر", "requester_kind": "citizen"}


@pytest.fixture
def filed(today, commune, officer, citizen):
    """A request of ``citizen`` (renamed Amina Berrada) to the commune, filed online on ``MONDAY``; the only
    officer is in charge."""
    citizen.display_name = REQUESTER
    citizen.save(update_fields=["display_name"])
    return services.file_request(citizen, commune, **VALUES)


@pytest.fixture
def outside(commune):
    """A commune that is not a member of the network."""
    from remacto.territories.models import Collectivity

    return Collectivity.objects.create(
        kind=Collectivity.Kind.COMMUNE,
        slug="sidi-outside",
        name="سيدي الخارج",
        name_fr="Sidi Outside",
        region=commune.region,
        province=commune.province,
    )
