"""Money of an adopted programme: budget execution lines (committed, paid) typed by hand or imported from the
finance department's file, all rows or none.

One rule, checked for a line typed by hand and for every row of a file alike (:class:`Ledger`): a line must not
bring its project's paid total, nor separately its committed total, above the project's budget unless an amendment
of that project (``cocreation.Amendment``) is dated on or before the line. The file itself is read by the import
machinery of co-creation (``cocreation.imports.table``: size, type, zip bombs, NUL bytes); each row is checked here
and reported with its line in the file and its column, in the uploader's language.
"""

import datetime
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from remacto.cocreation.imports import Column, RowErrors
from remacto.cocreation.models import Amendment, Programme, Project
from remacto.core import audit
from remacto.core.formatting import format_mad, parse_amount
from remacto.core.permissions import require
from remacto.core.text import fold_digits, has_control_characters, normalise

from ..models import SpendingImport, SpendingLine

PERM = "monitoring.record_spending"
MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 50_000
MAX_IMPORT_LINES = MAX_IMPORT_ROWS + 10_000  # empty lines included
MAX_AMOUNT = Decimal("99999999999999.99")

COLUMNS = (
    Column(
        "project",
        gettext_lazy("Project"),
        {"en": "project", "ar": "المشروع", "fr": "projet"},
        ("project code", "code", "رقم المشروع", "رمز المشروع", "code du projet", "numéro du projet"),
        True,
    ),
    Column(
        "kind",
        gettext_lazy("Kind"),
        {"en": "kind", "ar": "النوع", "fr": "nature"},
        ("type", "نوع العملية", "nature de la dépense"),
        True,
    ),
    Column(
        "amount",
        gettext_lazy("Amount (MAD)"),
        {"en": "amount", "ar": "المبلغ", "fr": "montant"},
        ("amount (mad)", "المبلغ بالدرهم", "montant (mad)", "montant en dirhams"),
        True,
    ),
    Column("date", gettext_lazy("Date"), {"en": "date", "ar": "التاريخ", "fr": "date"}, ("spent on",), True),
    Column(
        "reference",
        gettext_lazy("Reference"),
        {"en": "reference", "ar": "المرجع", "fr": "référence"},
        ("رقم الالتزام", "رقم الأمر بالأداء", "n° d'engagement", "numéro", "number"),
        True,
    ),
    Column("label", gettext_lazy("Label"), {"en": "label", "ar": "البيان", "fr": "libellé"}, ("description",)),
)

# Values of the kind column: the codes and the usual words in English, French and Arabic.
KIND_NAMES = {
    SpendingLine.Kind.COMMITTED: (
        "committed",
        "commitment",
        "engagé",
        "engagement",
        "ملتزم به",
        "التزام",
        "الالتزام",
        "الالتزامات",
    ),
    SpendingLine.Kind.PAID: (
        "paid",
        "payment",
        "payé",
        "paiement",
        "mandaté",
        "أداء",
        "الأداء",
        "مؤدى",
        "مدفوع",
        "أداءات",
    ),
}
_KINDS = {normalise(name): code for code, names in KIND_NAMES.items() for name in names}
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def project_code(project: Project, axis_order: int | None = None) -> str:
    """The project's number in the programme, as the programme document writes it: ``<axis>.<project>``."""
    order = axis_order if axis_order is not None else project.axis.order
    return f"{order}.{project.order}"


def parse_date(text: str) -> datetime.date:
    """A date as ``2026-03-31`` or ``31/03/2026`` (also with ``-`` or ``.``); a clear error otherwise."""
    text = fold_digits(text.strip()).split("T")[0].split(" ")[0]
    if _ISO.fullmatch(text):
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            pass
    elif match := _DAY_FIRST.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError(_("Write the date as 2026-03-31 or 31/03/2026."), code="invalid")


# Checks shared by the form and the file ------------------------------------------------------------------------


def check_programme(programme: Programme) -> None:
    """Spending is recorded only on an adopted programme."""
    if not programme.is_adopted:
        raise ValidationError(_("Spending is recorded only once the programme is adopted."))


