"""The council's adoption of the programme."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from remacto.core import audit
from remacto.core.permissions import require
from remacto.netdash.services import members_changed

from ..models import Adoption, Phase, PhaseChange, Programme, Project
from ..uploads import check_pdf


def adoption_is_open(programme: Programme) -> bool:
    """The council's adoption is recorded once, during the adoption phase."""
    return programme.phase == Phase.ADOPTION and not hasattr(programme, "adoption")


@transaction.atomic
def record_adoption(
    actor,
    programme: Programme,
    *,
    session_date,
    deliberation_number,
    votes_for,
    votes_against=0,
    votes_abstain=0,
    document=None,
) -> Adoption:
    """Record the council session that adopted the programme; the programme moves to implementation and its
    projects become adopted. Projects whose budget is still to be estimated do not stop it (the adoption page warns
    of them beforehand); the audit entry records how many there were."""
    require(actor, "cocreation.record_adoption", programme.collectivity)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if programme.phase != Phase.ADOPTION:
        raise ValidationError(_("The programme must be in the adoption phase."))
    if Adoption.objects.filter(programme=programme).exists():
        raise ValidationError(_("The adoption is already recorded."))
    if document:
        check_pdf(document)
    adoption = Adoption(
        programme=programme,
        session_date=session_date,
        deliberation_number=(deliberation_number or "").strip(),
        votes_for=votes_for,
        votes_against=votes_against or 0,
        votes_abstain=votes_abstain or 0,
        recorded_by=actor,
    )
    if document:
        adoption.document = document
    adoption.full_clean()
    if adoption.votes_for <= adoption.votes_against:
        raise ValidationError({"votes_for": _("A programme is adopted only with more votes for than against.")})
    adoption.save()
    adopted = programme.projects.exclude(status=Project.Status.CANCELLED)
    to_estimate = adopted.filter(budget_to_estimate=True).count()
    adopted.update(status=Project.Status.ADOPTED)
    PhaseChange.objects.create(
        programme=programme,
        from_phase=Phase.ADOPTION,
        to_phase=Phase.IMPLEMENTATION,
        actor=actor,
        note=adoption.deliberation_number,
    )
    programme.phase = Phase.IMPLEMENTATION
    programme.save(update_fields=["phase", "updated_at"])
    members_changed()  # the network dashboard shows the new phase
    audit.record(
        actor,
        "programme.adopt",
        programme,
        collectivity=programme.collectivity,
        deliberation=adoption.deliberation_number,
        votes=[adoption.votes_for, adoption.votes_against],
        budgets_to_estimate=to_estimate,
    )
    return adoption
