"""A body's meetings, recorded by its bureau: the date and agenda first, the minutes once it was held."""

import datetime
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from remacto.core import audit
from remacto.core.permissions import require

from ..models import Body, Meeting
from .common import pdf, text

MANAGE = "advisory.manage_meetings"


@transaction.atomic
def save_meeting(
    actor,
    body: Body,
    values: Mapping,
    document=None,
    *,
    meeting: Meeting | None = None,
    today: datetime.date | None = None,
) -> Meeting:
    """Create (or change) a meeting of ``body``; minutes only for a meeting that was held."""
    require(actor, MANAGE, body)
    if meeting is not None and meeting.body_id != body.pk:
        raise ValidationError(_("This meeting is not one of this body's."))
    today = today or timezone.localdate()
    meeting = meeting or Meeting(body=body)
    held_on = values.get("held_on")
    if not isinstance(held_on, datetime.date):
        raise ValidationError({"held_on": _("Give the date of the meeting.")})
    meeting.held_on = held_on
    meeting.agenda = text(values.get("agenda"), "agenda", max_length=4000, empty=gettext_noop("Write the agenda."))
    meeting.minutes = text(values.get("minutes"), "minutes", max_length=10000)
    document = pdf(document, "minutes_document")
    if (meeting.minutes or document) and held_on > today:
        raise ValidationError({"minutes": _("Minutes are recorded once the meeting was held.")})
    meeting.recorded_by = actor
    if document is not None:
        meeting.minutes_document.save("minutes.pdf", document, save=False)
    meeting.save()
    audit.record(actor, "advisory.meeting_save", meeting, collectivity=body.collectivity, held_on=held_on.isoformat())
    return meeting
