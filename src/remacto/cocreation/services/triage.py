"""The follow-up committee's triage: every idea accepted, merged into another, or rejected, with a public reason
that is also sent to its author."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from remacto.core import audit
from remacto.core.permissions import require
from remacto.notifications.services import notify

from ..models import Idea, Meeting, Phase, TriageDecision

MIN_REASON = 10
STATUS_OF = {
    TriageDecision.Decision.ACCEPTED: Idea.Status.ACCEPTED,
    TriageDecision.Decision.MERGED: Idea.Status.MERGED,
    TriageDecision.Decision.REJECTED: Idea.Status.REJECTED,
}
DECISION_MSGIDS = {
    TriageDecision.Decision.ACCEPTED: gettext_noop("accepted"),
    TriageDecision.Decision.MERGED: gettext_noop("merged into another idea"),
    TriageDecision.Decision.REJECTED: gettext_noop("not accepted"),
}


@transaction.atomic
def decide(actor, idea: Idea, decision: str, reason: str, merged_into: Idea | None = None, meeting=None):
    """Record (or correct) the committee's decision on ``idea``; its author is told the decision and reason."""
    programme = idea.programme
    require(actor, "cocreation.triage", programme.collectivity)
    if programme.phase not in (Phase.TRIAGE, Phase.DRAFTING):
        raise ValidationError(_("Ideas are triaged during the triage and drafting phases only."))
    if decision not in TriageDecision.Decision.values:
        raise ValidationError({"decision": _("Choose accepted, merged or not accepted.")})
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON:
        raise ValidationError({"reason": _("Give the public reason for this decision (at least 10 characters).")})
    if decision == TriageDecision.Decision.MERGED:
        if merged_into is None or merged_into.pk == idea.pk or merged_into.programme_id != programme.pk:
            raise ValidationError({"merged_into": _("Choose another idea of this programme to merge into.")})
        if merged_into.status == Idea.Status.MERGED:
            raise ValidationError({"merged_into": _("That idea is itself merged; choose the idea it was merged into.")})
    else:
        merged_into = None
    if meeting is not None and (meeting.programme_id != programme.pk or meeting.kind != Meeting.Kind.COMMITTEE):
        raise ValidationError({"meeting": _("Choose one of this programme's committee meetings.")})
    if decision != TriageDecision.Decision.ACCEPTED and idea.projects.exists():
        raise ValidationError(_("This idea already feeds a project; remove it from the project first."))
    record, _created = TriageDecision.objects.update_or_create(
        idea=idea,
        defaults={
            "decision": decision,
            "reason": reason,
            "merged_into": merged_into,
            "meeting": meeting,
            "decided_by": actor,
        },
    )
    idea.status = STATUS_OF[decision]
    idea.save(update_fields=["status", "updated_at"])
    audit.record(actor, "idea.triage", idea, collectivity=programme.collectivity, decision=decision)
    if idea.author_id:
        notify(
            idea.author,
            kind="idea.triage",
            message=gettext_noop("The follow-up committee answered your idea “%(title)s”: %(decision)s. %(reason)s"),
            params={"title": idea.title, "decision_msgid": DECISION_MSGIDS[decision], "reason": reason},
            url=idea.get_absolute_url(),
            collectivity=programme.collectivity,
        )
    return record
