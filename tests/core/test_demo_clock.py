"""The demo's clock (``core.demo``): inside ``on_day`` the services' clock reads that day in Morocco, model fields
dated by default take it too, the site's language is active, and everything is back afterwards."""

import datetime

import pytest
from django.utils import timezone, translation

from remacto.cases import calendar
from remacto.core.demo import on_day, working_days_ago
from remacto.core.models import AuditLogEntry

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 11, 2)


def test_on_day_sets_the_clock_of_services_and_defaults_then_restores_it(commune):
    from remacto.cases.models import Case, CaseEvent

    with translation.override("en"), on_day(MONDAY, hour=9) as moment:
        assert timezone.now() == moment and calendar.today() == MONDAY
        assert timezone.localtime().hour == 9 and translation.get_language() == "ar"
        case = Case.objects.create(
            collectivity=commune, procedure="information", number="INF-X", status="received", received_on=MONDAY
        )
        event = CaseEvent.objects.create(case=case, status="received")  # ``at`` defaults to ``timezone.now``
        entry = AuditLogEntry.objects.create(action="test", object_type="x", object_id="1")  # ``auto_now_add``
    assert event.at == moment and entry.created_at == moment and case.created_at == moment
    assert abs(timezone.now() - datetime.datetime.now(datetime.UTC)) < datetime.timedelta(minutes=1)


def test_working_days_ago_skips_weekends_and_holidays():
    # Friday 6 November 2026 (Green March) and the weekend are not working days.
    assert working_days_ago(1, datetime.date(2026, 11, 9)) == datetime.date(2026, 11, 5)
    assert working_days_ago(0, MONDAY) == MONDAY
    assert working_days_ago(5, datetime.date(2026, 11, 9)) == datetime.date(2026, 10, 30)
