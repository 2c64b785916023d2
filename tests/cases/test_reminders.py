"""Reminders with a frozen clock: at half time, two working days before the due date and when overdue, each
once, to the officials the procedure names, with a link to the case; on Moroccan dates."""

import datetime

import pytest
from django.utils import timezone, translation

from remacto.cases import services, tasks
from remacto.cases.models import Case
from remacto.notifications.models import Notification

D = datetime.date


@pytest.fixture
def clock(monkeypatch):
    """Freeze ``timezone.now()`` at a UTC moment: ``clock(datetime)``."""

    def freeze(moment: datetime.datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return freeze


def utc(day: datetime.date, hour: int = 8) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


@pytest.fixture
def case(commune, registered) -> Case:
    case = services.open_case(
        collectivity=commune, procedure=Case.Procedure.INFORMATION, received_on=D(2026, 3, 18), status="received"
    )
    services.set_deadline(
        case, kind="answer", start=case.received_on, amount=20, unit="working", counts_for_answer=True
    )
    return case


def reminders_on(clock, day: datetime.date, hour: int = 8) -> dict:
    clock(utc(day, hour))
    return tasks.send_reminders()


@pytest.mark.django_db
def test_each_reminder_is_sent_once_on_its_day(clock, case, registered):
    # due Thursday 16 April 2026; half time is the 10th working day (Thursday 2 April); two working days
    # before the due date is Tuesday 14 April; overdue from Friday 17 April.
    sent = {}
    day = D(2026, 3, 19)
    while day <= D(2026, 4, 25):
        for hour in (8, 15):  # beat runs more than once a day
            counts = reminders_on(clock, day, hour)
            for stage in ("half", "soon", "overdue"):
                if counts[stage]:
                    sent.setdefault(stage, []).append((day, hour))
        day += datetime.timedelta(days=1)
    assert sent == {"half": [(D(2026, 4, 2), 8)], "soon": [(D(2026, 4, 14), 8)], "overdue": [(D(2026, 4, 17), 8)]}
    notes = list(Notification.objects.filter(kind="cases.reminder").order_by("pk"))
    assert [n.recipient for n in notes] == [registered] * 3
    assert all(n.url == f"/ar/cases/{case.pk}/" for n in notes)
    assert notes[0].params["number"] == case.number and notes[2].params["due"] == "2026-04-16"
    assert "overdue" in notes[2].message
    with translation.override("ar"):
        text = notes[2].text
    assert "الحصول على المعلومة" in text and "الجواب" in text and case.number in text


@pytest.mark.django_db
def test_the_day_is_the_moroccan_date(clock, case):
    assert reminders_on(clock, D(2026, 4, 1), hour=22)["half"] == 0  # 23:00 in Morocco on 1 April
    assert reminders_on(clock, D(2026, 4, 1), hour=23)["half"] == 1  # midnight in Morocco: 2 April


@pytest.mark.django_db
def test_a_missed_run_sends_only_the_latest_reminder(clock, case):
    counts = reminders_on(clock, D(2026, 4, 20))
    assert (counts["half"], counts["soon"], counts["overdue"]) == (0, 0, 1)
    assert Notification.objects.filter(kind="cases.reminder").count() == 1
    assert reminders_on(clock, D(2026, 4, 21))["notifications"] == 0


@pytest.mark.django_db
def test_an_urgent_request_gets_the_soon_and_overdue_reminders(clock, commune, registered):
    case = services.open_case(
        collectivity=commune, procedure=Case.Procedure.INFORMATION, received_on=D(2026, 3, 18), status="received"
    )
    services.set_deadline(case, kind="answer", start=case.received_on, amount=3, unit="working")
    # due Tuesday 24 March: two working days before is Thursday 19 March (Eid on 20-21, then the weekend)
    assert reminders_on(clock, D(2026, 3, 19))["soon"] == 1
    assert reminders_on(clock, D(2026, 3, 23))["notifications"] == 0  # half time passed with the soon reminder
    assert reminders_on(clock, D(2026, 3, 25))["overdue"] == 1


@pytest.mark.django_db
def test_answered_closed_and_unregistered_cases_get_no_reminder(clock, case, commune):
    services.answer(case, on=D(2026, 3, 30))
    other = services.open_case(
        collectivity=commune, procedure=Case.Procedure.OPINION, received_on=D(2026, 3, 18), status="requested"
    )
    services.set_deadline(other, kind="opinion", start=other.received_on, amount=10, unit="calendar")
    assert reminders_on(clock, D(2026, 4, 20))["notifications"] == 0  # opinions: no app registered here
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_an_extension_starts_its_own_reminders(clock, case):
    assert reminders_on(clock, D(2026, 4, 14))["soon"] == 1
    services.set_deadline(case, kind="answer", start=D(2026, 4, 16), amount=20, unit="working", counts_for_answer=True)
    assert reminders_on(clock, D(2026, 4, 17))["notifications"] == 0
    assert reminders_on(clock, D(2026, 5, 13))["soon"] == 1  # due 15 May


@pytest.mark.django_db(transaction=False)
def test_reminders_run_in_bounded_queries(clock, case, commune, django_assert_max_num_queries):
    for _ in range(5):
        extra = services.open_case(
            collectivity=commune, procedure=Case.Procedure.INFORMATION, received_on=D(2026, 3, 18), status="received"
        )
        services.set_deadline(extra, kind="answer", start=extra.received_on, amount=20, unit="working")
    clock(utc(D(2026, 3, 20)))
    with django_assert_max_num_queries(6):  # nothing to send: one read of deadlines plus the holidays of a year
        tasks.send_reminders()


@pytest.mark.django_db
def test_a_corrected_holiday_gives_the_soon_reminder_again_for_the_new_date(clock, case, network_admin):
    from remacto.cases import holidays
    from remacto.cases.models import IslamicHoliday

    assert reminders_on(clock, D(2026, 4, 14))["soon"] == 1  # due 16 April
    mawlid = IslamicHoliday.objects.get(key="mawlid", hijri_year=1448)
    holidays.save_holiday(network_admin, key="mawlid", date=D(2026, 4, 15), expected=False, holiday=mawlid)
    deadline = case.deadlines.get()
    assert deadline.due == D(2026, 4, 20) and deadline.soon_reminded_at is None and deadline.half_reminded_at
    assert reminders_on(clock, D(2026, 4, 15))["soon"] == 1  # two working days before Monday 20 April
