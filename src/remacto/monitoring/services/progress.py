"""Progress of an adopted project: dated updates (physical progress, narrative, photos, documents) posted with the
activities' status changes and the indicators' measurements of the same report.

Every update is a new record: nothing here edits or deletes one (a correction is a new update). The project's
``progress`` and ``status`` follow its latest update. Everything a report holds is checked before anything is
written, then written in one transaction with its audit entry: a refused report leaves nothing behind.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from remacto.cocreation.models import Activity, Indicator, Programme, Project
from remacto.cocreation.uploads import MAX_UPLOAD_BYTES, check_upload, sniff, without_metadata
from remacto.core import audit
from remacto.core.permissions import require
from remacto.core.validators import require_visible

from ..models import ActivityStatus, IndicatorValue, ProgressUpdate, UpdateDocument, UpdatePhoto

POST = "monitoring.post_update"
MAX_PHOTOS = 6
MAX_DOCUMENTS = 4
VALUE_LIMIT = Decimal("1e12")  # IndicatorValue.value has 14 digits, 2 of them decimals


def can_post(user, project: Project) -> bool:
    """Whether ``user`` may post the progress of ``project`` (its collectivity's focal point, the staff assigned
    to it, network admins)."""
    return bool(user and user.is_authenticated and user.has_perm(POST, project))


def closed_reason(project: Project) -> str:
    """Why the progress of ``project`` cannot be reported now, or ``""`` when it can: its programme must be
    adopted and the project not cancelled."""
    if not project.programme.is_adopted:
        return _("Progress is reported once the programme is adopted by the council.")
    if project.status == Project.Status.CANCELLED:
        return _("This project is cancelled: its progress is no longer reported.")
    return ""


def date_problem(programme: Programme, day: datetime.date | None, today: datetime.date) -> str:
    """Why ``day`` cannot be the date of a report on ``programme``: in the future or outside its implementation
    period (when set); ``""`` when it can."""
    if day is None:
        return ""
    if day > today:
        return _("This date is in the future.")
    start, end = programme.implementation_start, programme.implementation_end
    if (start and day < start) or (end and day > end):
        return _("This date is outside the programme's implementation period (%(start)s – %(end)s).") % {
            "start": date_format(start, "DATE_FORMAT") if start else "…",
            "end": date_format(end, "DATE_FORMAT") if end else "…",
        }
    return ""


@dataclass
class _Report:
    """A checked report, ready to be written."""

    reported_on: datetime.date
    progress: int
    narrative: str
    decrease_reason: str
    statuses: list[ActivityStatus]
    values: list[IndicatorValue]
    photos: list[tuple[object, str]]
    documents: list[object]


def latest_update(project: Project) -> ProgressUpdate | None:
    """The update that describes the project's current state (latest situation date, then latest posted)."""
    return project.progress_updates.order_by("-reported_on", "-id").first()


def _progress(value) -> int:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, TypeError, ValueError):
        number = None
    if number is None or not number.is_finite() or number != number.to_integral_value() or not 0 <= number <= 100:
        raise ValidationError({"progress": _("Give the physical progress as a whole number between 0 and 100.")})
    return int(number)


def _date(errors: dict, key: str, value, programme: Programme, today: datetime.date) -> datetime.date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, datetime.date):
        try:
            value = datetime.date.fromisoformat(str(value))
        except ValueError:
            errors.setdefault(key, []).append(_("Enter a valid date."))
            return None
    problem = date_problem(programme, value, today)
    if problem:
        errors.setdefault(key, []).append(problem)
    return value


def _check_header(project: Project, values: Mapping, previous, today: datetime.date) -> tuple:
    errors: dict[str, list[str]] = {}
    programme = project.programme
    reported_on = _date(errors, "reported_on", values.get("reported_on"), programme, today)
    if reported_on is None and "reported_on" not in errors:
        errors["reported_on"] = [_("Give the date of the situation described.")]
    if reported_on and previous and reported_on < previous.reported_on and "reported_on" not in errors:
        errors["reported_on"] = [
            _("The latest update describes the situation on %(date)s; a new one cannot describe an earlier date.")
            % {"date": date_format(previous.reported_on, "DATE_FORMAT")}
        ]
    try:
        progress = _progress(values.get("progress"))
    except ValidationError as exc:
        errors.update(exc.message_dict)
        progress = None
    narrative = (values.get("narrative") or "").strip()
    decrease_reason = (values.get("decrease_reason") or "").strip()
    if not narrative:
        errors["narrative"] = [_("Say what was done since the last update.")]
    elif len(narrative) > 4000:
        errors["narrative"] = [_("At most %(n)d characters.") % {"n": 4000}]
    if len(decrease_reason) > 500:
        errors["decrease_reason"] = [_("At most %(n)d characters.") % {"n": 500}]
    if progress is not None and previous and progress < previous.progress and not decrease_reason:
        errors["decrease_reason"] = [
            _("Progress is lower than in the previous update (%(previous)d%%): say why.")
            % {"previous": previous.progress}
        ]
    if errors:
        raise ValidationError(errors)
    require_visible({"narrative": narrative, "decrease_reason": decrease_reason})
    return reported_on, progress, narrative, decrease_reason


