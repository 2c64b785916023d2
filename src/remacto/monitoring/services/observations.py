"""Residents' observations of projects under way, and the responsible unit's public answers.

Any signed-in person observes a project of an adopted programme (text, optional photo, place and position in
Morocco), within the account's ``observations`` limit (``participation.limits``: a slot is reserved before the
write, atomically, and given back when the write fails). Observations are participation targets: reported,
hidden and restored by moderation like every contribution. The focal point, the staff assigned to the project
and network admins answer publicly; the answer may be edited (audited each time) and the author is told.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from remacto.cocreation.models import Phase, Project
from remacto.cocreation.uploads import check_upload, sniff, without_metadata
from remacto.core import audit
from remacto.core.permissions import require
from remacto.core.validators import clean_text
from remacto.notifications.services import language_of, notify
from remacto.participation import limits

from ..models import Observation

OBSERVE = "monitoring.observe"
ANSWER = "monitoring.answer_observations"
TEXT_MAX_LENGTH = 2000
PLACE_MAX_LENGTH = Observation._meta.get_field("place").max_length
OBSERVED_PHASES = (Phase.IMPLEMENTATION, Phase.EVALUATION, Phase.CLOSED)

# Morocco, its southern provinces included, with a little margin.
BOUNDS = {"latitude": (Decimal("20.5"), Decimal("36.1")), "longitude": (Decimal("-17.5"), Decimal("-0.9"))}
PHOTO_NAMES = {"jpeg": "observation.jpg", "png": "observation.png"}


def observable(project: Project) -> bool:
    """Observations are open on the projects of an adopted programme, unless the project was cancelled."""
    return project.programme.phase in OBSERVED_PHASES and project.status != Project.Status.CANCELLED


def can_observe(user, project: Project) -> bool:
    return user.is_authenticated and user.has_perm(OBSERVE, project.programme.collectivity) and observable(project)


def can_answer(user, project: Project) -> bool:
    return user.is_authenticated and user.has_perm(ANSWER, project)


def _coordinate(value, field: str) -> Decimal | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation as exc:
        raise ValidationError({field: _("Write the position as a number, for example 32.23917.")}) from exc
    low, high = BOUNDS[field]
    if not number.is_finite() or not low <= number <= high:
        raise ValidationError({field: _("This position is outside Morocco.")})
    return number.quantize(Decimal("0.00001"))


def _coordinates(latitude, longitude) -> tuple[Decimal | None, Decimal | None]:
    lat, lon = _coordinate(latitude, "latitude"), _coordinate(longitude, "longitude")
    if (lat is None) != (lon is None):
        raise ValidationError(
            {"longitude" if lon is None else "latitude": _("Give both the latitude and the longitude, or neither.")}
        )
    return lat, lon


def _photo_kind(photo) -> str | None:
    if not photo:
        return None
    if sniff(photo) not in PHOTO_NAMES:
        raise ValidationError({"photo": _("“%(name)s” is not a photo (JPEG or PNG).") % {"name": photo.name}})
    try:
        return check_upload(photo, allowed=("png", "jpeg"))
    except ValidationError as exc:
        raise ValidationError({"photo": exc.messages}) from exc


@transaction.atomic
def post_observation(
    actor, project: Project, *, text: str, photo=None, place: str = "", latitude=None, longitude=None
) -> Observation:
    """A resident's observation of ``project``; the photo, if any, is stored re-encoded without metadata."""
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied(_("Sign in to take part."))
    require(actor, OBSERVE, project.programme.collectivity)
    if not observable(project):
        raise ValidationError(_("This project cannot be observed: its programme is not being implemented."))
    observation = Observation(
        project=project,
        author=actor,
        text=clean_text(
            text, "text", empty=gettext_noop("Write what you saw on the ground."), max_length=TEXT_MAX_LENGTH
        ),
        place=clean_text(place, "place", max_length=PLACE_MAX_LENGTH),
    )
    observation.latitude, observation.longitude = _coordinates(latitude, longitude)
    kind = _photo_kind(photo)
    with limits.reserve(actor, "observations"):
        if kind is not None:
            stored = without_metadata(photo, kind)
            observation.photo.save(PHOTO_NAMES[kind], stored, save=False)
        observation.save()
    return observation


ANSWERED = gettext_noop("The responsible unit answered your observation on the project “%(project)s”.")
ANSWER_CHANGED = gettext_noop("The answer to your observation on the project “%(project)s” was changed.")


@transaction.atomic
def answer_observation(actor, observation: Observation, answer: str) -> Observation:
    """Publish (or edit) the responsible unit's answer; audited, and the author is told in their language."""
    project = observation.project
    require(actor, ANSWER, project)
    locked = Observation.objects.select_for_update().get(pk=observation.pk)
    if locked.is_hidden:
        raise ValidationError(_("This content was hidden by moderation."), code="hidden")
    text = clean_text(answer, "answer", empty=gettext_noop("Write the answer."), max_length=TEXT_MAX_LENGTH)
    edited = bool(locked.answer)
    if edited and text == locked.answer:
        return locked
    locked.answer, locked.answered_by, locked.answered_at = text, actor, timezone.now()
    locked.save(update_fields=["answer", "answered_by", "answered_at", "updated_at"])
    collectivity = project.programme.collectivity
    audit.record(actor, "observation.answer", project, collectivity=collectivity, observation=locked.pk, edited=edited)
    author = locked.author
    if author is not None and author.pk != actor.pk:
        with translation.override(language_of(author)):
            url = locked.get_absolute_url()
        notify(
            author,
            kind="monitoring.observation_answered",
            message=ANSWER_CHANGED if edited else ANSWERED,
            params={"project": project.title},
            url=url,
            collectivity=collectivity,
        )
    return locked
