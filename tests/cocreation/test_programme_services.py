"""Programmes, phases and axes: permissions per role, the order of phases, bad input."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from remacto.cocreation.models import Phase, PhaseChange, Programme, Project
from remacto.cocreation.services import programmes
from remacto.core.models import AuditLogEntry

from .conftest import in_phase

pytestmark = pytest.mark.django_db


def test_focal_point_creates_a_programme(focal_point, commune):
    programme = programmes.create_programme(focal_point, commune, cycle="2026-2027", title="برنامج")
    assert programme.phase == Phase.INFORMATION
    assert AuditLogEntry.objects.filter(action="programme.create", collectivity=commune).exists()


@pytest.mark.parametrize("actor", ["citizen", "committee_member", "moderator", "other_focal_point"])
def test_others_cannot_create_a_programme(request, actor, commune):
    with pytest.raises(PermissionDenied):
        programmes.create_programme(request.getfixturevalue(actor), commune, cycle="2026-2027", title="x")
    assert not Programme.objects.exists()


@pytest.mark.parametrize("cycle", ["2026", "2026-2028", "abcd-efgh", "2027-2026", ""])
def test_bad_cycles_are_refused(network_admin, commune, cycle):
    with pytest.raises(ValidationError) as exc:
        programmes.create_programme(network_admin, commune, cycle=cycle, title="x")
    assert "cycle" in exc.value.message_dict


def test_one_programme_per_cycle(focal_point, programme, commune):
    with pytest.raises(ValidationError):
        programmes.create_programme(focal_point, commune, cycle=programme.cycle, title="again")


def test_phases_move_one_step_and_are_logged(focal_point, programme):
    programmes.move_to_phase(focal_point, programme, Phase.TRIAGE, note="réunion du comité")
    programme.refresh_from_db()
    assert programme.phase == Phase.TRIAGE
    change = PhaseChange.objects.get()
    assert (change.from_phase, change.to_phase, change.actor) == (Phase.IDEAS, Phase.TRIAGE, focal_point)
    with pytest.raises(ValidationError):
        programmes.move_to_phase(focal_point, programme, Phase.CONSULTATION)
    programmes.move_to_phase(focal_point, programme, Phase.IDEAS)
    programme.refresh_from_db()
    assert programme.phase == Phase.IDEAS


def test_adoption_phase_is_left_only_by_recording_the_adoption(focal_point, programme):
    in_phase(programme, Phase.ADOPTION)
    with pytest.raises(ValidationError):
        programmes.move_to_phase(focal_point, programme, Phase.IMPLEMENTATION)


def test_consultation_opens_draft_projects(focal_point, programme, axis):
    in_phase(programme, Phase.DRAFTING)
    project = Project.objects.create(programme=programme, axis=axis, title="p", budget=1000)
    programmes.move_to_phase(focal_point, programme, Phase.CONSULTATION)
    project.refresh_from_db()
    assert project.status == Project.Status.CONSULTATION
    programmes.move_to_phase(focal_point, programme, Phase.DRAFTING)
    project.refresh_from_db()
    assert project.status == Project.Status.DRAFT


def test_committee_member_of_this_commune_cannot_move_phases(committee_member, programme):
    with pytest.raises(PermissionDenied):
        programmes.move_to_phase(committee_member, programme, Phase.TRIAGE)
    programme.refresh_from_db()
    assert programme.phase == Phase.IDEAS and not PhaseChange.objects.exists()


def test_phase_dates(focal_point, programme):
    dates = programmes.set_phase_dates(
        focal_point, programme, Phase.IDEAS, datetime.date(2026, 11, 1), datetime.date(2026, 11, 30)
    )
    assert dates.ends_on.day == 30
    with pytest.raises(ValidationError) as exc:
        programmes.set_phase_dates(
            focal_point, programme, Phase.IDEAS, datetime.date(2026, 12, 1), datetime.date(2026, 11, 1)
        )
    assert "ends_on" in exc.value.message_dict
    with pytest.raises(ValidationError):
        programmes.set_phase_dates(focal_point, programme, "holidays", None, None)


def test_axes(focal_point, programme, other_programme, network_admin):
    axis = programmes.save_axis(focal_point, programme, title="الرقمنة", serves_digitalisation=True)
    assert axis.principles == ["digitalisation"]
    with pytest.raises(ValidationError):
        programmes.save_axis(focal_point, programme, title="")
    with pytest.raises(PermissionDenied):
        programmes.save_axis(focal_point, other_programme, title="x")
    with pytest.raises(ValidationError):
        programmes.save_axis(network_admin, other_programme, axis=axis, title="moved")
    in_phase(programme, Phase.TRIAGE)
    with pytest.raises(ValidationError):
        programmes.save_axis(focal_point, programme, title="late axis")
