"""The new answer owed after the head of the collectivity upheld a complaint: its deadline (the initial answer
period, 20 working days, to confirm), its reminders, the request page and the transparency figures."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from remacto.cases import selectors
from remacto.cases.models import Deadline
from remacto.cases.reminders import send_reminders
from remacto.information import clock
from remacto.information.services import complaints
from remacto.information.services import requests as services
from remacto.notifications.models import Notification

from ..conftest import make_user
from .conftest import MONDAY

pytestmark = pytest.mark.django_db

D = datetime.date
UPHELD_ON = D(2026, 11, 9)
"""A Monday: 20 working days after it (18 November is a holiday) is Tuesday 8 December 2026."""
DUE = D(2026, 12, 8)


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")


@pytest.fixture
def upheld(filed, today, citizen, officer, focal_point):
    """``filed`` refused on ``MONDAY``, complained about, and the complaint upheld on ``UPHELD_ON``."""
    services.refuse(officer, filed, reason="not_held", explanation="Nous ne la détenons pas.")
    complaints.complain(citizen, filed, text="Le service technique la détient.")
    today(UPHELD_ON)
    complaints.answer_complaint(focal_point, filed, outcome="upheld", answer="Le service technique la transmettra.")
    filed.case.refresh_from_db()
    return filed


def new_answer(request) -> Deadline:
    return Deadline.objects.get(case=request.case, kind=clock.NEW_ANSWER)


def figures(today):
    return selectors.transparency(year=2026, today=today)["information"]


def test_the_rule_is_the_initial_answer_period_marked_to_confirm():
    assert clock.NEW_ANSWER_DAYS == clock.ANSWER_DAYS == 20 and clock.NEW_ANSWER_TO_CONFIRM


def test_an_upheld_complaint_starts_the_new_answer_deadline(upheld, citizen, officer):
    deadline = new_answer(upheld)
    assert (deadline.start, deadline.amount, deadline.unit, deadline.due) == (UPHELD_ON, 20, "working", DUE)
    assert deadline.is_open and deadline.counts_for_answer
    told = Notification.objects.filter(recipient=citizen, kind="information.complaint_answered").get()
    assert told.params["due"] == "8 دجنبر 2026" and "upheld" in told.message  # the requester reads Arabic
    owed = Notification.objects.get(recipient=officer, kind="information.new_answer_due")
    assert owed.params["due"] == "8 décembre 2026"  # the officer reads French


def test_a_rejected_complaint_starts_no_new_deadline(filed, citizen, officer, focal_point):
    services.refuse(officer, filed, reason="not_held", explanation="Non.")
    complaints.complain(citizen, filed, text="Pourtant si.")
    complaints.answer_complaint(focal_point, filed, outcome="rejected", answer="Le refus est maintenu.")
    assert not Deadline.objects.filter(case=filed.case, kind=clock.NEW_ANSWER).exists()


def test_the_new_answer_meets_the_deadline_and_closes_the_case(upheld, today, officer):
    today(D(2026, 11, 20))
    services.answer(officer, upheld, text="Voici le plan demandé.")
    deadline = new_answer(upheld)
    assert deadline.met_on == D(2026, 11, 20) and not deadline.cancelled
    upheld.case.refresh_from_db()
    assert upheld.case.closed_on == D(2026, 11, 20) and upheld.case.answered_on == MONDAY


@pytest.mark.parametrize(
    ("day", "stage"),
    [(D(2026, 11, 23), None), (D(2026, 11, 24), "half"), (D(2026, 12, 4), "soon"), (D(2026, 12, 9), "overdue")],
)
def test_the_officer_is_reminded_at_half_time_two_days_before_and_when_overdue(upheld, officer, day, stage):
    before = Notification.objects.filter(recipient=officer, kind="cases.reminder").count()
    sent = send_reminders(today=day)
    reminders = Notification.objects.filter(recipient=officer, kind="cases.reminder")
    if stage is None:
        assert reminders.count() == before and sent["notifications"] == 0
    else:
        assert sent[stage] == 1 and reminders.count() == before + 1
        assert new_answer(upheld).due == DUE
        assert reminders.latest("pk").params["deadline_msgid"] == "new answer after the upheld complaint"


def test_each_reminder_is_sent_once(upheld, officer):
    assert send_reminders(today=D(2026, 12, 9))["overdue"] == 1
    assert send_reminders(today=D(2026, 12, 10))["notifications"] == 0


def test_no_reminder_once_the_new_answer_is_given(upheld, today, officer):
    today(D(2026, 11, 20))
    services.answer(officer, upheld, text="Voici.")
    assert send_reminders(today=D(2026, 12, 9))["notifications"] == 0


def test_transparency_counts_the_awaited_new_answer_as_open_then_overdue(upheld):
    assert figures(D(2026, 12, 8)) == {
        "received": 1,
        "answered_on_time": 0,
        "answered_late": 0,
        "open": 1,
        "overdue": 0,
    }
    assert figures(D(2026, 12, 9))["overdue"] == 1


@pytest.mark.parametrize(("day", "late"), [(DUE, False), (DUE + datetime.timedelta(days=1), True)])
def test_transparency_judges_the_new_answer_on_time_or_late(upheld, today, officer, day, late):
    today(day)
    services.answer(officer, upheld, text="Voici.")
    found = figures(D(2026, 12, 31))
    assert (found["answered_on_time"], found["answered_late"], found["open"]) == (int(not late), int(late), 0)


def test_the_request_page_shows_the_new_deadline(client, upheld, citizen, today):
    today(D(2026, 11, 20))
    client.force_login(citizen)
    body = client.get(upheld.get_absolute_url().replace("/ar/", "/en/", 1)).content.decode()
    assert 'data-kind="new_answer"' in body
    assert "New answer after the upheld complaint" in body


@pytest.mark.parametrize("who", ["focal_point", "citizen", "other_officer"])
def test_only_the_officer_in_charge_gives_the_new_answer(request, upheld, commune, who):
    if who == "other_officer":
        from remacto.accounts.models import Role

        actor = make_user("officer2@example.ma")
        Role.objects.create(user=actor, kind=Role.Kind.INFORMATION_OFFICER, collectivity=commune)
    else:
        actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.answer(actor, upheld, text="Voici.")
    assert new_answer(upheld).is_open


@pytest.mark.parametrize("text", ["", "   ", "Voici\x00"])
def test_a_bad_new_answer_saves_nothing(upheld, officer, text):
    with pytest.raises(ValidationError):
        services.answer(officer, upheld, text=text)
    upheld.case.refresh_from_db()
    assert new_answer(upheld).is_open and upheld.case.closed_on is None
