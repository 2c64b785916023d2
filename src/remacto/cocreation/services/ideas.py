"""Ideas on every channel: online submission in the window, staff entry with provenance, edits by authors."""

from collections.abc import Iterable, Mapping

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from remacto.core import audit
from remacto.core.permissions import require
from remacto.core.validators import require_visible
from remacto.participation import limits

from ..models import Axis, Idea, IdeaAttachment, Meeting, Phase, Programme
from ..uploads import check_upload, without_metadata

IDEA_FIELDS = ("axis", "title", "problem", "solution", "expected_impact", "place")
MAX_ATTACHMENTS = 3


def collection_is_open(programme: Programme, now=None) -> bool:
    """True while online idea collection is open: the programme is in the ideas phase and, when the phase has
    dates, today is between them (Moroccan time)."""
    if programme.phase != Phase.IDEAS:
        return False
    today = timezone.localdate(now)
    dates = next((d for d in programme.phase_dates.all() if d.phase == Phase.IDEAS), None)
    if dates is None:
        return True
    return (dates.starts_on is None or dates.starts_on <= today) and (dates.ends_on is None or today <= dates.ends_on)


def _validated_idea(programme: Programme, values: Mapping, **extra) -> Idea:
    axis = values.get("axis")
    if axis is not None and not isinstance(axis, Axis):
        raise ValidationError({"axis": _("Choose one of the programme's axes.")})
    if axis is not None and axis.programme_id != programme.pk:
        raise ValidationError({"axis": _("Choose one of the programme's axes.")})
    idea = Idea(programme=programme, **{f: values.get(f) or ("" if f != "axis" else None) for f in IDEA_FIELDS})
    for name, value in extra.items():
        setattr(idea, name, value)
    require_visible({f: getattr(idea, f) for f in IDEA_FIELDS if f != "axis"})
    idea.full_clean(exclude=["support_count", "comment_count"], validate_constraints=False)
    return idea


@transaction.atomic
def submit_idea(actor, programme: Programme, values: Mapping, files: Iterable = ()) -> Idea:
    """A citizen's or association's online idea, accepted only while collection is open and within the
    account's ``ideas`` limit (``participation.limits``)."""
    require(actor, "cocreation.submit_idea", programme.collectivity)
    if not collection_is_open(programme):
        raise ValidationError(_("Idea collection is not open for this programme."))
    files = list(files)
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError(
            {
                "attachments": ngettext("At most %(n)d file.", "At most %(n)d files.", MAX_ATTACHMENTS)
                % {"n": MAX_ATTACHMENTS}
            }
        )
    kinds = [check_upload(upload) for upload in files]
    idea = _validated_idea(programme, values, author=actor, channel=Idea.Channel.ONLINE)
    with limits.reserve(actor, "ideas"):
        idea.save()
        for upload, kind in zip(files, kinds, strict=True):
            stored = without_metadata(upload, kind)
            IdeaAttachment.objects.create(idea=idea, file=stored, name=upload.name[:200], size=stored.size)
    return idea


def _checked_workshop(programme: Programme, channel: str, workshop) -> Meeting | None:
    if channel not in Idea.Channel.values or channel == Idea.Channel.ONLINE:
        raise ValidationError({"channel": _("Choose the channel the idea came through.")})
    if channel == Idea.Channel.WORKSHOP:
        if workshop is None:
            raise ValidationError({"workshop": _("Choose the workshop the idea came from.")})
        if workshop.programme_id != programme.pk or workshop.kind != Meeting.Kind.WORKSHOP:
            raise ValidationError({"workshop": _("Choose one of this programme's co-creation workshops.")})
        return workshop
    return None


def _field_errors(exc: ValidationError) -> list[ValidationError]:
    """A row's messages, each remembering its field (``.field``) so that pages can mark only that field."""
    named = exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]
    errors = []
    for field, messages in named:
        for message in messages:
            error = ValidationError(message)
            error.field = None if field == NON_FIELD_ERRORS else field
            errors.append(error)
    return errors


def recording_is_open(programme: Programme) -> bool:
    """Staff enter ideas until the end of triage."""
    return Phase.order(programme.phase) <= Phase.order(Phase.TRIAGE)


@transaction.atomic
def record_ideas(actor, programme: Programme, channel: str, rows: list[Mapping], workshop=None) -> list[Idea]:
    """Staff enter ideas from a workshop, paper forms, the front desk or SMS; all rows or none.

    Raises a ``ValidationError`` whose ``error_dict`` maps ``"row N"`` to that row's errors, each with its ``field``.
    """
    require(actor, "cocreation.record_ideas", programme.collectivity)
    if not recording_is_open(programme):
        raise ValidationError(_("Ideas can no longer be added once projects are being drafted."))
    workshop = _checked_workshop(programme, channel, workshop)
    ideas, errors = [], {}
    for number, row in enumerate(rows, start=1):
        try:
            ideas.append(
                _validated_idea(
                    programme,
                    row,
                    channel=channel,
                    workshop=workshop,
                    recorded_by=actor,
                    author_name=(row.get("author_name") or "")[:120],
                )
            )
        except ValidationError as exc:
            errors[_("row %(n)d") % {"n": number}] = _field_errors(exc)
    if errors:
        raise ValidationError(errors)
    if not ideas:
        raise ValidationError(_("There is no idea to record."))
    created = Idea.objects.bulk_create(ideas)
    audit.record(
        actor, "ideas.record", programme, collectivity=programme.collectivity, channel=channel, count=len(created)
    )
    return created


@transaction.atomic
def edit_idea(actor, idea: Idea, values: Mapping) -> Idea:
    """Authors may edit their idea until triage starts."""
    if not actor.is_authenticated or idea.author_id != actor.pk:
        raise PermissionDenied(_("Only the author can edit this idea."))
    if Phase.order(idea.programme.phase) >= Phase.order(Phase.TRIAGE) or idea.status != Idea.Status.SUBMITTED:
        raise ValidationError(_("Ideas can no longer be edited once triage has started."))
    updated = _validated_idea(idea.programme, values)
    for field in IDEA_FIELDS:
        setattr(idea, field, getattr(updated, field))
    idea.save()
    return idea
