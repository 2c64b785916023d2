"""Every network service for each role: anonymous, citizen, applicant, focal point of the member, focal point
elsewhere, network admin. A refused call raises ``PermissionDenied`` and writes nothing."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from remacto.network.models import MembershipApplication, NewsPost
from remacto.network.services import applications, news

from .conftest import FOCAL, pdf

pytestmark = pytest.mark.django_db

POST = {"title": "خبر", "body": "نص", "status": "published"}
# role: (apply, decide, write member news, write network news, see the application)
EXPECTED = {
    "anonymous": (False, False, False, False, False),
    "citizen": (True, False, False, False, False),
    "applicant": (True, False, False, False, True),
    "focal_point": (True, False, True, False, False),
    "other_focal_point": (True, False, False, False, False),
    "network_admin": (True, True, True, True, True),
}


@pytest.fixture
def person(request):
    role = request.param
    return role, AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)


def _allowed(call) -> bool:
    try:
        call()
    except PermissionDenied:
        return False
    return True


@pytest.mark.parametrize("person", list(EXPECTED), indirect=True)
def test_apply(person, candidate):
    role, user = person
    assert _allowed(lambda: applications.apply(user, candidate, FOCAL, pdf())) is EXPECTED[role][0]
    assert MembershipApplication.objects.count() == int(EXPECTED[role][0])


@pytest.mark.parametrize("person", list(EXPECTED), indirect=True)
def test_decide(person, application):
    role, user = person
    assert _allowed(lambda: applications.decide(user, application, accept=False, text="سبب")) is EXPECTED[role][1]
    application.refresh_from_db()
    assert (application.status == "rejected") is EXPECTED[role][1]


@pytest.mark.parametrize("person", list(EXPECTED), indirect=True)
def test_write_member_news(person, commune):
    role, user = person
    assert _allowed(lambda: news.write(user, commune, POST)) is EXPECTED[role][2]
    assert NewsPost.objects.count() == int(EXPECTED[role][2])


@pytest.mark.parametrize("person", list(EXPECTED), indirect=True)
def test_write_network_news(person):
    role, user = person
    assert _allowed(lambda: news.write(user, None, POST)) is EXPECTED[role][3]
    assert NewsPost.objects.count() == int(EXPECTED[role][3])


@pytest.mark.parametrize("person", list(EXPECTED), indirect=True)
def test_edit_member_news(person, commune, focal_point):
    role, user = person
    post = news.write(focal_point, commune, POST)
    allowed = _allowed(lambda: news.edit(user, post, {**POST, "title": "معدل"}))
    assert allowed is EXPECTED[role][2]
    post.refresh_from_db()
    assert (post.title == "معدل") is EXPECTED[role][2]


@pytest.mark.parametrize("person", list(EXPECTED), indirect=True)
def test_see_the_application(person, application):
    role, user = person
    assert user.has_perm("network.view_application", application) is EXPECTED[role][4]
