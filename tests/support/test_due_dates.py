"""Due dates kept on open tickets move when the rules they were computed from change: a response-time target of
their category, or the holiday table (``cases.holidays``); closed and answered tickets keep theirs."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from remacto.cases import calendar, holidays
from remacto.cases.models import IslamicHoliday
from remacto.core.models import AuditLogEntry
from remacto.support import clock, services
from remacto.support.models import Status, Ticket

from .conftest import VALUES, WEDNESDAY

pytestmark = pytest.mark.django_db

D = datetime.date


def _opened(focal_point, commune, today, day: D, **values) -> Ticket:
    """A ticket opened on ``day`` (Moroccan date), its due date computed then."""
    today(day)
    ticket = services.open_ticket(focal_point, commune, **{**VALUES, **values})
    opened_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)), calendar.MOROCCO)
    Ticket.objects.filter(pk=ticket.pk).update(opened_at=opened_at)
    ticket.refresh_from_db()
    return ticket


def _close(ticket: Ticket) -> None:
    Ticket.objects.filter(pk=ticket.pk).update(status=Status.CLOSED)


def test_a_new_target_moves_the_due_dates_of_waiting_tickets_of_its_category(
    today, commune, focal_point, network_admin
):
    waiting = _opened(focal_point, commune, today, D(2026, 11, 2))
    closed = _opened(focal_point, commune, today, D(2026, 11, 2))
    answered = _opened(focal_point, commune, today, D(2026, 11, 2))
    other = _opened(focal_point, commune, today, D(2026, 11, 2), category="legal")
    _close(closed)
    services.reply(network_admin, answered, body="Voici la méthode.")
    Ticket.objects.filter(pk=waiting.pk).update(reminded_at=timezone.now())
    assert {t.due for t in (waiting, closed, answered)} == {WEDNESDAY}
    other_due = other.due
    services.set_target(network_admin, "methodology", 4)
    for ticket in (waiting, closed, answered, other):
        ticket.refresh_from_db()
    # 3, 4 and 5 November, then 9 November: 6 November (Green March) is a holiday
    assert waiting.due == D(2026, 11, 9) and waiting.reminded_at is None
    assert closed.due == answered.due == WEDNESDAY and other.due == other_due
    assert AuditLogEntry.objects.get(action="support.target").details["moved"] == 1


def test_a_refused_target_moves_nothing(today, commune, focal_point, network_admin):
    ticket = _opened(focal_point, commune, today, D(2026, 11, 2))
    with pytest.raises(PermissionDenied):
        services.set_target(focal_point, "methodology", 5)
    with pytest.raises(ValidationError) as error:
        services.set_target(network_admin, "methodology", "خمسة")
    assert "working_days" in error.value.message_dict
    ticket.refresh_from_db()
    assert ticket.due == WEDNESDAY and clock.target_days("methodology") == 2


def test_moving_a_holiday_moves_the_due_dates_of_waiting_tickets(today, commune, focal_point, network_admin):
    fitr = IslamicHoliday.objects.get(key="eid_al_fitr", hijri_year=1447)  # expected Friday 20 March 2026
    services.set_target(network_admin, "legal", 3)
    waiting = _opened(focal_point, commune, today, D(2026, 3, 18), category="legal")
    closed = _opened(focal_point, commune, today, D(2026, 3, 18), category="legal")
    _close(closed)
    assert waiting.due == closed.due == D(2026, 3, 24)  # 19, (20 and 21 Eid), 23, 24
    # announced one day later: Saturday 21 and Sunday 22, so Friday 20 becomes a working day again
    holidays.save_holiday(network_admin, key="eid_al_fitr", date=D(2026, 3, 21), expected=False, holiday=fitr)
    waiting.refresh_from_db()
    closed.refresh_from_db()
    assert waiting.due == D(2026, 3, 23) and closed.due == D(2026, 3, 24)
    assert AuditLogEntry.objects.get(action="holiday.save").details["moved"] == 1
    holidays.delete_holiday(network_admin, IslamicHoliday.objects.get(pk=fitr.pk))
    waiting.refresh_from_db()
    assert waiting.due == D(2026, 3, 23)  # no Eid in the table at all: still 19, 20, 23


def test_a_holiday_of_another_year_leaves_tickets_alone(today, commune, focal_point, network_admin):
    ticket = _opened(focal_point, commune, today, D(2026, 11, 2))
    Ticket.objects.filter(pk=ticket.pk).update(due=D(2026, 11, 20))  # not what the rules give
    assert clock.recompute_due_dates(years=[2028]) == 0
    assert clock.recompute_due_dates(years=[2026]) == 1
    ticket.refresh_from_db()
    assert ticket.due == WEDNESDAY


def test_a_target_changed_in_the_django_admin_moves_the_due_dates_too(
    today, commune, focal_point, network_admin, client
):
    from remacto.support.models import ResponseTarget

    ticket = _opened(focal_point, commune, today, D(2026, 11, 2))
    target = ResponseTarget.objects.get(category="methodology")
    network_admin.is_staff = network_admin.is_superuser = True
    network_admin.save()
    client.force_login(network_admin)
    url = f"/fr/admin/support/responsetarget/{target.pk}/change/"
    response = client.post(url, {"category": "methodology", "working_days": 4})
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.due == D(2026, 11, 9)
    assert AuditLogEntry.objects.filter(action="support.target").exists()
    client.post(f"/fr/admin/support/responsetarget/{target.pk}/delete/", {"post": "yes"})
    ticket.refresh_from_db()
    assert ticket.due == WEDNESDAY  # the default target again
