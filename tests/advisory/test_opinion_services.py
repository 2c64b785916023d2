"""Opinion requests and opinions: the case, its deadline, the opinion attached to the draft, and bad input."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from remacto.advisory.models import Opinion, OpinionRequest, RequestStatus
from remacto.advisory.services import opinions
from remacto.cases.models import Case, Deadline
from remacto.cocreation.models import Phase
from remacto.core.models import AuditLogEntry
from remacto.notifications.models import Notification

from .conftest import TODAY, opinion_values, pdf_file, request_values

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are matched in English here; the pages test them in Arabic."""
    with translation.override("en"):
        yield


def test_a_request_opens_an_opinion_case_with_its_deadline_and_tells_the_bureau(
    secretariat, body, draft, president, rapporteur, advisory_member
):
    request = opinions.request_opinion(secretariat, body, request_values(draft), today=TODAY)
    case = request.case
    assert case.procedure == Case.Procedure.OPINION and case.status == RequestStatus.REQUESTED
    assert case.number.startswith("AVS-2026-") and case.collectivity == body.collectivity
    deadline = Deadline.objects.get(case=case)
    assert (deadline.kind, deadline.amount, deadline.unit, deadline.counts_for_answer) == (
        "opinion",
        15,
        "working",
        True,
    )
    assert deadline.due == datetime.date(2026, 11, 25)  # 15 working days after 2 November; 6 and 18 November off
    told = set(Notification.objects.filter(kind="advisory.request").values_list("recipient__email", flat=True))
    assert told == {"president@example.ma", "rapporteur@example.ma"}
    assert AuditLogEntry.objects.filter(action="advisory.request").count() == 1


def test_calendar_days_as_entered(secretariat, body, draft):
    request = opinions.request_opinion(
        secretariat, body, request_values(draft, deadline_amount=10, deadline_unit="calendar"), today=TODAY
    )
    assert request.case.deadlines.get().due == datetime.date(2026, 11, 12)


def test_the_bureau_gives_the_opinion_which_answers_and_closes_the_case(opinion_request, president, secretariat):
    opinion = opinions.give_opinion(president, opinion_request, opinion_values(), pdf_file(), today=TODAY)
    case = Case.objects.get(pk=opinion_request.case_id)
    assert case.status == RequestStatus.GIVEN
    assert case.answered_on == case.closed_on == datetime.date(2026, 11, 12)
    deadline = case.deadlines.get()
    assert deadline.met_on == datetime.date(2026, 11, 12)
    assert (opinion.votes_for, opinion.votes_against, opinion.votes_abstain) == (9, 1, 2)
    assert opinion.recommendations == ["إدماج مؤشرات النوع", "إشراك الشباب"]
    assert opinion.document.name.startswith("opinions/")
    assert Notification.objects.filter(kind="advisory.opinion", recipient=secretariat).exists()


def test_an_opinion_without_a_vote_keeps_the_counts_empty(opinion_request, president):
    values = opinion_values(votes_for=None, votes_against=None, votes_abstain=None, recommendations=[])
    opinion = opinions.give_opinion(president, opinion_request, values, today=TODAY)
    assert not opinion.has_vote


def test_a_budget_and_pb_rules_are_subjects_too(secretariat, body, commune):
    from tests.budgets.conftest import campaign_in

    budget = opinions.request_opinion(
        secretariat,
        body,
        request_values(None, subject_kind="budget", subject_title="مشروع ميزانية 2027"),
        pdf_file("budget.pdf"),
        today=TODAY,
    )
    assert budget.subject == "مشروع ميزانية 2027" and budget.subject_document
    campaign = campaign_in(commune, "proposals")
    rules = opinions.request_opinion(
        secretariat, body, request_values(None, subject_kind="pb_rules", campaign=campaign), today=TODAY
    )
    assert rules.subject == campaign


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"votes_for": -1}, "votes_for"),
        ({"votes_abstain": -3}, "votes_abstain"),
        ({"votes_against": None}, "votes_against"),
        ({"text": "رأي\x00"}, "text"),
        ({"text": "\u200b\u200b"}, "text"),
        ({"text": ""}, "text"),
        ({"recommendations": ["توصية", "x" * 1001]}, "recommendations"),
        ({"received_on": datetime.date(2026, 10, 1)}, "received_on"),
        ({"received_on": datetime.date(2027, 1, 1)}, "received_on"),
    ],
)
def test_bad_opinions_are_refused_and_nothing_is_saved(opinion_request, president, values, field):
    with pytest.raises(ValidationError) as refused:
        opinions.give_opinion(president, opinion_request, opinion_values(**values), today=TODAY)
    assert field in refused.value.message_dict
    assert not Opinion.objects.exists()
    assert Case.objects.get(pk=opinion_request.case_id).status == RequestStatus.REQUESTED


