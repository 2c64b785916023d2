"""Hostile import files: workbooks that unzip into gigabytes or millions of empty rows, lying ZIP sizes and NUL
bytes are refused before openpyxl builds anything big, with a clear message in the importer's language."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook

from remacto.cocreation import imports

pytestmark = pytest.mark.django_db

SHEET = "xl/worksheets/sheet1.xml"
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>title</t></is></c><c r="B1" t="inlineStr"><is><t>problem</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>solution</t></is></c></row>'
)
SHEET_TAIL = "</sheetData></worksheet>"


def idea_row(number: int, title: str = "t") -> str:
    cells = "".join(f'<c r="{col}{number}" t="inlineStr"><is><t>{title}</t></is></c>' for col in "ABC")
    return f'<row r="{number}">{cells}</row>'


def workbook_with(replace: dict[str, object]) -> bytes:
    """A real workbook saved by openpyxl whose members in ``replace`` are swapped for other content.

    A value is bytes, or an iterable of byte chunks written one at a time (so a huge member is never held whole).
    """
    buffer = io.BytesIO()
    Workbook().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in {*source.namelist(), *replace}:
            content = replace.get(name, source.read(name) if name in source.namelist() else b"")
            if isinstance(content, bytes):
                archive.writestr(name, content)
            else:
                with archive.open(name, "w", force_zip64=True) as member:
                    for chunk in content:
                        member.write(chunk)
    return out.getvalue()


def parse(data: bytes, programme):
    return imports.parse(SimpleUploadedFile("ideas.xlsx", data), programme, "paper", False)


def refusal(data: bytes, programme):
    with pytest.raises(Exception) as exc:
        parse(data, programme)
    return exc.value


def test_a_row_past_the_line_cap_is_refused_not_imported(programme):
    data = workbook_with({SHEET: (SHEET_HEAD + idea_row(imports.MAX_LINES + 5) + SHEET_TAIL).encode()})
    error = refusal(data, programme)
    assert error.code == "too_many_rows"


def test_a_hundred_million_empty_rows_are_not_walked(programme, monkeypatch):
    """The sheet jumps from row 1 to row 100,000,000: openpyxl would fill the gap with empty rows one by one."""
    walked = []
    original = imports._xlsx_rows

    def counting(data):
        for row in original(data):
            walked.append(1)
            yield row

    monkeypatch.setattr(imports, "_xlsx_rows", counting)
    data = workbook_with({SHEET: (SHEET_HEAD + idea_row(100_000_000) + SHEET_TAIL).encode()})
    assert len(data) < 10_000
    assert refusal(data, programme).code == "too_many_rows"
    assert len(walked) <= imports.MAX_LINES + 1


def test_many_written_empty_rows_count_as_lines(programme):
    empty = "".join(f'<row r="{n}"/>' for n in range(2, imports.MAX_LINES + 10))
    data = workbook_with({SHEET: (SHEET_HEAD + empty + idea_row(imports.MAX_LINES + 10) + SHEET_TAIL).encode()})
    assert refusal(data, programme).code == "too_many_rows"


def test_empty_rows_within_the_cap_are_skipped(programme):
    empty = "".join(f'<row r="{n}"/>' for n in range(2, 100))
    data = workbook_with({SHEET: (SHEET_HEAD + empty + idea_row(100, "kept") + SHEET_TAIL).encode()})
    [row] = parse(data, programme).rows
    assert (row.line, row.values["title"]) == (100, "kept")


def huge_string(megabytes: int):
    yield b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    yield b' count="1" uniqueCount="1"><si><t>'
    for _ in range(megabytes):
        yield b"a" * (1024 * 1024)
    yield b"</t></si></sst>"


def test_one_huge_shared_string_is_refused_in_arabic(programme, monkeypatch):
    opened = []
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: opened.append(1))
    data = workbook_with({"xl/sharedStrings.xml": huge_string(imports.MAX_UNPACKED_BYTES // (1024 * 1024) + 1)})
    assert len(data) < imports.MAX_FILE_BYTES
    with translation.override("ar"):
        error = refusal(data, programme)
    assert error.code == "too_large"
    assert re.search("[\u0600-\u06ff]", error.messages[0]) and "40" in error.messages[0]
    assert not opened, "openpyxl must not see the workbook"


def test_sizes_that_lie_in_the_zip_directory_are_refused(programme):
    """The central directory claims 1 KB for a member that unzips to far more."""
    data = bytearray(workbook_with({"xl/sharedStrings.xml": huge_string(2)}))
    entry = data.rfind(b"xl/sharedStrings.xml") - 46  # its entry in the central directory, at the end
    assert data[entry : entry + 4] == b"PK\x01\x02"
    data[entry + 24 : entry + 28] = (1024).to_bytes(4, "little")  # the uncompressed size it declares
    assert refusal(bytes(data), programme).code == "wrong_type"


def test_nul_bytes_in_the_workbook_xml_are_refused(programme):
    data = workbook_with({SHEET: (SHEET_HEAD + idea_row(2, "a\x00b") + SHEET_TAIL).encode()})
    assert refusal(data, programme).code == "wrong_type"


def test_a_control_character_in_a_csv_cell_is_a_row_error(programme):
    text = "title,problem,solution\nt,p\x01,s\nt,p,s\n"
    parsed = imports.parse(SimpleUploadedFile("ideas.csv", text.encode()), programme, "paper", False)
    assert [r.line for r in parsed.rows] == [3] and list(parsed.errors) == [2]


def test_a_nul_deep_in_a_csv_file_is_refused(programme):
    text = "title,problem,solution\n" + "t,p,s\n" * 1000 + "t,p\x00,s\n"
    with pytest.raises(Exception) as exc:
        imports.parse(SimpleUploadedFile("ideas.csv", text.encode()), programme, "paper", False)
    assert exc.value.code == "wrong_type"


def test_a_normal_workbook_is_still_read(programme):
    workbook = Workbook()
    workbook.active.append(["title", "problem", "solution"])
    for n in range(50):
        workbook.active.append([f"فكرة {n}", "مشكل", "حل"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert len(parse(buffer.getvalue(), programme).rows) == 50
