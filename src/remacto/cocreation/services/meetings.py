"""Meetings and workshops, registrations and attendance, and the follow-up committee's composition."""

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from remacto.core import audit
from remacto.core.permissions import require

from ..models import CommitteeMember, Meeting, MeetingPhoto, MeetingRegistration, Programme
from ..uploads import check_upload, without_metadata
from .programmes import TITLE_LANGUAGES

MANAGE = "cocreation.manage_programme"
MEETING_FIELDS = (
    "kind",
    "title",
    *TITLE_LANGUAGES,
    "starts_at",
    "ends_at",
    "place",
    "axis",
    "agenda",
    "facilitators",
    "registration_open",
    "capacity",
    "minutes",
)


@transaction.atomic
def save_meeting(actor, programme: Programme, values: Mapping, meeting: Meeting | None = None) -> Meeting:
    """Create or edit a meeting of the programme."""
    require(actor, MANAGE, programme.collectivity)
    meeting = meeting or Meeting(programme=programme)
    if meeting.programme_id != programme.pk:
        raise PermissionDenied(_("This meeting belongs to another programme."))
    for field in MEETING_FIELDS:
        if field in values:
            setattr(meeting, field, values[field])
    if meeting.axis_id and meeting.axis.programme_id != programme.pk:
        raise ValidationError({"axis": _("Choose one of the programme's axes.")})
    if meeting.starts_at and meeting.ends_at and meeting.ends_at < meeting.starts_at:
        raise ValidationError({"ends_at": _("The end is before the start.")})
    meeting.full_clean(validate_constraints=False)
    meeting.save()
    audit.record(actor, "meeting.save", meeting, collectivity=programme.collectivity, kind=meeting.kind)
    return meeting


@transaction.atomic
def record_attendance(actor, meeting: Meeting, counts: Mapping[str, int]) -> Meeting:
    """Attendance by gender and, when known, by age band (the bands must add up to the total)."""
    require(actor, MANAGE, meeting.programme.collectivity)
    fields = ("attendees_women", "attendees_men", *Meeting.AGE_FIELDS)
    values = {}
    for field in fields:
        value = counts.get(field) or 0
        if not isinstance(value, int) or value < 0:
            raise ValidationError({field: _("Enter a whole number, zero or more.")})
        values[field] = value
    total = values["attendees_women"] + values["attendees_men"]
    by_age = sum(values[f] for f in Meeting.AGE_FIELDS)
    if by_age and by_age != total:
        raise ValidationError(
            {
                "attendees_under_18": _("The age bands add up to %(age)d but %(total)d people attended.")
                % {"age": by_age, "total": total}
            }
        )
    for field, value in values.items():
        setattr(meeting, field, value)
    meeting.save(update_fields=[*fields, "updated_at"])
    audit.record(actor, "meeting.attendance", meeting, collectivity=meeting.programme.collectivity, total=total)
    return meeting


@transaction.atomic
def register(actor, meeting: Meeting) -> MeetingRegistration:
    """A signed-in person registers for a meeting that takes registrations and has room left."""
    if not actor.is_authenticated:
        raise PermissionDenied(_("Sign in to register."))
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not meeting.registration_open:
        raise ValidationError(_("Registration is not open for this meeting."))
    if meeting.capacity is not None and meeting.registrations.count() >= meeting.capacity:
        raise ValidationError(_("This meeting is full."))
    try:
        with transaction.atomic():
            return MeetingRegistration.objects.create(meeting=meeting, user=actor)
    except IntegrityError as exc:
        raise ValidationError(_("You are already registered.")) from exc


def unregister(actor, meeting: Meeting) -> None:
    """Cancel one's own registration (nothing happens when there was none)."""
    if actor.is_authenticated:
        MeetingRegistration.objects.filter(meeting=meeting, user=actor).delete()


@transaction.atomic
def add_photo(actor, meeting: Meeting, image, caption: str) -> MeetingPhoto:
    """Add a photo (JPEG or PNG, at most 5 MB and 40 megapixels) with a caption; stored without its metadata."""
    require(actor, MANAGE, meeting.programme.collectivity)
    kind = check_upload(image, allowed=("png", "jpeg"))
    photo = MeetingPhoto(meeting=meeting, image=without_metadata(image, kind), caption=caption.strip())
    photo.full_clean()
    photo.save()
    return photo


@transaction.atomic
def save_committee_member(
    actor, programme: Programme, values: Mapping, member: CommitteeMember | None = None
) -> CommitteeMember:
    """Add or edit a seat of the follow-up committee (elected official or civil-society representative)."""
    require(actor, MANAGE, programme.collectivity)
    member = member or CommitteeMember(programme=programme)
    if member.programme_id != programme.pk:
        raise PermissionDenied(_("This member belongs to another programme."))
    for field in ("user", "name", "kind", "affiliation", "is_chair"):
        if field in values:
            setattr(member, field, values[field])
    member.full_clean()
    member.save()
    audit.record(actor, "committee.save", member, collectivity=programme.collectivity, kind=member.kind)
    return member


@transaction.atomic
def record_committee_attendance(actor, meeting: Meeting, members) -> None:
    """Which committee members attended a committee meeting."""
    require(actor, MANAGE, meeting.programme.collectivity)
    if meeting.kind != Meeting.Kind.COMMITTEE:
        raise ValidationError(_("Only committee meetings have committee attendees."))
    members = list(members)
    if any(m.programme_id != meeting.programme_id for m in members):
        raise ValidationError(_("Choose members of this programme's committee."))
    meeting.committee_attendees.set(members)
