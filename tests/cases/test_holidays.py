"""The Islamic holiday table: who may edit it, bad input refused with nothing saved, and open deadlines
recomputed when it changes."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from remacto.cases import calendar, holidays, services
from remacto.cases.models import Case, IslamicHoliday
from remacto.core.models import AuditLogEntry

D = datetime.date


@pytest.fixture
def fitr_2026(db) -> IslamicHoliday:
    return IslamicHoliday.objects.get(key="eid_al_fitr", hijri_year=1447)


@pytest.mark.django_db
def test_a_network_admin_confirms_a_date_and_it_is_audited(network_admin, fitr_2026):
    saved = holidays.save_holiday(
        network_admin, key="eid_al_fitr", date=D(2026, 3, 21), expected=False, year=2026, holiday=fitr_2026
    )
    assert (saved.pk, saved.date, saved.expected, saved.hijri_year) == (fitr_2026.pk, D(2026, 3, 21), False, 1447)
    entry = AuditLogEntry.objects.get(action="holiday.save")
    assert entry.actor == network_admin and entry.details["date"] == "2026-03-21"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["focal_point", "citizen", "committee_member", "anonymous"])
def test_others_may_not_edit_the_table(request, who, fitr_2026):
    actor = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        holidays.save_holiday(actor, key="eid_al_fitr", date=D(2026, 3, 21), expected=False, holiday=fitr_2026)
    with pytest.raises(PermissionDenied):
        holidays.delete_holiday(actor, fitr_2026)
    fitr_2026.refresh_from_db()
    assert fitr_2026.date == D(2026, 3, 20)


@pytest.mark.django_db
def test_a_date_outside_the_year_being_edited_is_refused(network_admin):
    with pytest.raises(ValidationError) as caught:
        holidays.save_holiday(network_admin, key="mawlid", date=D(2029, 7, 24), expected=True, year=2028)
    assert "2028" in caught.value.message_dict["date"][0]
    assert not IslamicHoliday.objects.filter(hijri_year=1451).exists()


@pytest.mark.django_db
def test_a_second_row_for_the_same_holiday_and_hijri_year_is_refused(network_admin):
    with pytest.raises(ValidationError) as caught:
        holidays.save_holiday(network_admin, key="eid_al_adha", date=D(2026, 5, 28), expected=False, year=2026)
    assert "1447" in caught.value.message_dict["date"][0]
    assert IslamicHoliday.objects.filter(key="eid_al_adha", hijri_year=1447).count() == 1
    assert not AuditLogEntry.objects.filter(action="holiday.save").exists()


@pytest.mark.django_db
def test_an_unknown_holiday_is_refused(network_admin):
    with pytest.raises(ValidationError) as caught:
        holidays.save_holiday(network_admin, key="eid\x00", date=D(2028, 2, 26), expected=True)
    assert "key" in caught.value.message_dict
    assert IslamicHoliday.objects.count() == 8


@pytest.mark.django_db
def test_moving_a_holiday_recomputes_the_open_deadlines(network_admin, commune, fitr_2026):
    case = services.open_case(
        collectivity=commune, procedure=Case.Procedure.INFORMATION, received_on=D(2026, 3, 18), status="received"
    )
    deadline = services.set_deadline(case, kind="answer", start=case.received_on, amount=20, unit="working")
    met = services.set_deadline(case, kind="other", start=case.received_on, amount=20, unit="working")
    services.meet_deadline(case, "other", D(2026, 3, 19))
    assert deadline.due == D(2026, 4, 16)
    # announced one day later: Saturday 21 and Sunday 22, so Friday 20 becomes a working day again
    holidays.save_holiday(network_admin, key="eid_al_fitr", date=D(2026, 3, 21), expected=False, holiday=fitr_2026)
    deadline.refresh_from_db()
    met.refresh_from_db()
    assert deadline.due == D(2026, 4, 15)
    assert met.due == D(2026, 4, 16)  # a met deadline keeps its date
    assert AuditLogEntry.objects.get(action="holiday.save").details["moved"] == 1
    holidays.delete_holiday(network_admin, IslamicHoliday.objects.get(pk=fitr_2026.pk))
    deadline.refresh_from_db()
    assert deadline.due == D(2026, 4, 15)  # no holiday on a working day in the range any more
    assert not calendar.is_working_day(D(2026, 3, 21))  # still a Saturday


@pytest.mark.django_db
def test_recompute_deadlines_limited_to_years(commune):
    case = services.open_case(
        collectivity=commune, procedure=Case.Procedure.PETITION, received_on=D(2027, 3, 1), status="submitted"
    )
    deadline = services.set_deadline(case, kind="decision", start=case.received_on, amount=10, unit="working")
    assert deadline.due == D(2027, 3, 17)  # Eid al-Fitr expected on Tuesday 9 and Wednesday 10 March
    IslamicHoliday.objects.filter(key="eid_al_fitr", hijri_year=1448).delete()
    assert services.recompute_deadlines(years=[2026]) == 0
    assert services.recompute_deadlines(years=[2027]) == 1
    deadline.refresh_from_db()
    # 2-5 (1-4), 8-12 (5-9), 15 (10)
    assert deadline.due == D(2027, 3, 15)
