"""Reading a CSV or XLSX file of ideas typed by staff, before anything is saved.

The file's type is read from its content, never from its name: an XLSX workbook is a ZIP archive; a CSV is
UTF-8 text (with or without a byte-order mark) separated by commas or semicolons. The first row names the
columns, in English, Arabic or French (see ``COLUMNS``); names are compared after ``core.text.normalise``, so
case, accents, hamza seats and diacritics do not matter. Every row is checked (required fields, lengths, axis,
channel) and reported with its line number in the file, so the person can fix the file and upload it again.

A small file can unpack into a huge one (a "zip bomb": millions of empty rows, one string of a gigabyte), so
before openpyxl reads a workbook its members' sizes are added up, as declared and as actually unzipped, and a
workbook past ``MAX_UNPACKED_BYTES`` or with NUL bytes in its XML is refused; then at most ``MAX_LINES`` rows
are read, empty ones included. Memory and time stay bounded whatever the file claims.
"""

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from remacto.core.text import has_control_characters, normalise

from .models import Idea

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 30
MAX_LINES = 2 * MAX_ROWS  # rows read from the file, empty ones included
MAX_UNPACKED_BYTES = 40 * 1024 * 1024  # every member of an XLSX workbook together, once unzipped
_CHUNK = 1024 * 1024
_XML_MEMBERS = (".xml", ".rels", ".vml")


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # shown on the page, in the reader's language
    names: dict[str, str]  # the header in English, Arabic and French (the template uses them)
    aliases: tuple[str, ...] = ()
    required: bool = False

    @property
    def max_length(self) -> int | None:
        if self.key in ("axis", "channel"):
            return None
        return Idea._meta.get_field(self.key).max_length

    def accepted_names(self) -> set[str]:
        return {normalise(n) for n in (*self.names.values(), *self.aliases)}


COLUMNS = (
    Column("title", gettext_lazy("Title"), {"en": "title", "ar": "العنوان", "fr": "titre"}, ("عنوان الفكرة",), True),
    Column(
        "problem",
        gettext_lazy("The problem"),
        {"en": "problem", "ar": "الإشكالية", "fr": "problème"},
        ("المشكل", "المشكلة", "problématique"),
        True,
    ),
    Column(
        "solution",
        gettext_lazy("Proposed solution"),
        {"en": "solution", "ar": "الحل المقترح", "fr": "solution proposée"},
        ("proposed solution", "الحل", "solution"),
        True,
    ),
    Column(
        "expected_impact",
        gettext_lazy("Expected impact"),
        {"en": "expected_impact", "ar": "الأثر المنتظر", "fr": "impact attendu"},
        ("impact", "الأثر المتوقع", "النتيجة المنتظرة", "résultat attendu"),
    ),
    Column("axis", gettext_lazy("Axis"), {"en": "axis", "ar": "المحور", "fr": "axe"}),
    Column(
        "author_name",
        gettext_lazy("Given by"),
        {"en": "author_name", "ar": "صاحب الفكرة", "fr": "nom de l'auteur"},
        ("author", "name", "الاسم", "auteur", "nom"),
    ),
    Column("channel", gettext_lazy("Channel"), {"en": "channel", "ar": "القناة", "fr": "canal"}),
)

# Values of the channel column: the codes and the usual words in English, French and Arabic.
CHANNEL_NAMES = {
    Idea.Channel.WORKSHOP: ("workshop", "atelier", "ورشة", "الورشة", "ورشة الإعداد المشترك"),
    Idea.Channel.PAPER: ("paper", "paper form", "papier", "formulaire papier", "ورقي", "استمارة ورقية", "استمارة"),
    Idea.Channel.DESK: ("desk", "front desk", "guichet", "accueil", "الشباك", "مكتب الاستقبال", "مكتب الضبط"),
    Idea.Channel.SMS: ("sms", "رسالة نصية", "رسالة قصيرة"),
}
_CHANNELS = {normalise(name): code for code, names in CHANNEL_NAMES.items() for name in names}


@dataclass
class ParsedRow:
    line: int
    channel: str
    values: dict


@dataclass
class RowErrors:
    """The errors of a checked file, by line: what every import reports when it refuses the file."""

    errors: dict[int, list[str]] = field(default_factory=dict)

    def report(self) -> list[dict]:
        """Errors as stored on the import job: ``[{"line": 3, "messages": [...]}]``, in file order."""
        return [{"line": line, "messages": messages} for line, messages in sorted(self.errors.items())]


@dataclass
class ParsedFile(RowErrors):
    rows: list[ParsedRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.rows) + len(self.errors)


