"""Cases opened and reminders sent at the same moment on PostgreSQL: numbers stay unique and consecutive, and
each reminder is sent once."""

import datetime
import os

import pytest
from django.utils import timezone

from remacto.cases import reminders, services
from remacto.cases.models import Case
from remacto.notifications.models import Notification

from ..threads import at_once

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("DATABASE_URL"), reason="PostgreSQL only: DATABASE_URL is not set"),
]


def open_one(collectivity):
    return services.open_case(
        collectivity=collectivity,
        procedure=Case.Procedure.INFORMATION,
        received_on=datetime.date(2026, 3, 18),
        status="received",
    ).number


def test_cases_opened_at_once_get_consecutive_numbers(commune):
    numbers, errors = at_once(6, lambda _n: open_one(commune))
    assert not errors, errors
    assert sorted(numbers) == [f"INF-2026-{n:05d}" for n in range(1, 7)]


def test_reminder_runs_at_once_send_each_reminder_once(commune, registered):
    case = services.open_case(
        collectivity=commune, procedure=Case.Procedure.INFORMATION, received_on=datetime.date(2026, 3, 18), status="r"
    )
    services.set_deadline(case, kind="answer", start=case.received_on, amount=20, unit="working")
    now = timezone.make_aware(datetime.datetime(2026, 4, 2, 9))
    results, errors = at_once(4, lambda _n: reminders.send_reminders(now=now))
    assert not errors, errors
    assert sum(result["half"] for result in results) == 1
    assert Notification.objects.filter(kind="cases.reminder").count() == 1
