"""The complaint to the head of the collectivity (within 20 working days after the answer or the expired
deadline, answered within 15 days) and the window of the complaint to the national commission."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from remacto.cases import calendar
from remacto.cases.models import Deadline
from remacto.information import clock
from remacto.information.models import Complaint, Status
from remacto.information.services import complaints
from remacto.information.services import requests as services
from remacto.notifications.models import Notification

from .conftest import MONDAY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")


def test_no_complaint_before_the_answer_or_the_deadline(filed, citizen):
    with pytest.raises(ValidationError, match="once the request is answered"):
        complaints.complain(citizen, filed, text="Pas de réponse")
    assert not Complaint.objects.exists()


def test_a_complaint_after_the_answer_then_its_answer_closes_the_case(filed, today, citizen, officer, focal_point):
    services.refuse(officer, filed, reason="exception", explanation="Article 7: données personnelles.")
    day = today(MONDAY + datetime.timedelta(days=7))
    complaint = complaints.complain(citizen, filed, text="Le refus n'est pas justifié.")
    assert complaint.lodged_on == day and filed.case.status == Status.COMPLAINT
    deadline = Deadline.objects.get(case=filed.case, kind="complaint")
    assert (deadline.unit, deadline.due) == ("calendar", day + datetime.timedelta(days=15))
    assert Notification.objects.filter(recipient=focal_point, kind="information.complaint_new").exists()
    assert Notification.objects.filter(recipient=citizen, kind="information.complaint").exists()
    with pytest.raises(ValidationError, match="already complained"):
        complaints.complain(citizen, filed, text="encore")
    with pytest.raises(PermissionDenied):
        complaints.answer_complaint(officer, filed, outcome="rejected", answer="Non")
    with pytest.raises(ValidationError) as error:
        complaints.answer_complaint(focal_point, filed, outcome="maybe", answer="")
    assert set(error.value.message_dict) == {"outcome", "answer"}
    answered_on = today(day + datetime.timedelta(days=10))
    complaints.answer_complaint(focal_point, filed, outcome="rejected", answer="Le refus est maintenu.")
    filed.case.refresh_from_db()
    assert filed.case.status == Status.COMPLAINT_ANSWERED and filed.case.closed_on == answered_on
    assert Deadline.objects.get(case=filed.case, kind="complaint").met_on == answered_on
    assert Notification.objects.filter(recipient=citizen, kind="information.complaint_answered").exists()
    assert clock.cdai_window(filed) == (answered_on, answered_on + datetime.timedelta(days=30))


def test_a_complaint_once_the_deadline_expired_without_an_answer(filed, today, citizen):
    due = clock.answer_due(filed)
    today(due + datetime.timedelta(days=1))
    complaints.complain(citizen, filed, text="Aucune réponse dans le délai légal.")
    assert filed.case.status == Status.COMPLAINT


def test_a_complaint_after_the_20_working_days_is_refused(filed, today, citizen, officer):
    services.answer(officer, filed, text="Voici.")
    last = calendar.add_working_days(MONDAY, 20)
    today(last + datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="The 20 working days to complain ended"):
        complaints.complain(citizen, filed, text="Trop tard")
    assert not Complaint.objects.exists()


def test_only_the_requester_complains(filed, officer, other_citizen, focal_point):
    services.answer(officer, filed, text="Voici.")
    for person in (other_citizen, focal_point, officer):
        with pytest.raises(PermissionDenied):
            complaints.complain(person, filed, text="x")


def test_the_commission_window_opens_when_the_head_stays_silent(filed, today, citizen, officer):
    services.answer(officer, filed, text="Voici.")
    day = today(MONDAY + datetime.timedelta(days=1))
    complaints.complain(citizen, filed, text="Incomplet.")
    assert clock.cdai_window(filed) is None
    silent = today(day + datetime.timedelta(days=16))
    due = day + datetime.timedelta(days=15)
    assert clock.cdai_window(filed, silent) == (due, due + datetime.timedelta(days=30))


def test_an_upheld_complaint_lets_the_officer_give_the_information(filed, today, citizen, officer, focal_point):
    services.refuse(officer, filed, reason="not_held", explanation="Nous ne la détenons pas.")
    first = filed.case.answered_on
    complaints.complain(citizen, filed, text="Le service technique la détient.")
    later = today(MONDAY + datetime.timedelta(days=10))
    complaints.answer_complaint(focal_point, filed, outcome="upheld", answer="Le service technique la transmettra.")
    filed.case.refresh_from_db()
    assert filed.case.closed_on is None and clock.awaits_information(filed)
    answered = services.answer(officer, filed, text="Voici le plan demandé.")
    case = answered.case
    assert case.status == Status.ANSWERED and case.closed_on == later and case.answered_on == first
    assert answered.refusal_reason == "" and answered.answer == "Voici le plan demandé."
    with pytest.raises(ValidationError, match="already been answered"):
        services.answer(officer, answered, text="Encore")


def test_a_rejected_complaint_closes_the_case(filed, citizen, officer, focal_point):
    services.refuse(officer, filed, reason="not_held", explanation="Non.")
    complaints.complain(citizen, filed, text="Pourtant si.")
    complaints.answer_complaint(focal_point, filed, outcome="rejected", answer="Le refus est maintenu.")
    with pytest.raises(ValidationError, match="already been answered"):
        services.answer(officer, filed, text="Voici")
