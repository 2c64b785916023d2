"""The follow-up committee's periodic review meetings, with minutes and decisions, recorded on the programme.

Committee members, focal points and network admins record a meeting: a date that is not in the future and
falls within the programme's cycle years, minutes, an optional signed PDF (checked from its content) and its
decisions, each optionally about one project of the programme. All or nothing, audited.
"""

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from remacto.cocreation.models import Programme
from remacto.cocreation.uploads import check_upload, sniff
from remacto.core import audit
from remacto.core.permissions import require
from remacto.core.validators import clean_text

from ..models import ReviewDecision, ReviewMeeting

RECORD = "monitoring.record_reviews"
MAX_DECISIONS = 30


def _limit(model, field: str) -> int:
    return model._meta.get_field(field).max_length


def cycle_years(programme: Programme) -> tuple[int, int]:
    first, _sep, last = programme.cycle.partition("-")
    return int(first), int(last or first)


def _held_on(programme: Programme, held_on, today: datetime.date) -> datetime.date:
    if not isinstance(held_on, datetime.date):
        raise ValidationError({"held_on": _("Give the date of the meeting.")})
    if held_on > today:
        raise ValidationError({"held_on": _("A meeting to come cannot be recorded: give the date it was held.")})
    first, last = cycle_years(programme)
    if not first <= held_on.year <= last:
        raise ValidationError(
            {
                "held_on": _("The meeting must fall within the programme's cycle, %(first)d to %(last)d.")
                % {
                    "first": first,
                    "last": last,
                }
            }
        )
    return held_on


def _decisions(programme: Programme, rows: Iterable[Mapping]) -> list[ReviewDecision]:
    decisions = []
    for number, row in enumerate(rows, start=1):
        if not any(row.get(key) for key in ("text", "project", "responsible", "due_on")):
            continue
        try:
            text = clean_text(row.get("text"), "decisions", max_length=2000, empty=gettext_noop("Write the decision."))
            responsible = clean_text(
                row.get("responsible"), "decisions", max_length=_limit(ReviewDecision, "responsible")
            )
        except ValidationError as exc:
            raise ValidationError(
                {"decisions": _("Decision %(n)d: %(error)s") % {"n": number, "error": " ".join(exc.messages)}}
            ) from exc
        project = row.get("project")
        if project is not None and project.programme_id != programme.pk:
            raise ValidationError(
                {"decisions": _("Decision %(n)d: choose a project of this programme.") % {"n": number}}
            )
        due_on = row.get("due_on")
        decisions.append(ReviewDecision(project=project, text=text, responsible=responsible, due_on=due_on))
    if len(decisions) > MAX_DECISIONS:
        raise ValidationError({"decisions": _("At most %(n)d decisions per meeting.") % {"n": MAX_DECISIONS}})
    return decisions


def _document(document):
    if not document:
        return None
    if sniff(document) != "pdf":
        raise ValidationError({"document": _("“%(name)s” is not a PDF document.") % {"name": document.name}})
    try:
        check_upload(document, allowed=("pdf",))
    except ValidationError as exc:
        raise ValidationError({"document": exc.messages}) from exc
    return document


@transaction.atomic
def record_meeting(
    actor,
    programme: Programme,
    values: Mapping,
    decisions: Iterable[Mapping] = (),
    document=None,
    *,
    today: datetime.date | None = None,
) -> ReviewMeeting:
    """Record a review meeting of ``programme`` with its decisions (rows whose fields are all empty are
    skipped) and optional signed minutes; nothing is saved when anything is wrong."""
    require(actor, RECORD, programme.collectivity)
    if not programme.is_adopted:
        raise ValidationError(_("Review meetings are recorded once the programme is adopted."))
    today = today or timezone.localdate()
    meeting = ReviewMeeting(
        programme=programme,
        held_on=_held_on(programme, values.get("held_on"), today),
        title=clean_text(
            values.get("title"), "title", max_length=_limit(ReviewMeeting, "title"), empty=gettext_noop("Give a title.")
        ),
        attendees=clean_text(values.get("attendees"), "attendees", max_length=_limit(ReviewMeeting, "attendees")),
        minutes=clean_text(
            values.get("minutes"), "minutes", max_length=10000, empty=gettext_noop("Write the minutes.")
        ),
        recorded_by=actor,
    )
    rows = _decisions(programme, decisions)
    document = _document(document)
    if document is not None:
        meeting.document.save("minutes.pdf", document, save=False)
    meeting.save()
    for decision in rows:
        decision.meeting = meeting
    ReviewDecision.objects.bulk_create(rows)
    audit.record(
        actor,
        "review.record",
        meeting,
        collectivity=programme.collectivity,
        held_on=meeting.held_on.isoformat(),
        decisions=len(rows),
    )
    return meeting