def _by_id(rows: Mapping[int, object], item, label: str):
    """The row among the project's ``rows`` (by id) given as an instance or an id; ``ValidationError`` otherwise."""
    pk = getattr(item, "pk", item)
    found = rows.get(int(pk)) if str(pk).isdigit() else None
    if found is None:
        raise ValidationError(label)
    return found


def _refuse_item(key: str, errors: dict[str, list[str]], sentence: str, names: dict[str, str]) -> None:
    """Every error of one activity or indicator row, each as ``sentence`` naming the row (``names``), under
    ``key``."""
    if errors:
        messages = [m for field_errors in errors.values() for m in field_errors]
        raise ValidationError({key: [sentence % {**names, "error": message} for message in messages]})


def _check_statuses(project: Project, changes: Iterable[Mapping], today: datetime.date) -> list[ActivityStatus]:
    rows, seen = [], set()
    activities = {a.pk: a for a in Activity.objects.filter(project=project)}
    for change in changes:
        errors: dict[str, list[str]] = {}
        activity = _by_id(activities, change.get("activity"), _("Choose one of the project's activities."))
        if activity.pk in seen:
            raise ValidationError(
                {"activities": _("The activity “%(title)s” is given twice.") % {"title": activity.title}}
            )
        seen.add(activity.pk)
        status = change.get("status")
        if status not in ActivityStatus.Status.values:
            errors["status"] = [_("Choose a status from the list.")]
        started_on = _date(errors, "started_on", change.get("started_on"), project.programme, today)
        finished_on = _date(errors, "finished_on", change.get("finished_on"), project.programme, today)
        if started_on and finished_on and finished_on < started_on:
            errors.setdefault("finished_on", []).append(_("The end date is before the start date."))
        if status == ActivityStatus.Status.DONE and not finished_on and "finished_on" not in errors:
            errors["finished_on"] = [_("Give the date the activity ended.")]
        note = (change.get("note") or "").strip()
        if len(note) > 500:
            errors["note"] = [_("At most %(n)d characters.") % {"n": 500}]
        _refuse_item("activities", errors, _("Activity “%(title)s”: %(error)s"), {"title": activity.title})
        rows.append(
            ActivityStatus(activity=activity, status=status, started_on=started_on, finished_on=finished_on, note=note)
        )
    return rows


def _value(value) -> Decimal | None:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, TypeError, ValueError):
        return None
    if not number.is_finite() or abs(number) >= VALUE_LIMIT:
        return None
    return number.quantize(Decimal("0.01"))


def _check_values(project: Project, measures: Iterable[Mapping], today: datetime.date) -> list[IndicatorValue]:
    rows = []
    indicators = {i.pk: i for i in Indicator.objects.filter(project=project)}
    for measure in measures:
        errors: dict[str, list[str]] = {}
        indicator = _by_id(indicators, measure.get("indicator"), _("Choose one of the project's indicators."))
        measured_on = _date(errors, "measured_on", measure.get("measured_on"), project.programme, today)
        if measured_on is None and "measured_on" not in errors:
            errors["measured_on"] = [_("Give the date of the measurement.")]
        value = _value(measure.get("value"))
        if value is None:
            errors["value"] = [_("Give the value as a number.")]
        source = (measure.get("source") or "").strip()
        if len(source) > 300:
            errors["source"] = [_("At most %(n)d characters.") % {"n": 300}]
        _refuse_item("indicators", errors, _("Indicator “%(name)s”: %(error)s"), {"name": indicator.name})
        rows.append(IndicatorValue(indicator=indicator, measured_on=measured_on, value=value, source=source))
    return rows


def _check_photos(files: Sequence) -> list[tuple[object, str]]:
    files = [f for f in files if f]
    if len(files) > MAX_PHOTOS:
        raise ValidationError(
            {"photos": ngettext("At most %(n)d photo.", "At most %(n)d photos.", MAX_PHOTOS) % {"n": MAX_PHOTOS}}
        )
    checked = []
    for upload in files:
        not_a_photo = _("“%(name)s” is not a JPEG or PNG photo.") % {"name": upload.name}
        if upload.size <= MAX_UPLOAD_BYTES and sniff(upload) not in ("png", "jpeg"):
            raise ValidationError({"photos": not_a_photo})
        try:
            kind = check_upload(upload, allowed=("png", "jpeg"))
            checked.append((without_metadata(upload, kind), kind))
        except ValidationError as exc:
            errors = exc.error_dict.get("attachments", []) if hasattr(exc, "error_dict") else exc.error_list
            kept = [e for e in errors if e.code in ("too_large", "too_many_pixels")]
            raise ValidationError({"photos": kept[0].messages if kept else not_a_photo}) from exc
    return checked