def test_no_opinion_after_the_request_was_closed(opinion_request, president, secretariat):
    opinions.close_request(secretariat, opinion_request, "سحب المجلس الطلب.", today=TODAY)
    request = OpinionRequest.objects.get(pk=opinion_request.pk)
    assert request.status == RequestStatus.CLOSED and request.case.closed_on == TODAY
    with pytest.raises(ValidationError, match="closed"):
        opinions.give_opinion(president, request, opinion_values(), today=TODAY)
    assert not Opinion.objects.exists()


def test_no_second_opinion_on_the_same_request(opinion_request, president):
    opinions.give_opinion(president, opinion_request, opinion_values(), today=TODAY)
    with pytest.raises(ValidationError, match="closed"):
        opinions.give_opinion(president, opinion_request, opinion_values(), today=TODAY)
    assert Opinion.objects.count() == 1


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"deadline_amount": 0}, "deadline_amount"),
        ({"deadline_amount": -5}, "deadline_amount"),
        ({"deadline_unit": "weeks"}, "deadline_unit"),
        ({"asked_by": "mayor"}, "asked_by"),
        ({"question": "سؤال\x00"}, "question"),
        ({"received_on": datetime.date(2026, 12, 1)}, "received_on"),
        ({"subject_kind": "budget", "programme": None}, "subject_title"),
        ({"subject_kind": "pb_rules", "programme": None}, "campaign"),
    ],
)
def test_bad_requests_are_refused_and_no_case_is_opened(secretariat, body, draft, values, field):
    with pytest.raises(ValidationError) as refused:
        opinions.request_opinion(secretariat, body, request_values(draft, **values), today=TODAY)
    assert field in refused.value.message_dict
    assert not Case.objects.exists() and not OpinionRequest.objects.exists()


def test_an_adopted_programme_or_another_collectivitys_is_no_draft(secretariat, body, draft, other_commune):
    from remacto.cocreation.models import Programme

    draft.phase = Phase.IMPLEMENTATION
    draft.save()
    with pytest.raises(ValidationError, match="adopted"):
        opinions.request_opinion(secretariat, body, request_values(draft), today=TODAY)
    elsewhere = Programme.objects.create(collectivity=other_commune, cycle="2026-2027", title="برنامج", phase="ideas")
    with pytest.raises(ValidationError):
        opinions.request_opinion(secretariat, body, request_values(elsewhere), today=TODAY)
    assert not Case.objects.exists()


def test_one_open_request_per_body_and_draft(opinion_request, secretariat, body, draft):
    with pytest.raises(ValidationError, match="already"):
        opinions.request_opinion(secretariat, body, request_values(draft), today=TODAY)
    assert Case.objects.count() == 1


def test_reminders_go_to_the_president_and_rapporteur_else_the_focal_points(
    opinion_request, president, rapporteur, advisory_member, focal_point
):
    from remacto.advisory.models import Member
    from remacto.cases import registry

    info = registry.get(Case.Procedure.OPINION)
    assert {user.email for user in info.responsible(opinion_request.case)} == {president.email, rapporteur.email}
    assert info.url(opinion_request.case) == opinion_request.get_absolute_url()
    assert info.register_url(opinion_request.body.collectivity).endswith("/advisory/")
    Member.objects.filter(role__in=("president", "rapporteur")).delete()
    assert [user.email for user in info.responsible(opinion_request.case)] == [focal_point.email]


def test_reminders_with_a_frozen_clock_reach_the_bureau_and_stop_once_the_opinion_is_given(
    monkeypatch, opinion_request, president, rapporteur
):
    from django.utils import timezone

    from remacto.cases import tasks

    def run_on(day: datetime.date) -> dict:
        moment = datetime.datetime.combine(day, datetime.time(8), tzinfo=datetime.UTC)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return tasks.send_reminders()

    # Received Monday 2 November 2026, due 25 November: half time on 13 November (the 8th working day).
    assert run_on(datetime.date(2026, 11, 13))["half"] == 1
    reminded = Notification.objects.filter(kind="cases.reminder")
    assert {n.recipient.email for n in reminded} == {president.email, rapporteur.email}
    assert {n.url for n in reminded} == {opinion_request.get_absolute_url()}
    opinions.give_opinion(
        president, opinion_request, opinion_values(received_on=datetime.date(2026, 11, 20)), today=TODAY
    )
    assert not any(run_on(datetime.date(2026, 11, 26)).values())
