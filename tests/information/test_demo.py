"""The access-to-information demo: five requests to Ben Guerir, one in each state, with the deadlines, history and
audit entries the services gave them on the days they happened; public pages in Arabic; loading twice adds
nothing."""

import pytest

from remacto.accounts.demo import load_demo as load_accounts
from remacto.accounts.models import Role, User
from remacto.cases import calendar
from remacto.cases.models import Case, CaseEvent, Deadline
from remacto.core.models import AuditLogEntry
from remacto.information import clock, demo
from remacto.information.models import Complaint, InformationRequest, Status
from remacto.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def requests(reference):
    load_accounts()
    return {request.status: request for request in demo.load_demo()}


def _counts():
    return [model.objects.count() for model in (InformationRequest, Case, CaseEvent, Deadline, Complaint)] + [
        AuditLogEntry.objects.filter(action__startswith="information.").count(),
        Notification.objects.filter(kind__startswith="information.").count(),
    ]


def test_one_request_in_each_state_in_the_officers_charge(requests):
    assert set(requests) == {Status.ANSWERED, Status.RECEIVED, Status.EXTENDED, Status.REFUSED, Status.COMPLAINT}
    officer = User.objects.get(email="information@demo.remacto.ma")
    assert Role.objects.filter(user=officer, kind=Role.Kind.INFORMATION_OFFICER, collectivity__slug="ben-guerir")
    assert all(request.officer == officer for request in requests.values())
    numbers = [r.number for r in sorted(requests.values(), key=lambda r: (r.case.received_on, r.pk))]
    assert len(set(numbers)) == 5 and all(number.startswith("INF-") for number in numbers)
    assert sorted(numbers) == numbers  # numbered in the order they were received
    today = calendar.today()
    assert all(request.case.received_on < today for request in requests.values())


def test_the_states_follow_the_legal_clock(requests):
    today = calendar.today()
    published = requests[Status.ANSWERED]
    assert published.published_at and published.published_question and "260.000" in published.answer
    assert published.case.answered_on <= clock.answer_due(published)
    pending = requests[Status.RECEIVED]
    assert pending.channel == InformationRequest.Channel.ONLINE and clock.answer_due(pending) > today
    extended = requests[Status.EXTENDED]
    assert extended.channel == InformationRequest.Channel.PAPER and extended.extended_on < today
    assert extended.extension_reason and clock.answer_due(extended) > today
    assert extended.case.deadlines.filter(cancelled=True).count() == 1
    refused = requests[Status.REFUSED]
    assert refused.refusal_reason == InformationRequest.RefusalReason.EXCEPTION and refused.answer
    assert refused.published_at is None
    complained = requests[Status.COMPLAINT]
    complaint = Complaint.objects.get(request=complained)
    assert complaint.lodged_on > complained.case.answered_on and not complaint.outcome
    assert clock.deadline(complained, clock.COMPLAINT).due >= today  # the head's answer is still due


def test_history_and_audit_are_dated_when_each_step_happened(requests):
    extended = requests[Status.EXTENDED]
    events = list(extended.case.events.order_by("at"))
    assert [e.status for e in events] == [Status.RECEIVED, Status.EXTENDED]
    assert calendar.local_date(events[-1].at) == extended.extended_on
    audit = AuditLogEntry.objects.get(action="information.extend")
    assert calendar.local_date(audit.created_at) == extended.extended_on
    assert AuditLogEntry.objects.filter(action="information.record").count() == 2
    assert {"information.answer", "information.refuse", "information.publish"} <= set(
        AuditLogEntry.objects.values_list("action", flat=True)
    )


def test_loading_again_changes_nothing(requests):
    before = _counts()
    assert len(demo.load_demo()) == 5
    assert _counts() == before


def test_the_published_answer_is_public_in_arabic_without_the_requester(client, requests):
    published = requests[Status.ANSWERED]
    home = client.get("/ar/members/ben-guerir/information/")
    assert home.status_code == 200 and published.published_question in home.content.decode()
    page = client.get(f"/ar/members/ben-guerir/information/answers/{published.pk}/")
    text = page.content.decode()
    assert page.status_code == 200 and 'lang="ar"' in text and "260.000" in text
    assert published.requester_name not in text and published.subject not in text
    assert client.get(f"/ar/members/ben-guerir/information/answers/{requests[Status.REFUSED].pk}/").status_code == 404


def test_the_officer_sees_the_register_and_the_requester_their_requests(client, requests):
    client.force_login(User.objects.get(email="information@demo.remacto.ma"))
    register = client.get("/ar/members/ben-guerir/information/register/").content.decode()
    assert all(request.number in register for request in requests.values())
    client.force_login(User.objects.get(email="citizen@demo.remacto.ma"))
    mine = client.get("/ar/information/mine/").content.decode()
    assert requests[Status.RECEIVED].number in mine and requests[Status.COMPLAINT].number not in mine
