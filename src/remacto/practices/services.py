"""Writes of the good-practice library: submission and correction by a member's focal point, review by the network
team (changes requested with a reason, publication, withdrawal), and "use as a template" into a programme.

Every service starts with the permission check, validates everything before the first write and runs in one
transaction: bad input saves nothing half-way. The submitter is told of each review decision in their language.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from remacto.accounts.selectors import network_admins
from remacto.cocreation.models import Phase, Programme
from remacto.cocreation.services.programmes import TITLE_LANGUAGES, save_axis
from remacto.cocreation.services.projects import create_project
from remacto.cocreation.uploads import check_upload, without_metadata
from remacto.core import audit
from remacto.core.permissions import require
from remacto.core.text import has_control_characters, language_of_script, normalise
from remacto.core.validators import clean_text
from remacto.notifications.services import notify, notify_many
from remacto.participation import limits

from .models import (
    SUMMARY_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Practice,
    PracticeAxis,
    PracticeDocument,
    PracticeProject,
    TemplateItem,
    TemplateUse,
)
from .selectors import template_is_open

MAX_AXES = 12
MAX_PROJECTS_PER_AXIS = 20
MAX_DOCUMENTS = 5
REASON_MIN = 10
PRINCIPLE_FIELDS = tuple(Practice.PRINCIPLE_FIELDS.values())
# Text fields: (name, max length, msgid when required, rich).
TEXT_FIELDS = (
    ("title", TITLE_MAX, gettext_noop("Give the practice a title."), False),
    ("summary", SUMMARY_MAX, gettext_noop("Sum the practice up in a few lines."), False),
    ("description", TEXT_MAX, gettext_noop("Describe what was done."), True),
    ("results", TEXT_MAX, "", True),
    ("contact_name", 120, gettext_noop("Name the person to contact."), False),
    ("contact_email", 254, "", False),
    ("contact_phone", 30, "", False),
)


@dataclass
class AxisOutline:
    """One axis of a structure being submitted, with its principles and project titles; ``languages`` gives the
    titles (of the axis and of its projects) known in several languages, each as its ``title_<lang>`` fields."""

    title: str
    projects: list[str] = field(default_factory=list)
    principles: dict[str, bool] = field(default_factory=dict)
    languages: dict[str, dict[str, str]] = field(default_factory=dict)


def _titles(obj) -> dict[str, str]:
    """The ``title_<lang>`` fields of ``obj`` (an axis or a project, of a programme or a practice) that are filled."""
    return {name: value for name in TITLE_LANGUAGES if (value := getattr(obj, name, "") or "")}


def _title_fields(title: str, languages: Mapping[str, dict[str, str]]) -> dict[str, str]:
    """The ``title_<lang>`` fields to store for ``title``: its known translations, else the language of its letters
    (a Latin title in the writer's French or English)."""
    if title in languages:
        return dict(languages[title])
    active = (translation.get_language() or "").split("-")[0]
    return {f"title_{language_of_script(title, active if active in ('fr', 'en') else 'fr')}": title}


def _control_characters() -> str:
    return _("This text holds a control character (such as NUL) that cannot be stored. Remove it.")


def parse_structure(text: str) -> list[AxisOutline]:
    """The structure as typed in the form: one axis per line, its projects below it on lines starting with "-"."""
    axes: list[AxisOutline] = []
    for n, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line[0] in "-*•":
            if not axes:
                raise ValidationError({"structure": _("Line %(n)d: write an axis before its projects.") % {"n": n}})
            axes[-1].projects.append(line.lstrip("-*• ").strip())
        else:
            axes.append(AxisOutline(title=line))
    return axes


def structure_of_programme(programme: Programme) -> list[AxisOutline]:
    """A programme's axes (with their principles) and project titles, as a practice's structure."""
    projects: dict[int, list[str]] = {}
    shown = list(programme.projects.filter(is_hidden=False).order_by("order", "pk"))
    for project in shown:
        projects.setdefault(project.axis_id, []).append(project.title)
    languages = {project.title: _titles(project) for project in shown}
    return [
        AxisOutline(
            title=axis.title,
            projects=projects.get(axis.pk, []),
            principles={name: getattr(axis, name) for name in PRINCIPLE_FIELDS},
            languages={**languages, axis.title: _titles(axis)},
        )
        for axis in programme.axes.all()
    ]


def _clean_structure(structure: Sequence[AxisOutline]) -> list[AxisOutline]:
    if len(structure) > MAX_AXES:
        raise ValidationError({"structure": _("At most %(n)d axes.") % {"n": MAX_AXES}})
    cleaned = []
    for axis in structure:
        title = clean_text(axis.title, "structure", max_length=TITLE_MAX, empty=gettext_noop("Give each axis a title."))
        if len(axis.projects) > MAX_PROJECTS_PER_AXIS:
            raise ValidationError({"structure": _("At most %(n)d projects per axis.") % {"n": MAX_PROJECTS_PER_AXIS}})
        projects = [
            clean_text(p, "structure", max_length=300, empty=gettext_noop("Give each project a title."))
            for p in axis.projects
        ]
        languages = {text: _clean_languages(axis.languages.get(text, {})) for text in (title, *projects)}
        languages = {text: fields for text, fields in languages.items() if fields}
        cleaned.append(
            AxisOutline(title=title, projects=projects, principles=dict(axis.principles), languages=languages)
        )
    return cleaned


def _clean_languages(fields: Mapping[str, str]) -> dict[str, str]:
    """Titles in other languages copied from a programme, checked like the title itself."""
    return {
        name: clean_text(value, "structure", max_length=TITLE_MAX)
        for name, value in fields.items()
        if name in TITLE_LANGUAGES and value
    }


def _date(value, name: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError({name: _("Enter a valid date.")}) from None


def clean_values(values: Mapping) -> dict:
    """The practice's fields checked: required texts, lengths, control characters, email, dates in order."""
    cleaned: dict = {}
    for name, max_length, empty, rich in TEXT_FIELDS:
        cleaned[name] = clean_text(values.get(name), name, max_length=max_length, empty=empty, rich=rich)
    if cleaned["contact_email"]:
        try:
            validate_email(cleaned["contact_email"])
        except ValidationError:
            raise ValidationError({"contact_email": _("Enter a valid email address.")}) from None
    cleaned["started_on"] = _date(values.get("started_on"), "started_on")
    cleaned["ended_on"] = _date(values.get("ended_on"), "ended_on")
    if cleaned["started_on"] and cleaned["ended_on"] and cleaned["ended_on"] < cleaned["started_on"]:
        raise ValidationError({"ended_on": _("The end date is before the start date.")})
    for name in PRINCIPLE_FIELDS:
        cleaned[name] = bool(values.get(name))
    return cleaned


def _checked_documents(practice: Practice | None, documents: Iterable[tuple[str, object]]) -> list[tuple]:
    """Each (title, file) checked (size, type from the content, picture size) before anything is written."""
    documents = list(documents)
    already = practice.documents.count() if practice and practice.pk else 0
    if already + len(documents) > MAX_DOCUMENTS:
        raise ValidationError({"documents": _("At most %(n)d documents per practice.") % {"n": MAX_DOCUMENTS}})
    checked = []
    for title, upload in documents:
        title = clean_text(title or getattr(upload, "name", ""), "documents", max_length=TITLE_MAX)
        if has_control_characters(getattr(upload, "name", "") or ""):
            raise ValidationError({"documents": _control_characters()})
        try:
            kind = check_upload(upload)
        except ValidationError as exc:
            raise ValidationError({"documents": exc.message_dict["attachments"]}) from exc
        checked.append((title, upload, kind))
    return checked


def _known_languages(practice: Practice) -> dict[str, dict[str, str]]:
    """The titles of ``practice``'s current structure in each language, by each of their texts: a structure typed
    again in one language keeps the translations of the titles it did not change."""
    known: dict[str, dict[str, str]] = {}
    for axis in practice.axes.prefetch_related("projects"):
        for obj in (axis, *axis.projects.all()):
            titles = _titles(obj)
            for text in titles.values():
                known.setdefault(text, titles)
    return known


def _save_children(practice: Practice, structure: list[AxisOutline] | None, documents: list[tuple]) -> None:
    if structure is not None:
        known = _known_languages(practice)
        practice.axes.all().delete()
        for n, outline in enumerate(structure, start=1):
            languages = {**known, **outline.languages}
            axis = PracticeAxis.objects.create(
                practice=practice, order=n, **_title_fields(outline.title, languages), **outline.principles
            )
            PracticeProject.objects.bulk_create(
                PracticeProject(axis=axis, order=m, **_title_fields(title, languages))
                for m, title in enumerate(outline.projects, start=1)
            )
    for title, upload, kind in documents:
        PracticeDocument.objects.create(practice=practice, title=title, file=without_metadata(upload, kind))
    practice.refresh_search_text()
    practice.save(update_fields=["search_text"])


def _structure_from(collectivity, structure, source_programme) -> list[AxisOutline] | None:
    if source_programme is not None and source_programme.collectivity_id != collectivity.pk:
        raise ValidationError({"source_programme": _("Choose one of your collectivity's programmes.")})
    if not structure and source_programme is not None:
        structure = structure_of_programme(source_programme)
    return None if structure is None else _clean_structure(structure)


@transaction.atomic
def submit_practice(
    actor,
    collectivity,
    values: Mapping,
    *,
    structure: Sequence[AxisOutline] | None = None,
    source_programme: Programme | None = None,
    documents: Iterable[tuple[str, object]] = (),
) -> Practice:
    """A focal point submits a practice of their member collectivity for the network team's review.

    The structure is given, or copied from ``source_programme`` (one of the collectivity's programmes). Counted
    against the account's ``practices`` limit."""
    require(actor, "practices.submit", collectivity)
    cleaned = clean_values(values)
    outline = _structure_from(collectivity, structure, source_programme) or []
    checked = _checked_documents(None, documents)
    with limits.reserve(actor, "practices"):
        practice = Practice.objects.create(
            collectivity=collectivity, submitted_by=actor, source_programme=source_programme, **cleaned
        )
        _save_children(practice, outline, checked)
    audit.record(actor, "practice.submit", practice, collectivity=collectivity)
    notify_many(
        network_admins(),
        kind="practice_submitted",
        message=gettext_noop("A good practice awaits review: %(title)s"),
        params={"title": practice.title},
        url=practice.get_absolute_url(),
        collectivity=collectivity,
    )
    return practice


@transaction.atomic
def update_practice(
    actor,
    practice: Practice,
    values: Mapping,
    *,
    structure: Sequence[AxisOutline] | None = None,
    documents: Iterable[tuple[str, object]] = (),
) -> Practice:
    """The submitter's focal points correct the practice; it goes back to the network team's review queue.

    A published practice is corrected too, and stays hidden until it is published again."""
    require(actor, "practices.edit", practice)
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    cleaned = clean_values(values)
    outline = None if structure is None else _clean_structure(structure)
    checked = _checked_documents(practice, documents)
    for name, value in cleaned.items():
        setattr(practice, name, value)
    practice.status = Practice.Status.SUBMITTED
    practice.save()
    _save_children(practice, outline, checked)
    audit.record(actor, "practice.update", practice, collectivity=practice.collectivity)
    return practice


def _reason(reason: str) -> str:
    text = clean_text(reason, "reason", max_length=1000, empty=gettext_noop("Give the reason."))
    if len(text) < REASON_MIN:
        raise ValidationError({"reason": _("Give the reason (at least %(n)d characters).") % {"n": REASON_MIN}})
    return text


def _tell_submitter(practice: Practice, message: str, **params) -> None:
    notify(
        practice.submitted_by,
        kind="practice_review",
        message=message,
        params={"title": practice.title, **params},
        url=practice.get_absolute_url(),
        collectivity=practice.collectivity,
    )


def _locked(actor, practice: Practice, allowed: Iterable[str]) -> Practice:
    require(actor, "practices.review", practice)
    practice = Practice.objects.select_for_update(of=("self",)).select_related("submitted_by").get(pk=practice.pk)
    if practice.status not in allowed:
        raise ValidationError(
            _("This practice is “%(status)s”: this step does not apply.") % {"status": practice.get_status_display()}
        )
    return practice


# A decision that sends a practice back, with a reason: from which status, to which, its audit action and message.
SEND_BACK = {
    "changes": (
        Practice.Status.SUBMITTED,
        Practice.Status.CHANGES,
        gettext_noop("Changes are requested on your practice %(title)s: %(reason)s"),
    ),
    "unpublish": (
        Practice.Status.PUBLISHED,
        Practice.Status.UNPUBLISHED,
        gettext_noop("Your practice %(title)s was withdrawn from the library: %(reason)s"),
    ),
}


def _send_back(actor, practice: Practice, reason: str, decision: str) -> Practice:
    """Apply the ``decision`` of :data:`SEND_BACK` with the reason, logged and told to the submitter."""
    allowed, status, message = SEND_BACK[decision]
    practice = _locked(actor, practice, (allowed,))
    practice.review_note = _reason(reason)
    practice.status = status
    practice.save(update_fields=["review_note", "status", "updated_at"])
    audit.record(
        actor, f"practice.{decision}", practice, collectivity=practice.collectivity, reason=practice.review_note
    )
    _tell_submitter(practice, message, reason=practice.review_note)
    return practice


@transaction.atomic
def request_changes(actor, practice: Practice, reason: str) -> Practice:
    """The network team sends a submitted practice back to its submitter with the reason."""
    return _send_back(actor, practice, reason, "changes")


@transaction.atomic
def publish(actor, practice: Practice) -> Practice:
    """The network team publishes a submitted (or withdrawn) practice in the library."""
    practice = _locked(actor, practice, (Practice.Status.SUBMITTED, Practice.Status.UNPUBLISHED))
    practice.status = Practice.Status.PUBLISHED
    practice.review_note = ""
    practice.published_at = timezone.now()
    practice.save(update_fields=["status", "review_note", "published_at", "updated_at"])
    audit.record(actor, "practice.publish", practice, collectivity=practice.collectivity)
    _tell_submitter(practice, gettext_noop("Your practice %(title)s is published in the network's library."))
    return practice


@transaction.atomic
def unpublish(actor, practice: Practice, reason: str) -> Practice:
    """The network team withdraws a published practice from the library, with the reason."""
    return _send_back(actor, practice, reason, "unpublish")


@transaction.atomic
def use_as_template(actor, practice: Practice, programme: Programme) -> TemplateUse:
    """Copy a published practice's axes and projects into a programme of the actor's collectivity.

    Axes are added while the programme's axes are still open (up to idea collection); an axis the programme
    already has under the same name (spelling folded) is reused. Projects become draft projects during drafting,
    and project outlines, kept for the drafting phase, before it. Every item keeps its link to the practice. A
    programme past drafting is refused and nothing is saved."""
    require(actor, "practices.use_template", programme.collectivity)
    practice = Practice.objects.get(pk=practice.pk)
    if not practice.is_published:
        raise ValidationError(_("Only published practices can be used as templates."))
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if not template_is_open(programme):
        raise ValidationError(
            _(
                "This programme is past drafting (it is at “%(phase)s”): a practice can only be used as a template "
                "for a programme that is still being drafted."
            )
            % {"phase": programme.get_phase_display()}
        )
    if TemplateUse.objects.filter(practice=practice, programme=programme).exists():
        raise ValidationError(_("This practice was already used as a template for this programme."))
    use = TemplateUse.objects.create(practice=practice, programme=programme, used_by=actor)
    existing = {normalise(title): axis for axis in programme.axes.all() for title in _titles(axis).values()}
    axes_open = Phase.order(programme.phase) <= Phase.order(Phase.IDEAS)
    drafting = programme.phase == Phase.DRAFTING
    next_order = max((axis.order for axis in existing.values()), default=0) + 1
    items = []
    for source in practice.axes.prefetch_related("projects"):
        principles = {name: getattr(source, name) for name in PRINCIPLE_FIELDS}
        titles = _titles(source)
        axis = next((existing[normalise(t)] for t in titles.values() if normalise(t) in existing), None)
        if axis is None and axes_open:
            axis = save_axis(actor, programme, order=next_order, **titles, **principles)
            existing.update((normalise(t), axis) for t in titles.values())
            next_order += 1
            items.append(TemplateItem(use=use, axis=axis))
        for project in source.projects.all():
            if drafting and axis is not None:
                # no budget: a practice carries no figure, the draft says "to be estimated" rather than 0 MAD
                values = {"axis": axis, **_titles(project), **principles}
                items.append(TemplateItem(use=use, axis=axis, project=create_project(actor, programme, values)))
            else:
                items.append(TemplateItem(use=use, axis=axis, outline=project.title))
    TemplateItem.objects.bulk_create(items)
    audit.record(actor, "practice.template", programme, collectivity=programme.collectivity, practice=practice.title)
    return use
