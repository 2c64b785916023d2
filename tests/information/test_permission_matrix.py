"""Who may do what, per role: every service of the information app run by anonymous, the requester, another
citizen, the information officer, the focal point of the collectivity, a focal point elsewhere and a network
admin. Allowed actions succeed; the others raise ``PermissionDenied`` and change nothing."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from remacto.cases.models import CaseEvent
from remacto.information import selectors
from remacto.information.services import complaints, disclosure
from remacto.information.services import requests as services

from .conftest import MONDAY, VALUES

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "requester", "other_citizen", "officer", "focal_point", "focal_elsewhere", "network_admin")


@pytest.fixture
def people(citizen, other_citizen, officer, focal_point, other_focal_point, network_admin):
    return {
        "anonymous": AnonymousUser(),
        "requester": citizen,
        "other_citizen": other_citizen,
        "officer": officer,
        "focal_point": focal_point,
        "focal_elsewhere": other_focal_point,
        "network_admin": network_admin,
    }


def _answered(request, officer):
    return services.answer(officer, request, text="Voici.")


def _complained(request, officer, citizen):
    _answered(request, officer)
    complaints.complain(citizen, request, text="Incomplet.")
    return request


# action -> (who may, what to prepare with (request, people), what to run with (actor, request, commune))
MATRIX = {
    "file": (
        {"requester", "other_citizen", "officer", "focal_point", "focal_elsewhere", "network_admin"},
        None,
        lambda actor, request, commune: services.file_request(actor, commune, **VALUES),
    ),
    "record": (
        {"officer", "focal_point"},
        None,
        lambda actor, request, commune: services.record_request(
            actor, commune, received_on=MONDAY, channel="paper", requester_name="أحمد", **VALUES
        ),
    ),
    "assign": (
        {"officer", "focal_point"},
        None,
        lambda actor, request, commune: services.assign(actor, request, request.officer),
    ),
    "extend": ({"officer"}, None, lambda actor, request, commune: services.extend(actor, request, reasons="Archives")),
    "answer": ({"officer"}, None, lambda actor, request, commune: services.answer(actor, request, text="Voici")),
    "refuse": (
        {"officer"},
        None,
        lambda actor, request, commune: services.refuse(actor, request, reason="not_held", explanation="Non"),
    ),
    "publish": (
        {"officer", "focal_point"},
        lambda request, people: _answered(request, people["officer"]),
        lambda actor, request, commune: services.publish_answer(actor, request, question="Question ?"),
    ),
    "complain": (
        {"requester"},
        lambda request, people: _answered(request, people["officer"]),
        lambda actor, request, commune: complaints.complain(actor, request, text="Incomplet"),
    ),
    "answer_complaint": (
        {"focal_point"},
        lambda request, people: _complained(request, people["officer"], people["requester"]),
        lambda actor, request, commune: complaints.answer_complaint(actor, request, outcome="upheld", answer="Oui"),
    ),
    "publish_document": (
        {"officer", "focal_point"},
        None,
        lambda actor, request, commune: disclosure.publish_document(
            actor, commune, title="Budget", category="budget", published_on=MONDAY, link="https://example.ma/b"
        ),
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", MATRIX)
def test_permission_matrix(action, role, filed, people, commune, today):
    allowed, prepare, run = MATRIX[action]
    if prepare is not None:
        prepare(filed, people)
    today(MONDAY + datetime.timedelta(days=1))
    events = CaseEvent.objects.count()
    actor = people[role]
    if role in allowed:
        assert run(actor, filed, commune) is not None or action == "answer_complaint"
    else:
        with pytest.raises(PermissionDenied):
            run(actor, filed, commune)
        assert CaseEvent.objects.count() == events


VIEWERS = {"requester", "officer", "focal_point", "network_admin"}


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_the_request(role, filed, people, commune):
    actor = people[role]
    if role in VIEWERS:
        assert selectors.request_for(actor, commune, filed.pk) == filed
        assert actor.has_perm("information.view_request", filed)
    else:
        with pytest.raises(Http404):
            selectors.request_for(actor, commune, filed.pk)
        assert not actor.has_perm("information.view_request", filed)
    sees_register = role in {"officer", "focal_point", "network_admin"}
    assert actor.has_perm("information.view_register", commune) is sees_register
    assert (filed in selectors.register(actor, commune)) is (role in VIEWERS)  # one rule under every list
