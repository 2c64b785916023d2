"""Triage with public reasons sent to authors, projects from accepted ideas, consultation answers, adoption,
amendments: permissions per role and bad input."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from remacto.cocreation.models import Adoption, Idea, Phase, Project, TriageDecision
from remacto.cocreation.services import adoption, consultation, ideas, projects, triage
from remacto.notifications.models import Notification

from .conftest import IDEA, in_phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def idea(citizen, programme, axis):
    return ideas.submit_idea(citizen, programme, {**IDEA, "axis": axis})


@pytest.fixture
def triaging(programme):
    return in_phase(programme, Phase.TRIAGE)


def test_committee_accepts_with_a_reason_and_the_author_is_told(committee_member, idea, triaging, citizen):
    triage.decide(committee_member, idea, "accepted", "فكرة قابلة للتنفيذ في إطار محور المشاركة.")
    idea.refresh_from_db()
    assert idea.status == Idea.Status.ACCEPTED
    note = Notification.objects.get(recipient=citizen)
    assert note.url == idea.get_absolute_url()


def test_reason_is_required_and_nothing_changes(committee_member, idea, triaging):
    with pytest.raises(ValidationError) as exc:
        triage.decide(committee_member, idea, "rejected", "  non ")
    assert "reason" in exc.value.message_dict
    idea.refresh_from_db()
    assert idea.status == Idea.Status.SUBMITTED and not TriageDecision.objects.exists()
    assert not Notification.objects.exists()


def test_merge_needs_another_idea_of_the_programme(committee_member, idea, triaging, citizen, programme):
    other = Idea.objects.create(programme=programme, title="أخرى", problem="p", solution="s", channel="paper")
    with pytest.raises(ValidationError):
        triage.decide(committee_member, idea, "merged", "نفس الفكرة المقترحة من قبل.", merged_into=idea)
    triage.decide(committee_member, idea, "merged", "نفس الفكرة المقترحة من قبل.", merged_into=other)
    assert TriageDecision.objects.get().merged_into == other


@pytest.mark.parametrize("actor", ["citizen", "moderator", "other_committee_member", "secretariat"])
def test_others_cannot_triage(request, actor, idea, triaging):
    with pytest.raises(PermissionDenied):
        triage.decide(request.getfixturevalue(actor), idea, "accepted", "raison suffisante ici")


def test_focal_point_and_network_admin_can_triage(focal_point, network_admin, idea, triaging):
    triage.decide(focal_point, idea, "rejected", "خارج اختصاصات الجماعة.")
    triage.decide(network_admin, idea, "accepted", "تصحيح القرار بعد المراجعة.")
    assert TriageDecision.objects.get().decision == "accepted"


def test_triage_only_in_its_phases(committee_member, idea):
    with pytest.raises(ValidationError):
        triage.decide(committee_member, idea, "accepted", "trop tôt pour trier")


def _project_values(axis, **changes):
    return {
        "axis": axis,
        "title": "تكوين الجمعيات",
        "budget": "30000",
        "starts_on": datetime.date(2027, 1, 1),
        "ends_on": datetime.date(2027, 12, 31),
        "serves_participation": True,
        **changes,
    }


@pytest.fixture
def accepted(committee_member, idea, triaging):
    triage.decide(committee_member, idea, "accepted", "فكرة قابلة للتنفيذ.")
    in_phase(idea.programme, Phase.DRAFTING)
    idea.refresh_from_db()
    return idea


def test_accepted_ideas_become_a_project(committee_member, accepted, axis, programme):
    project = projects.create_project(
        committee_member,
        programme,
        _project_values(axis),
        source_ideas=[accepted],
        activities=[{"title": "دورة تكوينية", "target_groups": "الجمعيات"}],
        indicators=[{"name": "عدد المستفيدين", "baseline": 0, "target": 40}],
    )
    assert project.budget == Decimal("30000") and list(accepted.projects.all()) == [project]
    assert project.activities.count() == 1 and project.indicators.get().target == 40


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"budget": "-5"}, "budget"),
        ({"budget": "trente mille"}, "budget"),
        ({"title": ""}, "title"),
        ({"ends_on": datetime.date(2026, 1, 1)}, "ends_on"),
    ],
)
def test_bad_project_input_saves_nothing(committee_member, accepted, axis, programme, changes, field):
    with pytest.raises(ValidationError) as exc:
        projects.create_project(committee_member, programme, _project_values(axis, **changes), source_ideas=[accepted])
    assert field in exc.value.message_dict
    assert not Project.objects.exists()


def test_rejected_ideas_cannot_feed_projects(committee_member, idea, axis, programme, triaging):
    triage.decide(committee_member, idea, "rejected", "خارج الاختصاص.")
    in_phase(programme, Phase.DRAFTING)
    with pytest.raises(ValidationError):
        projects.create_project(committee_member, programme, _project_values(axis), source_ideas=[idea])


def test_another_collectivity_cannot_draft(other_committee_member, accepted, axis, programme):
    with pytest.raises(PermissionDenied):
        projects.create_project(other_committee_member, programme, _project_values(axis))


def test_bad_activity_rolls_back_the_project(committee_member, accepted, axis, programme):
    with pytest.raises(ValidationError):
        projects.create_project(
            committee_member,
            programme,
            _project_values(axis),
            source_ideas=[accepted],
            activities=[{"title": "x", "starts_on": datetime.date(2027, 5, 1), "ends_on": datetime.date(2027, 1, 1)}],
        )
    assert not Project.objects.exists()


@pytest.fixture
def project(committee_member, accepted, axis, programme):
    return projects.create_project(committee_member, programme, _project_values(axis), source_ideas=[accepted])


def test_workshop_feedback_and_answers(focal_point, committee_member, project, programme, other_committee_member):
    in_phase(programme, Phase.CONSULTATION)
    feedback = consultation.record_workshop_feedback(focal_point, project, "يجب إشراك الشباب أيضا.")
    answer = consultation.answer_contribution(
        committee_member,
        project,
        feedback=feedback,
        taken_into_account=True,
        answer="أضيف الشباب إلى الفئات المستهدفة.",
    )
    assert answer.taken_into_account
    with pytest.raises(PermissionDenied):
        consultation.answer_contribution(
            other_committee_member, project, feedback=feedback, taken_into_account=False, answer="refus sans droit"
        )
    with pytest.raises(ValidationError):
        consultation.answer_contribution(
            committee_member, project, feedback=feedback, taken_into_account=False, answer=""
        )


def test_adoption_by_the_secretariat(secretariat, project, programme, citizen):
    with pytest.raises(ValidationError):
        adoption.record_adoption(
            secretariat, programme, session_date=datetime.date(2027, 2, 3), deliberation_number="12/2027", votes_for=20
        )
    in_phase(programme, Phase.ADOPTION)
    with pytest.raises(PermissionDenied):
        adoption.record_adoption(
            citizen, programme, session_date=datetime.date(2027, 2, 3), deliberation_number="12/2027", votes_for=20
        )
    with pytest.raises(ValidationError) as exc:
        adoption.record_adoption(
            secretariat,
            programme,
            session_date=datetime.date(2027, 2, 3),
            deliberation_number="12/2027",
            votes_for=5,
            votes_against=9,
        )
    assert "votes_for" in exc.value.message_dict
    assert not Adoption.objects.exists()
    adoption.record_adoption(
        secretariat,
        programme,
        session_date=datetime.date(2027, 2, 3),
        deliberation_number="12/2027",
        votes_for=20,
        votes_against=2,
        votes_abstain=1,
    )
    programme.refresh_from_db()
    project.refresh_from_db()
    assert programme.phase == Phase.IMPLEMENTATION and project.status == Project.Status.ADOPTED


def test_after_adoption_changes_are_amendments(secretariat, committee_member, project, programme):
    in_phase(programme, Phase.ADOPTION)
    adoption.record_adoption(
        secretariat, programme, session_date=datetime.date(2027, 2, 3), deliberation_number="12/2027", votes_for=20
    )
    project.refresh_from_db()
    with pytest.raises(ValidationError):
        projects.update_project(committee_member, project, {"budget": "45000"})
    amendment = projects.amend_project(
        secretariat, project, {"budget": "45000"}, reason="زيادة عدد المستفيدين.", decided_on=datetime.date(2027, 6, 1)
    )
    assert amendment.changes == {"budget": ["30000.00", "45000"]}
    project.refresh_from_db()
    assert project.budget == Decimal("45000")
