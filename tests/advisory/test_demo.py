"""The advisory demo: Ben Guerir's equity body with its members, a meeting held and one to come, an opinion given on
the draft budget and an open request on the draft 2026-2027 programme; public pages in Arabic; loading twice adds
nothing."""

import pytest

from remacto.accounts.demo import load_demo as load_accounts
from remacto.advisory import demo
from remacto.advisory.models import Body, BodyKind, BureauRole, Meeting, Member, Opinion, OpinionRequest
from remacto.advisory.models import RequestStatus as R
from remacto.cases import calendar
from remacto.cases.models import Case
from remacto.cocreation.demo import load_demo as load_cocreation

pytestmark = pytest.mark.django_db


@pytest.fixture
def body(reference):
    load_accounts()
    load_cocreation()
    return demo.load_demo()


def _counts():
    return [model.objects.count() for model in (Body, Member, Meeting, OpinionRequest, Opinion, Case)]


def test_the_equity_body_with_its_bureau_and_meetings(body):
    assert body.kind == BodyKind.EQUITY and body.collectivity.slug == "ben-guerir"
    president = body.members.get(role=BureauRole.PRESIDENT)
    assert president.user.email == "advisory@demo.remacto.ma"
    assert body.members.count() == 5 and body.members.filter(role__in=[BureauRole.RAPPORTEUR]).exists()
    today = calendar.today()
    held, coming = body.meetings.order_by("held_on")
    assert held.held_on < today and held.minutes
    assert coming.held_on > today and not coming.minutes


def test_one_opinion_given_and_one_request_waiting(body):
    today = calendar.today()
    given = body.requests.get(case__status=R.GIVEN)
    assert given.opinion.has_vote and len(given.opinion.recommendations) == 3
    assert given.case.answered_on == given.opinion.received_on <= given.case.deadlines.get().due
    waiting = body.requests.get(case__status=R.REQUESTED)
    assert waiting.programme.cycle == "2026-2027" and waiting.received_on < today
    assert waiting.case.deadlines.get().due > today
    assert given.case.number < waiting.case.number


def test_loading_again_changes_nothing(body):
    before = _counts()
    assert demo.load_demo() == body
    assert _counts() == before


def test_the_body_and_its_opinions_are_public_in_arabic(client, body):
    bodies = client.get("/ar/members/ben-guerir/advisory/")
    assert bodies.status_code == 200 and body.name in bodies.content.decode()
    page = client.get(body.get_absolute_url())
    assert page.status_code == 200 and "لطيفة بنعلي" in page.content.decode()
    for request in body.requests.all():
        response = client.get(request.get_absolute_url())
        assert response.status_code == 200 and 'lang="ar"' in response.content.decode()
    given = body.requests.get(case__status=R.GIVEN)
    assert given.opinion.recommendations[0] in client.get(given.get_absolute_url()).content.decode()
