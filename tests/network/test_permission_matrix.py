"""Every network service for each role: anonymous, citizen, applicant, focal point of the member, focal point
elsewhere, network admin."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from remacto.network.models import MembershipApplication, NewsPost
from remacto.network.services import applications, news

from .conftest import FOCAL, pdf

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "citizen", "applicant", "focal_point", "other_focal_point", "network_admin"]
POST = {"title": "خبر", "body": "نص", "status": "published"}


@pytest.fixture
def people(citizen, applicant, focal_point, other_focal_point, network_admin):
    return {
        "anonymous": AnonymousUser(),
        "citizen": citizen,
        "applicant": applicant,
        "focal_point": focal_point,
        "other_focal_point": other_focal_point,
        "network_admin": network_admin,
    }


def _allowed(call) -> bool:
    try:
        call()
    except PermissionDenied:
        return False
    return True


EXPECTED = {
    # role: (apply, decide, member news, network news, view application)
    "anonymous": (False, False, False, False, False),
    "citizen": (True, False, False, False, False),
    "applicant": (True, False, False, False, True),
    "focal_point": (True, False, True, False, False),
    "other_focal_point": (True, False, False, False, False),
    "network_admin": (True, True, True, True, True),
}


@pytest.mark.parametrize("role", ROLES)
def test_matrix(role, people, candidate, application, commune):
    user = people[role]
    MembershipApplication.objects.filter(pk=application.pk).update(status="rejected")  # lets `apply` run again
    outcomes = (
        _allowed(lambda: applications.apply(user, candidate, FOCAL, pdf())),
        None,
        _allowed(lambda: news.write(user, commune, POST)),
        _allowed(lambda: news.write(user, None, POST)),
        user.has_perm("network.view_application", application),
    )
    pending = MembershipApplication.objects.filter(status="pending").first() or application
    if pending.status != "pending":
        MembershipApplication.objects.filter(pk=pending.pk).update(status="pending")
        pending.refresh_from_db()
    outcomes = (
        outcomes[0],
        _allowed(lambda: applications.decide(user, pending, accept=False, text="سبب")),
        *outcomes[2:],
    )
    assert outcomes == EXPECTED[role]
    written = NewsPost.objects.count()
    assert written == sum(EXPECTED[role][2:4])