def check_date(programme: Programme, spent_on: datetime.date, today: datetime.date | None = None) -> str | None:
    """Why ``spent_on`` is refused (in the future, outside the programme's implementation), or ``None``."""
    today = today or timezone.localdate()
    if spent_on > today:
        return _("The date cannot be in the future.")
    start, end = programme.implementation_start, programme.implementation_end
    if (start and spent_on < start) or (end and spent_on > end):
        return _("The date must be within the programme's implementation (%(start)s – %(end)s).") % {
            "start": start.isoformat() if start else "…",
            "end": end.isoformat() if end else "…",
        }
    return None


def check_amount(value) -> Decimal:
    """A positive amount in dirhams, at most two decimals."""
    if isinstance(value, Decimal | int):
        amount = Decimal(value)
    else:
        try:
            amount = parse_amount(value)
        except (ValidationError, InvalidOperation) as exc:
            raise ValidationError(
                _("“%(value)s” is not an amount: write digits, such as 45000 or 45 000,50.") % {"value": value},
                code="invalid",
            ) from exc
    if amount <= 0:
        raise ValidationError(_("The amount must be greater than zero."), code="not_positive")
    if amount > MAX_AMOUNT or amount != amount.quantize(Decimal("0.01")):
        raise ValidationError(_("The amount is too large or has more than two decimals."), code="invalid")
    return amount


@dataclass
class Ledger:
    """The committed and paid totals of a programme's projects and the date of each project's first amendment,
    read in two queries; :meth:`add` checks a line against its project's budget and counts it."""

    budgets: dict[int, Decimal]
    totals: dict[tuple[int, str], Decimal] = field(default_factory=dict)
    first_amendment: dict[int, datetime.date] = field(default_factory=dict)

    @classmethod
    def of(cls, projects: Iterable[Project]) -> "Ledger":
        projects = list(projects)
        ids = [p.pk for p in projects]
        ledger = cls({p.pk: p.budget for p in projects})
        rows = (
            SpendingLine.objects.filter(project_id__in=ids).values("project_id", "kind").annotate(total=Sum("amount"))
        )
        ledger.totals = {(r["project_id"], r["kind"]): r["total"] for r in rows.order_by()}
        amendments = Amendment.objects.filter(project_id__in=ids).values("project_id").annotate(first=Min("decided_on"))
        ledger.first_amendment = {r["project_id"]: r["first"] for r in amendments.order_by()}
        return ledger

    def add(self, project_id: int, kind: str, amount: Decimal, spent_on: datetime.date) -> str | None:
        """Count the line, or say why it would overspend the budget without an amendment (and count nothing)."""
        key = (project_id, kind)
        total = self.totals.get(key, Decimal(0)) + amount
        budget = self.budgets[project_id]
        if total > budget:
            amended = self.first_amendment.get(project_id)
            if amended is None or amended > spent_on:
                label = _("paid") if kind == SpendingLine.Kind.PAID else _("committed")
                return _(
                    "This line would bring the %(kind)s total of the project to %(total)s, above its budget of "
                    "%(budget)s. Record an amendment of the project first (dated on or before the line)."
                ) % {"kind": label, "total": format_mad(total), "budget": format_mad(budget)}
        self.totals[key] = total
        return None


def _field_errors(errors: dict[str, list[str]]) -> ValidationError:
    return ValidationError({name: [ValidationError(m) for m in messages] for name, messages in errors.items()})


# A line typed by hand --------------------------------------------------------------------------------------------