def _read(upload, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    upload.seek(0)
    if len(data) > max_bytes:
        raise ValidationError(
            _("The file is larger than %(max)d MB. Split it into smaller files.") % {"max": max_bytes // (1024 * 1024)}
            if max_bytes != MAX_FILE_BYTES
            else _("The file is larger than 2 MB. Split it into smaller files."),
            code="too_large",
        )
    return data


WRONG_TYPE = gettext_lazy(
    "This file is neither a CSV file (UTF-8 text) nor an Excel XLSX workbook. "
    "In your spreadsheet, use “Save as” and choose “CSV UTF-8” or “Excel workbook (.xlsx)”."
)


# Files that are not a table even when their bytes happen to decode as UTF-8 (lower-cased signatures).
NOT_TEXT = (
    b"%pdf-",
    b"\x89png",
    b"\xff\xd8\xff",
    b"gif8",
    b"\x1f\x8b",
    b"rar!",
    b"7z\xbc\xaf",
    b"<!doctype",
    b"<html",
    b"<?xml",
    b"{\\rtf",
)


def _too_large_unpacked() -> ValidationError:
    return ValidationError(
        _(
            "Once unzipped, this workbook would take more than %(max)d MB (a workbook that small should not): "
            "it may be damaged. Copy its ideas into a new workbook, or save it as “CSV UTF-8”."
        )
        % {"max": MAX_UNPACKED_BYTES // (1024 * 1024)},
        code="too_large",
    )


def _check_workbook(archive: zipfile.ZipFile) -> None:
    """Refuse a workbook that unzips past ``MAX_UNPACKED_BYTES`` (declared or actual) or has NUL bytes in its XML.

    The members are unzipped a chunk at a time and thrown away, so the check itself needs little memory.
    """
    members = archive.infolist()
    if "xl/workbook.xml" not in archive.namelist():
        raise ValidationError(WRONG_TYPE, code="wrong_type")
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise _too_large_unpacked()
    unpacked = 0
    for member in members:
        xml = member.filename.lower().endswith(_XML_MEMBERS)
        with archive.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                unpacked += len(chunk)
                if unpacked > MAX_UNPACKED_BYTES:
                    raise _too_large_unpacked()
                if xml and b"\x00" in chunk:
                    raise ValidationError(WRONG_TYPE, code="wrong_type")


def kind_of(data: bytes) -> str:
    """``"xlsx"`` or ``"csv"`` from the content; a clear ``ValidationError`` for anything else."""
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                _check_workbook(archive)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as exc:
            raise ValidationError(WRONG_TYPE, code="wrong_type") from exc
        return "xlsx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ValidationError(
            _("This is an old Excel (.xls) file. Save it as “Excel workbook (.xlsx)” or “CSV UTF-8”."),
            code="wrong_type",
        )
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"\x00" in data or head.startswith(NOT_TEXT):
        raise ValidationError(WRONG_TYPE, code="wrong_type")
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _("The CSV file is not in UTF-8. In your spreadsheet, save it as “CSV UTF-8”."), code="wrong_type"
        ) from exc
    return "csv"


def check_file(upload, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Size and type of an uploaded file, checked before the import job is created."""
    return kind_of(_read(upload, max_bytes))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    text = data.decode("utf-8-sig")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        yield [_cell(c) for c in row[:MAX_COLUMNS]]


def _xlsx_rows(data: bytes, max_lines: int = MAX_LINES) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors for a damaged workbook
        raise ValidationError(WRONG_TYPE, code="wrong_type") from exc
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(max_row=max_lines + 1, max_col=MAX_COLUMNS, values_only=True):
            yield [_cell(c) for c in row]
    finally:
        workbook.close()


def _header(cells: list[str], columns: tuple[Column, ...] = COLUMNS) -> dict[str, int]:
    """Column key → index, from the header row; unknown columns are ignored, required ones must be there."""
    positions: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = normalise(cell)
        for column in columns:
            if name and name in column.accepted_names() and column.key not in positions:
                positions[column.key] = index
                break
    missing = [c for c in columns if c.required and c.key not in positions]
    if missing:
        raise ValidationError(
            _("The first row must name the columns; missing: %(columns)s. Download the template to see them.")
            % {"columns": ", ".join(f"“{c.names['en']}” ({c.label})" for c in missing)},
            code="missing_columns",
        )
    return positions


def _axes_by_name(programme) -> dict[str, object]:
    axes = {}
    for axis in programme.axes.all():
        for code in ("ar", "fr", "en", "zgh"):
            title = getattr(axis, f"title_{code}", "") or ""
            if title:
                axes.setdefault(normalise(title), axis)
        axes.setdefault(normalise(str(axis.order)), axis)
    return axes


def _check_row(cells: list[str], positions, axes, default_channel: str, has_workshop: bool):
    values, errors = {}, []
    get = {key: (cells[i] if i < len(cells) else "") for key, i in positions.items()}
    for column in COLUMNS:
        value = get.get(column.key, "")
        if has_control_characters(value):
            errors.append(_("%(column)s contains control characters (such as NUL).") % {"column": column.label})
        elif column.required and not value:
            errors.append(_("%(column)s is missing.") % {"column": column.label})
        elif column.max_length and len(value) > column.max_length:
            errors.append(
                _("%(column)s is too long (%(length)d characters, at most %(max)d).")
                % {"column": column.label, "length": len(value), "max": column.max_length}
            )
        values[column.key] = value
    axis_name = values.pop("axis")
    values["axis"] = None
    if axis_name:
        values["axis"] = axes.get(normalise(axis_name))
        if values["axis"] is None:
            errors.append(
                _("Unknown axis “%(axis)s”: use the title of one of the programme's axes.") % {"axis": axis_name}
            )
    channel_name = values.pop("channel")
    channel = _CHANNELS.get(normalise(channel_name)) if channel_name else default_channel
    if channel is None:
        errors.append(_("Unknown channel “%(channel)s”: use workshop, paper, desk or sms.") % {"channel": channel_name})
    elif channel == Idea.Channel.WORKSHOP and not has_workshop:
        errors.append(_("A workshop idea needs the workshop: choose it on the import form."))
    return channel, values, errors


def parse(
    upload,
    programme,
    default_channel: str,
    has_workshop: bool,
    progress: Callable[[int], None] | None = None,
) -> ParsedFile:
    """Every row of ``upload`` checked; raises ``ValidationError`` when the file itself cannot be used."""
    data = _read(upload)
    rows = _xlsx_rows(data) if kind_of(data) == "xlsx" else _csv_rows(data)
    try:
        header = next(rows)
        while not any(header):
            header = next(rows)
    except StopIteration as exc:
        raise ValidationError(_("The file is empty."), code="empty") from exc
    except csv.Error as exc:
        raise ValidationError(WRONG_TYPE, code="wrong_type") from exc
    positions = _header(header)
    axes = _axes_by_name(programme)
    parsed = ParsedFile()
    line = 1
    try:
        for cells in rows:
            line += 1
            if line > MAX_LINES:
                raise ValidationError(
                    _("The file has more than %(max)d lines, empty ones included. Split it into smaller files.")
                    % {"max": MAX_LINES},
                    code="too_many_rows",
                )
            if not any(cells):
                continue
            if parsed.total >= MAX_ROWS:
                raise ValidationError(
                    _("The file has more than %(max)d ideas. Split it into smaller files.") % {"max": MAX_ROWS},
                    code="too_many_rows",
                )
            channel, values, errors = _check_row(cells, positions, axes, default_channel, has_workshop)
            if errors:
                parsed.errors[line] = errors
            else:
                parsed.rows.append(ParsedRow(line, channel, values))
            if progress and parsed.total % 250 == 0:
                progress(parsed.total)
    except csv.Error as exc:
        raise ValidationError(
            _("Line %(line)d of the CSV file cannot be read: %(error)s") % {"line": line, "error": exc},
            code="bad_csv",
        ) from exc
    if not parsed.total:
        raise ValidationError(_("The file has no idea under its first row."), code="empty")
    return parsed


def template_csv(language: str, columns: tuple[Column, ...] = COLUMNS) -> str:
    """The import template: the header row in ``language`` (Arabic, French, else English), with a BOM for Excel."""
    code = language if language in ("ar", "fr") else "en"
    buffer = io.StringIO()
    csv.writer(buffer).writerow([c.names[code] for c in columns])
    return "\ufeff" + buffer.getvalue()


def table(
    upload, columns: tuple[Column, ...], *, max_bytes: int = MAX_FILE_BYTES, max_lines: int = MAX_LINES
) -> tuple[dict[str, int], Iterator[tuple[int, list[str]]]]:
    """Any import's file read the way ``parse`` reads a file of ideas: the positions of ``columns`` (from the first
    non-empty row) and the non-empty rows after it as ``(line number in the file, cells)``.

    The file is checked first (size, type, zip bomb, NUL bytes); reading past ``max_lines`` lines, empty ones
    included, or a line the CSV reader cannot read raises a ``ValidationError`` while iterating.
    """
    data = _read(upload, max_bytes)
    rows = _xlsx_rows(data, max_lines) if kind_of(data) == "xlsx" else _csv_rows(data)
    try:
        header = next(rows)
        while not any(header):
            header = next(rows)
    except StopIteration as exc:
        raise ValidationError(_("The file is empty."), code="empty") from exc
    except csv.Error as exc:
        raise ValidationError(WRONG_TYPE, code="wrong_type") from exc
    positions = _header(header, columns)

    def body() -> Iterator[tuple[int, list[str]]]:
        line = 1
        try:
            for cells in rows:
                line += 1
                if line > max_lines:
                    raise ValidationError(
                        _("The file has more than %(max)d lines, empty ones included. Split it into smaller files.")
                        % {"max": max_lines},
                        code="too_many_rows",
                    )
                if any(cells):
                    yield line, cells
        except csv.Error as exc:
            raise ValidationError(
                _("Line %(line)d of the CSV file cannot be read: %(error)s") % {"line": line, "error": exc},
                code="bad_csv",
            ) from exc

    return positions, body()
