"""Fixtures of the support-desk tests: a frozen Moroccan date and a ticket the commune's focal point opened."""

import datetime

import pytest

from remacto.support import services

from ..information.conftest import MONDAY, today  # noqa: F401  (the frozen Moroccan date, from MONDAY)

WEDNESDAY = datetime.date(2026, 11, 4)
"""A first answer due 2 working days after MONDAY (2 November 2026) is due on Wednesday 4 November."""

VALUES = {
    "category": "methodology",
    "subject": "كيف نحدد محاور البرنامج؟",
    "message": "نريد معرفة طريقة ترتيب المحاور في برنامج العمل.",
}


@pytest.fixture
def ticket(today, commune, focal_point, network_admin):  # noqa: F811 (today: the fixture imported above)
    return services.open_ticket(focal_point, commune, **VALUES)
