"""Every co-creation service against every role: who may (it succeeds) and who may not (PermissionDenied, nothing
written). Roles: citizen, association member, committee member of this and of another collectivity, focal point
of this and of another collectivity, moderator, council secretariat, network admin."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from remacto.cocreation.models import Idea, Meeting, Phase, Programme, Project, WorkshopFeedback
from remacto.cocreation.services import adoption, consultation, ideas, meetings, programmes, projects, triage
from remacto.core.models import AuditLogEntry

from .conftest import IDEA, in_phase

pytestmark = pytest.mark.django_db

ROLES = [
    "citizen",
    "association_member",
    "committee_member",
    "other_committee_member",
    "focal_point",
    "other_focal_point",
    "moderator",
    "secretariat",
    "network_admin",
]
RUNNERS = {"focal_point", "network_admin"}
COMMITTEE = {"committee_member", "focal_point", "network_admin"}
SECRETARIAT = {"secretariat", "focal_point", "network_admin"}
EVERYONE = set(ROLES)


def _idea(programme, status=Idea.Status.SUBMITTED):
    return Idea.objects.create(programme=programme, channel="paper", status=status, **IDEA)


def _project(programme, axis):
    return Project.objects.create(programme=programme, axis=axis, title="مشروع", budget=1000)


def create_programme(actor, programme, axis):
    programmes.create_programme(actor, programme.collectivity, cycle="2028-2029", title="برنامج")


def move_phase(actor, programme, axis):
    programmes.move_to_phase(actor, programme, Phase.TRIAGE)


def save_axis(actor, programme, axis):
    programmes.save_axis(actor, programme, title="محور جديد")


def save_meeting(actor, programme, axis):
    meetings.save_meeting(actor, programme, {"kind": Meeting.Kind.INFORMATION, "title": "لقاء تواصلي"})


def record_ideas(actor, programme, axis):
    ideas.record_ideas(actor, programme, "paper", [IDEA])


def submit_idea(actor, programme, axis):
    ideas.submit_idea(actor, programme, IDEA)


def decide(actor, programme, axis):
    idea = _idea(programme)
    in_phase(programme, Phase.TRIAGE)
    triage.decide(actor, idea, "accepted", "فكرة قابلة للتنفيذ.")


def draft_project(actor, programme, axis):
    in_phase(programme, Phase.DRAFTING)
    projects.create_project(actor, programme, {"axis": axis, "title": "مشروع", "budget": "1000"})


def answer(actor, programme, axis):
    project = _project(programme, axis)
    in_phase(programme, Phase.CONSULTATION)
    feedback = WorkshopFeedback.objects.create(project=project, text="ملاحظة من الورشة")
    consultation.answer_contribution(
        actor, project, feedback=feedback, taken_into_account=True, answer="أخذت بعين الاعتبار."
    )


def record_adoption(actor, programme, axis):
    in_phase(programme, Phase.ADOPTION)
    adoption.record_adoption(
        actor, programme, session_date=datetime.date(2027, 2, 3), deliberation_number="1/2027", votes_for=9
    )


def amend(actor, programme, axis):
    project = _project(programme, axis)
    in_phase(programme, Phase.IMPLEMENTATION)
    projects.amend_project(
        actor, project, {"budget": "2000"}, reason="زيادة عدد المستفيدين.", decided_on=datetime.date(2027, 6, 1)
    )


CASES = [
    (create_programme, RUNNERS),
    (move_phase, RUNNERS),
    (save_axis, RUNNERS),
    (save_meeting, RUNNERS),
    (record_ideas, RUNNERS),
    (submit_idea, EVERYONE),
    (decide, COMMITTEE),
    (draft_project, COMMITTEE),
    (answer, COMMITTEE),
    (record_adoption, SECRETARIAT),
    (amend, SECRETARIAT),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("service", "allowed"), CASES, ids=[c[0].__name__ for c in CASES])
def test_role_matrix(request, programme, axis, role, service, allowed):
    actor = request.getfixturevalue(role)
    audit_before = AuditLogEntry.objects.count()
    programmes_before = Programme.objects.count()
    if role in allowed:
        service(actor, programme, axis)
    else:
        with pytest.raises(PermissionDenied):
            service(actor, programme, axis)
        assert AuditLogEntry.objects.count() == audit_before
        assert Programme.objects.count() == programmes_before