def _check_documents(files: Sequence) -> list[object]:
    files = [f for f in files if f]
    if len(files) > MAX_DOCUMENTS:
        raise ValidationError({"documents": _("At most %(n)d documents.") % {"n": MAX_DOCUMENTS}})
    for upload in files:
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError({"documents": _("“%(name)s” is larger than 5 MB.") % {"name": upload.name}})
        if sniff(upload) != "pdf":
            raise ValidationError({"documents": _("“%(name)s” is not a PDF document.") % {"name": upload.name}})
    return files


def check_update(
    project: Project,
    values: Mapping,
    *,
    activity_changes: Iterable[Mapping] = (),
    indicator_values: Iterable[Mapping] = (),
    photos: Sequence = (),
    documents: Sequence = (),
    completed: bool = False,
    today: datetime.date | None = None,
) -> _Report:
    """Check a report on ``project`` without writing anything; ``ValidationError`` keyed by field otherwise."""
    today = today or timezone.localdate()
    reason = closed_reason(project)
    if reason:
        raise ValidationError(reason)
    previous = latest_update(project)
    reported_on, progress, narrative, decrease_reason = _check_header(project, values, previous, today)
    if completed and progress != 100:
        raise ValidationError({"completed": _("A project is marked completed only at 100% physical progress.")})
    return _Report(
        reported_on=reported_on,
        progress=progress,
        narrative=narrative,
        decrease_reason=decrease_reason,
        statuses=_check_statuses(project, activity_changes, today),
        values=_check_values(project, indicator_values, today),
        photos=_check_photos(photos),
        documents=_check_documents(documents),
    )


@transaction.atomic
def post_update(
    actor,
    project: Project,
    values: Mapping,
    *,
    activity_changes: Iterable[Mapping] = (),
    indicator_values: Iterable[Mapping] = (),
    photos: Sequence = (),
    documents: Sequence = (),
    completed: bool = False,
    today: datetime.date | None = None,
) -> ProgressUpdate:
    """Post a progress update of ``project`` by ``actor``.

    ``values`` holds ``reported_on`` (the date of the situation described), ``progress`` (0 to 100),
    ``narrative`` and, when progress is lower than in the latest update, ``decrease_reason``.
    ``activity_changes`` are ``{activity, status, started_on, finished_on, note}``; ``indicator_values`` are
    ``{indicator, measured_on, value, source}``; ``photos`` (JPEG, PNG: stored re-encoded without their metadata)
    and ``documents`` (PDF) are uploads. ``completed`` marks the project completed (only at 100%).
    """
    require(actor, POST, project)
    project = Project.objects.select_for_update().select_related("programme").get(pk=project.pk)
    report = check_update(
        project,
        values,
        activity_changes=activity_changes,
        indicator_values=indicator_values,
        photos=photos,
        documents=documents,
        completed=completed,
        today=today,
    )
    update = ProgressUpdate.objects.create(
        project=project,
        reported_on=report.reported_on,
        progress=report.progress,
        narrative=report.narrative,
        decrease_reason=report.decrease_reason,
        author=actor,
    )
    for row in report.statuses:
        row.update, row.recorded_by = update, actor
    ActivityStatus.objects.bulk_create(report.statuses)
    for row in report.values:
        row.update, row.recorded_by = update, actor
    IndicatorValue.objects.bulk_create(report.values)
    for n, (stored, kind) in enumerate(report.photos, start=1):
        stored.name = f"update-{update.pk}-{n}.{'png' if kind == 'png' else 'jpg'}"
        UpdatePhoto.objects.create(update=update, image=stored)
    for n, upload in enumerate(report.documents, start=1):
        name = (getattr(upload, "name", "") or f"document-{n}.pdf")[:200]
        upload.name = f"update-{update.pk}-{n}.pdf"
        UpdateDocument.objects.create(update=update, file=upload, name=name)
    before = {"progress": project.progress, "status": project.status}
    project.progress = report.progress
    project.status = Project.Status.COMPLETED if completed else Project.Status.IN_PROGRESS
    project.save(update_fields=["progress", "status", "updated_at"])
    audit.record(
        actor,
        "progress.post",
        project,
        collectivity=project.programme.collectivity,
        update=update.pk,
        progress=report.progress,
        reported_on=report.reported_on.isoformat(),
        status=project.status,
        activities=len(report.statuses),
        indicators=len(report.values),
        before=before,
    )
    return update
