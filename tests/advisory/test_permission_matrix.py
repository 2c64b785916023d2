"""Every advisory service against every role: who may (it succeeds) and who may not (PermissionDenied, nothing
written). Roles: anonymous, citizen, a member of the body outside its bureau, its president, the president of
another collectivity's body, the focal point, the council secretariat, a focal point elsewhere, a network admin."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from remacto.advisory.models import BodyKind, BureauRole, Member, Opinion, OpinionRequest
from remacto.advisory.services import bodies, meetings, opinions
from remacto.core.models import AuditLogEntry

from .conftest import TODAY, opinion_values, request_values

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "citizen",
    "advisory_member",
    "president",
    "other_body_president",
    "focal_point",
    "secretariat",
    "other_focal_point",
    "network_admin",
]
STAFF = {"focal_point", "secretariat", "network_admin"}
BUREAU = {"president", "network_admin"}
GIVERS = BUREAU | STAFF


@pytest.fixture
def anonymous(db):
    return AnonymousUser()


def create_body(actor, body, pending):
    bodies.create_body(actor, body.collectivity, {"kind": BodyKind.STANDING_COMMITTEE, "name": "لجنة"})


def update_body(actor, body, pending):
    bodies.update_body(actor, body, {"kind": body.kind, "name": body.name, "description": "وصف"})


def add_member(actor, body, pending):
    bodies.add_member(actor, body, {"name": "عضو خارجي", "role": BureauRole.MEMBER})


def remove_member(actor, body, pending):
    bodies.remove_member(actor, Member.objects.get(body=body, name="عضو"))


def save_meeting(actor, body, pending):
    meetings.save_meeting(actor, body, {"held_on": datetime.date(2026, 12, 1), "agenda": "جدول"}, today=TODAY)


def _request(body, draft) -> OpinionRequest:
    from remacto.accounts.models import Role

    from ..conftest import make_user

    clerk = make_user("clerk@example.ma")
    Role.objects.create(user=clerk, kind=Role.Kind.COUNCIL_SECRETARIAT, collectivity=body.collectivity)
    return opinions.request_opinion(clerk, body, request_values(draft), today=TODAY)


def request_opinion(actor, body, pending):
    values = request_values(None, subject_kind="budget", subject_title="مشروع الميزانية")
    opinions.request_opinion(actor, body, values, today=TODAY)


def give_opinion(actor, body, pending):
    opinions.give_opinion(actor, pending, opinion_values(), today=TODAY)


def close_request(actor, body, pending):
    opinions.close_request(actor, pending, "سحب الطلب", today=TODAY)


CASES = [
    (create_body, STAFF),
    (update_body, STAFF),
    (add_member, STAFF),
    (remove_member, STAFF),
    (save_meeting, BUREAU),
    (request_opinion, STAFF),
    (give_opinion, GIVERS),
    (close_request, STAFF),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("service", "allowed"), CASES, ids=[c[0].__name__ for c in CASES])
def test_role_matrix(request, body, draft, president, advisory_member, role, service, allowed):
    actor = request.getfixturevalue(role)
    pending = _request(body, draft)
    Member.objects.create(body=body, name="عضو", role=BureauRole.MEMBER)
    if role in allowed:
        service(actor, body, pending)
        return
    audit_before = AuditLogEntry.objects.count()
    counts = (OpinionRequest.objects.count(), Opinion.objects.count(), Member.objects.count())
    with pytest.raises(PermissionDenied):
        service(actor, body, pending)
    assert AuditLogEntry.objects.count() == audit_before
    assert (OpinionRequest.objects.count(), Opinion.objects.count(), Member.objects.count()) == counts


def test_staff_elsewhere_cannot_use_this_collectivitys_bodies(other_focal_point, other_body, body, draft):
    assert other_focal_point.has_perm("advisory.manage_bodies", other_body.collectivity)
    assert not other_focal_point.has_perm("advisory.manage_bodies", body.collectivity)
    assert not other_focal_point.has_perm("advisory.export_requests", body.collectivity)