@transaction.atomic
def record_spending(actor, project: Project, values: Mapping, *, today: datetime.date | None = None) -> SpendingLine:
    """One budget execution line typed by staff: ``kind``, ``amount``, ``spent_on``, ``reference``, ``label``.

    Raises ``ValidationError`` keyed by field (nothing saved) or ``PermissionDenied``.
    """
    programme = project.programme
    require(actor, PERM, programme.collectivity)
    check_programme(programme)
    # The project row is locked so that two lines typed at once cannot both pass the budget check.
    Project.objects.select_for_update().filter(pk=project.pk).first()
    errors: dict[str, list[str]] = {}
    kind = values.get("kind")
    if kind not in SpendingLine.Kind.values:
        errors["kind"] = [_("Choose committed or paid.")]
    amount = None
    if values.get("amount") in (None, ""):
        errors["amount"] = [_("Give the amount.")]
    else:
        try:
            amount = check_amount(values.get("amount"))
        except ValidationError as exc:
            errors["amount"] = exc.messages
    spent_on = values.get("spent_on")
    if not isinstance(spent_on, datetime.date):
        errors["spent_on"] = [_("Give the date of the line.")]
    elif problem := check_date(programme, spent_on, today):
        errors["spent_on"] = [problem]
    reference = (values.get("reference") or "").strip()
    label = (values.get("label") or "").strip()
    if not reference:
        errors["reference"] = [_("Give the commitment or payment order number.")]
    for name, text, limit in (("reference", reference, 100), ("label", label, 300)):
        if has_control_characters(text):
            errors.setdefault(name, []).append(_("The text contains control characters (such as NUL)."))
        elif len(text) > limit:
            errors.setdefault(name, []).append(_("At most %(max)d characters.") % {"max": limit})
    if errors:
        raise _field_errors(errors)
    assert amount is not None and isinstance(spent_on, datetime.date)
    if problem := Ledger.of([project]).add(project.pk, kind, amount, spent_on):
        raise _field_errors({"amount": [problem]})
    line = SpendingLine.objects.create(
        project=project,
        kind=kind,
        amount=amount,
        spent_on=spent_on,
        reference=reference,
        label=label,
        entered_by=actor,
    )
    audit.record(
        actor,
        "spending.record",
        project,
        collectivity=programme.collectivity,
        kind=kind,
        amount=str(amount),
        reference=reference,
    )
    return line


# A file from the finance department ------------------------------------------------------------------------------


@dataclass
class CheckedFile(RowErrors):
    """The rows of a file, checked: lines ready to save, or errors by line in the file."""

    lines: list[SpendingLine] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.lines) + len(self.errors)


class ProjectFinder:
    """A programme's projects by code (``1.2``), by number when only one project has it, or by exact title (in any
    language, compared after ``normalise``); read in one query."""

    def __init__(self, programme: Programme):
        self.projects = list(programme.projects.select_related("axis").exclude(status=Project.Status.CANCELLED))
        self.names: dict[str, Project] = {}
        self.found: dict[str, Project | None] = {}
        numbers: dict[str, list[Project]] = {}
        for project in self.projects:
            self.names[normalise(project_code(project))] = project
            numbers.setdefault(str(project.order), []).append(project)
        for number, found in numbers.items():
            if len(found) == 1:
                self.names.setdefault(number, found[0])
        for project in self.projects:
            for code in ("ar", "fr", "en", "zgh"):
                title = getattr(project, f"title_{code}", "") or ""
                if title:
                    self.names.setdefault(normalise(title), project)

    def find(self, text: str) -> Project | None:
        if text not in self.found:
            self.found[text] = self.names.get(normalise(fold_digits(text)))
        return self.found[text]


