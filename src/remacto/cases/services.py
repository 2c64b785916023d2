"""Writing cases: opening, moving, deadlines, answer, closing and documents.

These functions check no permission: the procedure app's service checks who may act, then calls them inside its
own transaction (each is atomic on its own too). Holiday-table edits (with their permission checks) are in
``cases.holidays``.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from remacto.cocreation.uploads import check_upload, without_metadata
from remacto.core.text import has_control_characters
from remacto.core.validators import clean_text

from . import calendar
from .models import NOTE_MAX_LENGTH, Case, CaseCounter, CaseDocument, CaseEvent, Deadline

PREFIXES = {Case.Procedure.INFORMATION: "INF", Case.Procedure.PETITION: "PET", Case.Procedure.OPINION: "AVS"}
TITLE_MAX_LENGTH = CaseDocument._meta.get_field("title").max_length


def _control_characters() -> str:
    return _("The text contains control characters (such as NUL) that no field accepts.")


def _next_number(collectivity, procedure: str, year: int) -> str:
    """The next number of the sequence; the row update serialises concurrent openings."""
    try:
        with transaction.atomic():
            CaseCounter.objects.get_or_create(collectivity=collectivity, procedure=procedure, year=year)
    except IntegrityError:  # another opening created the counter first
        pass
    counter = CaseCounter.objects.filter(collectivity=collectivity, procedure=procedure, year=year)
    counter.update(last=F("last") + 1)
    last = counter.values_list("last", flat=True).get()
    return f"{PREFIXES[procedure]}-{year}-{last:05d}"


@transaction.atomic
def open_case(
    *, collectivity, procedure: str, received_on: datetime.date, requester=None, actor=None, status: str, note=""
) -> Case:
    """A new case with its number and the first entry of its history."""
    if procedure not in Case.Procedure.values:
        raise ValueError(f"unknown procedure {procedure!r}")
    case = Case.objects.create(
        collectivity=collectivity,
        procedure=procedure,
        number=_next_number(collectivity, procedure, received_on.year),
        status=status,
        received_on=received_on,
        requester=requester,
    )
    move(case, actor=actor, status=status, note=note)
    return case


@transaction.atomic
def move(case: Case, *, actor, status: str, note: str = "", public: bool = True) -> CaseEvent:
    """Set the case's status and add it to the history with its reason."""
    note = clean_text(note, "note", max_length=NOTE_MAX_LENGTH)
    if has_control_characters(note):
        raise ValidationError({"note": _control_characters()})
    if case.status != status:
        case.status = status
        case.save(update_fields=["status", "updated_at"])
    return CaseEvent.objects.create(
        case=case, actor=actor if getattr(actor, "pk", None) else None, status=status, note=note, is_public=public
    )


@transaction.atomic
def set_deadline(
    case: Case, *, kind: str, start: datetime.date, amount: int, unit: str, counts_for_answer: bool = False
) -> Deadline:
    """Start a deadline; an open deadline of the same kind is cancelled and replaced (an extension)."""
    if unit not in calendar.UNITS:
        raise ValueError(f"unknown unit {unit!r}")
    Deadline.objects.filter(case=case, kind=kind, met_on__isnull=True, cancelled=False).update(cancelled=True)
    return Deadline.objects.create(
        case=case,
        kind=kind,
        start=start,
        amount=amount,
        unit=unit,
        due=calendar.due_date(start, amount, unit),
        counts_for_answer=counts_for_answer,
    )


def open_deadline(case: Case, kind: str) -> Deadline | None:
    return Deadline.objects.filter(case=case, kind=kind, met_on__isnull=True, cancelled=False).first()


@transaction.atomic
def meet_deadline(case: Case, kind: str, on: datetime.date) -> Deadline | None:
    """Mark the open deadline ``kind`` as met on ``on``; None when there was none open."""
    deadline = open_deadline(case, kind)
    if deadline is not None:
        deadline.met_on = on
        deadline.save(update_fields=["met_on"])
    return deadline


@transaction.atomic
def cancel_deadline(case: Case, kind: str) -> None:
    Deadline.objects.filter(case=case, kind=kind, met_on__isnull=True, cancelled=False).update(cancelled=True)


@transaction.atomic
def answer(case: Case, *, on: datetime.date) -> None:
    """Record the answer's date and meet the open deadline that counts for the answer."""
    case.answered_on = on
    case.save(update_fields=["answered_on", "updated_at"])
    Deadline.objects.filter(case=case, counts_for_answer=True, met_on__isnull=True, cancelled=False).update(met_on=on)


@transaction.atomic
def close(case: Case, *, on: datetime.date) -> None:
    """Close the case; its deadlines still open are cancelled."""
    case.closed_on = on
    case.save(update_fields=["closed_on", "updated_at"])
    Deadline.objects.filter(case=case, met_on__isnull=True, cancelled=False).update(cancelled=True)


@transaction.atomic
def add_document(case: Case, *, actor, title: str, file, public: bool) -> CaseDocument:
    """Attach a PDF or a photo (checked for size, type and picture size; photos stored without metadata)."""
    title = clean_text(title, "title", max_length=TITLE_MAX_LENGTH, empty=gettext_noop("Give the document a title."))
    if has_control_characters(title) or has_control_characters(getattr(file, "name", "") or ""):
        raise ValidationError({"title": _control_characters()})
    try:
        kind = check_upload(file)
    except ValidationError as exc:
        raise ValidationError({"file": exc.message_dict["attachments"]}) from exc
    return CaseDocument.objects.create(
        case=case,
        title=title,
        file=without_metadata(file, kind),
        is_public=public,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
        uploaded_at=timezone.now(),
    )


@transaction.atomic
def recompute_deadlines(*, years: Iterable[int] | None = None) -> int:
    """Recompute the due dates of open working-day deadlines (those starting in or reaching into ``years``, or
    all) after the holiday table changed; how many due dates moved. A deadline that moved gets its "soon" and
    "overdue" reminders again, for its new date."""
    deadlines = Deadline.objects.filter(met_on__isnull=True, cancelled=False, unit=calendar.WORKING)
    wanted = set(years) if years is not None else None
    days = calendar.Calendar()
    moved = []
    for deadline in deadlines.order_by("pk"):
        if wanted is not None and not wanted & set(range(deadline.start.year, deadline.due.year + 2)):
            continue
        due = days.due_date(deadline.start, deadline.amount, deadline.unit)
        if due != deadline.due:
            # the "two days before" and "overdue" reminders are given again for the new date
            deadline.due, deadline.soon_reminded_at, deadline.overdue_reminded_at = due, None, None
            moved.append(deadline)
    Deadline.objects.bulk_update(moved, ["due", "soon_reminded_at", "overdue_reminded_at"])
    return len(moved)
