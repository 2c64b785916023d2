"""Programmes, their phases and dates, and their axes."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from remacto.core import audit
from remacto.core.permissions import require
from remacto.netdash.services import members_changed

from ..models import Axis, Phase, PhaseChange, Programme, ProgrammePhase, Project

MANAGE = "cocreation.manage_programme"
# A title may be given for the active language ("title") or per language, as the staff forms do.
TITLE_LANGUAGES = ("title_ar", "title_fr", "title_en", "title_zgh")


def _clean_and_save(obj, **clean_kwargs) -> None:
    obj.full_clean(**clean_kwargs)
    obj.save()


@transaction.atomic
def create_programme(actor, collectivity, *, cycle: str, title: str, **fields) -> Programme:
    """Open a programme for ``collectivity`` in ``cycle`` (``YYYY-YYYY``, two consecutive years)."""
    require(actor, MANAGE, collectivity)
    start, _sep, end = cycle.partition("-")
    if not (start.isdigit() and end.isdigit() and len(start) == 4 and int(end) == int(start) + 1):
        raise ValidationError({"cycle": _("Write the cycle as two consecutive years, for example 2026-2027.")})
    if Programme.objects.filter(collectivity=collectivity, cycle=cycle).exists():
        raise ValidationError({"cycle": _("This collectivity already has a programme for this cycle.")})
    programme = Programme(collectivity=collectivity, cycle=cycle, title=title, **fields)
    _clean_and_save(programme, validate_constraints=False)
    audit.record(actor, "programme.create", programme, collectivity=collectivity, cycle=cycle)
    members_changed()  # the network dashboard shows the member's programme and phase
    return programme


@transaction.atomic
def set_phase_dates(
    actor, programme: Programme, phase: str, starts_on: datetime.date | None, ends_on: datetime.date | None
) -> ProgrammePhase:
    """Plan (or correct) the dates of one phase."""
    require(actor, MANAGE, programme.collectivity)
    if phase not in Phase.values:
        raise ValidationError({"phase": _("Unknown phase.")})
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end date is before the start date.")})
    dates, _created = ProgrammePhase.objects.update_or_create(
        programme=programme, phase=phase, defaults={"starts_on": starts_on, "ends_on": ends_on}
    )
    audit.record(
        actor,
        "programme.phase_dates",
        programme,
        collectivity=programme.collectivity,
        phase=phase,
        starts_on=str(starts_on or ""),
        ends_on=str(ends_on or ""),
    )
    return dates


@transaction.atomic
def move_to_phase(actor, programme: Programme, phase: str, note: str = "") -> PhaseChange:
    """Move the programme to ``phase``: the next one, or back one step to correct a mistake.

    Skipping ahead is refused, so that no step of the cycle (and its public trace) is silently missed; the
    adoption phase can only be left by recording the council's adoption.
    """
    require(actor, MANAGE, programme.collectivity)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if phase not in Phase.values:
        raise ValidationError({"phase": _("Unknown phase.")})
    current, target = Phase.order(programme.phase), Phase.order(phase)
    if target == current:
        raise ValidationError({"phase": _("The programme is already in this phase.")})
    if target > current + 1:
        raise ValidationError({"phase": _("Phases follow one another: move to the next phase first.")})
    if programme.phase == Phase.ADOPTION and target > current and not hasattr(programme, "adoption"):
        raise ValidationError({"phase": _("Record the council's adoption first.")})
    change = PhaseChange.objects.create(
        programme=programme, from_phase=programme.phase, to_phase=phase, actor=actor, note=note.strip()[:500]
    )
    programme.phase = phase
    programme.save(update_fields=["phase", "updated_at"])
    _sync_project_status(programme, change)
    members_changed()
    audit.record(
        actor, "programme.phase", programme, collectivity=programme.collectivity, from_phase=change.from_phase, to=phase
    )
    return change


def _sync_project_status(programme: Programme, change: PhaseChange) -> None:
    """Draft projects open for comments when the consultation starts, and close again if it is undone."""
    if change.to_phase == Phase.CONSULTATION:
        programme.projects.filter(status=Project.Status.DRAFT).update(status=Project.Status.CONSULTATION)
    elif change.from_phase == Phase.CONSULTATION and change.to_phase == Phase.DRAFTING:
        programme.projects.filter(status=Project.Status.CONSULTATION).update(status=Project.Status.DRAFT)


@transaction.atomic
def save_axis(actor, programme: Programme, axis: Axis | None = None, **fields) -> Axis:
    """Create or edit an axis; axes are fixed once idea collection has started (ideas point to them)."""
    require(actor, MANAGE, programme.collectivity)
    if Phase.order(programme.phase) > Phase.order(Phase.IDEAS) and axis is None:
        raise ValidationError(_("Axes can no longer be added after idea collection."))
    axis = axis or Axis(programme=programme)
    if axis.programme_id != programme.pk:
        raise ValidationError(_("This axis belongs to another programme."))
    for name, value in fields.items():
        setattr(axis, name, value)
    _clean_and_save(axis)
    audit.record(actor, "axis.save", axis, collectivity=programme.collectivity)
    return axis
