"""The second consultation: workshop feedback on draft projects and the committee's answers (the advisory bodies'
opinions on the draft go through :mod:`remacto.advisory`)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from remacto.core import audit
from remacto.core.permissions import require
from remacto.core.validators import require_visible
from remacto.notifications.services import notify

from ..models import ContributionAnswer, Phase, Project, WorkshopFeedback


@transaction.atomic
def record_workshop_feedback(actor, project: Project, text: str, meeting=None) -> WorkshopFeedback:
    """Feedback on a draft project given at the consultation workshop, typed in by staff."""
    programme = project.programme
    require(actor, "cocreation.record_ideas", programme.collectivity)
    if programme.phase != Phase.CONSULTATION:
        raise ValidationError(_("Feedback is recorded during the consultation on the draft."))
    if meeting is not None and meeting.programme_id != programme.pk:
        raise ValidationError({"meeting": _("Choose one of this programme's meetings.")})
    feedback = WorkshopFeedback(project=project, meeting=meeting, text=(text or "").strip(), recorded_by=actor)
    require_visible({"text": feedback.text})
    feedback.full_clean()
    feedback.save()
    return feedback


@transaction.atomic
def answer_contribution(
    actor, project: Project, *, taken_into_account: bool, answer: str, comment=None, feedback=None
) -> ContributionAnswer:
    """The committee's public answer to an online comment or a workshop feedback on ``project``."""
    programme = project.programme
    require(actor, "cocreation.answer_contributions", programme.collectivity)
    if (comment is None) == (feedback is None):
        raise ValidationError(_("Answer one contribution at a time."))
    if comment is not None and (comment.target != project or comment.parent_id is not None):
        raise ValidationError(_("This comment is not a contribution on this project."))
    if feedback is not None and feedback.project_id != project.pk:
        raise ValidationError(_("This feedback is not about this project."))
    answer = (answer or "").strip()
    require_visible({"answer": answer})
    if len(answer) < 10:
        raise ValidationError({"answer": _("Write the committee's answer (at least 10 characters).")})
    record, _created = ContributionAnswer.objects.update_or_create(
        comment=comment,
        feedback=feedback,
        defaults={
            "project": project,
            "taken_into_account": bool(taken_into_account),
            "answer": answer,
            "answered_by": actor,
        },
    )
    audit.record(actor, "consultation.answer", record, collectivity=programme.collectivity)
    if comment is not None and comment.author_id:
        notify(
            comment.author,
            kind="consultation.answer",
            message=gettext_noop("The committee answered your comment on “%(title)s”: %(answer)s"),
            params={"title": project.title, "answer": answer},
            url=project.get_absolute_url(),
            collectivity=programme.collectivity,
        )
    return record