def check_rows(
    programme: Programme,
    rows: Iterable[tuple[int, list[str]]],
    positions: dict[str, int],
    *,
    actor=None,
    source: SpendingImport | None = None,
    progress: Callable[[int], None] | None = None,
    today: datetime.date | None = None,
) -> CheckedFile:
    """Every row read from a file checked against the rules of a line typed by hand; no query per row."""
    today = today or timezone.localdate()
    finder = ProjectFinder(programme)
    ledger = Ledger.of(finder.projects)
    checked = CheckedFile()
    labels = {column.key: column.label for column in COLUMNS}
    kinds: dict[str, str | None] = {}  # the same few words and dates come back on every row: read each once
    dates: dict[str, datetime.date] = {}
    for line, cells in rows:
        if checked.total >= MAX_IMPORT_ROWS:
            raise ValidationError(
                _("The file has more than %(max)d lines of spending. Split it into smaller files.")
                % {"max": MAX_IMPORT_ROWS},
                code="too_many_rows",
            )
        get = {key: (cells[i] if i < len(cells) else "") for key, i in positions.items()}
        found: list[tuple[int, str]] = []  # (column's place, message), reported in the columns' order

        def refuse(key: str, message: str, found: list[tuple[int, str]] = found) -> None:
            text = _("%(column)s: %(message)s") % {"column": labels[key], "message": message}
            found.append((list(labels).index(key), text))

        tainted = {key for key, value in get.items() if has_control_characters(value)}
        for key in sorted(tainted, key=list(labels).index):
            refuse(key, _("it contains control characters (such as NUL)."))
        # Each column is checked only when it holds text (tainted cells are already reported).
        present = {key: value for key, value in get.items() if key not in tainted}
        for key in ("project", "kind", "amount", "date", "reference"):
            if key in present and not present[key]:
                refuse(key, _("missing."))
        project = kind = amount = spent_on = None
        if text := present.get("project"):
            project = finder.find(text)
            if project is None:
                refuse(
                    "project",
                    _("unknown project “%(value)s”: use its number (such as 1.2) or its exact title.")
                    % {"value": text[:100]},
                )
        if text := present.get("kind"):
            kind = kinds[text] if text in kinds else kinds.setdefault(text, _KINDS.get(normalise(text)))
            if kind is None:
                refuse("kind", _("“%(value)s” is neither committed nor paid.") % {"value": text[:50]})
        if text := present.get("amount"):
            try:
                amount = check_amount(text)
            except ValidationError as exc:
                refuse("amount", " ".join(exc.messages))
        if text := present.get("date"):
            try:
                spent_on = dates[text] if text in dates else dates.setdefault(text, parse_date(text))
            except ValidationError as exc:
                refuse("date", " ".join(exc.messages))
            else:
                if problem := check_date(programme, spent_on, today):
                    refuse("date", problem)
        reference, label = present.get("reference", ""), present.get("label", "")
        if len(reference) > 100:
            refuse("reference", _("at most %(max)d characters.") % {"max": 100})
        if len(label) > 300:
            refuse("label", _("at most %(max)d characters.") % {"max": 300})
        if (
            not found
            and project
            and kind
            and amount
            and spent_on
            and (problem := ledger.add(project.pk, kind, amount, spent_on))
        ):
            refuse("amount", problem)
        if found:
            checked.errors[line] = [text for _place, text in sorted(found, key=lambda item: item[0])]
        else:
            checked.lines.append(
                SpendingLine(
                    project_id=project.pk,
                    kind=kind,
                    amount=amount,
                    spent_on=spent_on,
                    reference=reference,
                    label=label,
                    source_id=source.pk if source else None,
                    entered_by_id=getattr(actor, "pk", None),
                )
            )
        if progress and checked.total % 1000 == 0:
            progress(checked.total)
    if not checked.total:
        raise ValidationError(_("The file has no spending line under its first row."), code="empty")
    return checked


@transaction.atomic
def import_lines(actor, programme: Programme, lines: list[SpendingLine], source: SpendingImport | None = None):
    """Save checked lines all at once (``bulk_create``); the writing half of an import."""
    require(actor, PERM, programme.collectivity)
    check_programme(programme)
    if not lines:
        raise ValidationError(_("The file has no spending line under its first row."))
    # Lock the programme's projects, then check again against what was saved since the file was read.
    ids = sorted({line.project_id for line in lines})
    list(Project.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
    ledger = Ledger.of(Project.objects.filter(pk__in=ids))
    for line in lines:
        if problem := ledger.add(line.project_id, line.kind, line.amount, line.spent_on):
            raise ValidationError(problem)
    created = SpendingLine.objects.bulk_create(lines, batch_size=2000)
    audit.record(
        actor,
        "spending.import",
        source or programme,
        collectivity=programme.collectivity,
        count=len(created),
        total=str(sum((line.amount for line in created), Decimal(0))),
    )
    return created


def start_import(actor, programme: Programme, upload, language: str) -> SpendingImport:
    """Keep the uploaded file (checked: size and type) and queue its import; the job shows its progress."""
    from remacto.cocreation import imports

    from ..money_tasks import import_spending

    require(actor, PERM, programme.collectivity)
    check_programme(programme)
    kind = imports.check_file(upload, MAX_IMPORT_BYTES)
    job = SpendingImport(programme=programme, uploaded_by=actor, name=upload.name[:200], language=language or "")
    job.file.save(f"spending.{kind}", upload, save=False)
    job.save()
    import_spending.delay(job.pk)
    return job
