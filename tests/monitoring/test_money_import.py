"""Import of the finance department's file of spending lines: headers in three languages, every row checked and
named with its column, all or nothing, hostile files refused, the background job and its pages."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from remacto.cocreation import imports
from remacto.cocreation.models import Amendment
from remacto.core.models import AuditLogEntry
from remacto.monitoring.models import SpendingImport, SpendingLine
from remacto.monitoring.money_tasks import import_spending
from remacto.monitoring.services import spending

pytestmark = pytest.mark.django_db

HEADER = "project,kind,amount,date,reference,label"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def url(programme, name: str, **kwargs) -> str:
    return reverse(
        f"monitoring:{name}", kwargs={"slug": programme.collectivity.slug, "cycle": programme.cycle, **kwargs}
    )


def csv_file(text: str, name: str = "spending.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def xlsx_file(rows: list[list]) -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("spending.xlsx", buffer.getvalue())


def run(actor, programme, upload, language="en") -> SpendingImport:
    with translation.override(language):
        job = spending.start_import(actor, programme, upload, language)
    job.refresh_from_db()
    return job


def check(programme, upload, today=datetime.date(2026, 11, 1)):
    positions, rows = imports.table(upload, spending.COLUMNS, max_bytes=spending.MAX_IMPORT_BYTES)
    return spending.check_rows(programme, rows, positions, today=today)


def test_a_good_file_is_imported_whole(focal_point, implemented, project):
    text = "\n".join(
        [
            HEADER,
            "1.1,paid,45000,2026-03-15,OP-1,first payment",
            'ميزانية المواطن,committed,"12 500,50",31/03/2026,ENG-7,',
            ",,,,,",
            "1.1,engagé,1000,2026-04-01,ENG-8,",
        ]
    )
    job = run(focal_point, implemented, csv_file(text))
    assert (job.status, job.created_count, job.total, job.processed, job.errors) == ("done", 3, 3, 3, [])
    assert not job.file
    lines = SpendingLine.objects.order_by("id")
    assert [(line.project.order, line.kind, line.amount) for line in lines] == [
        (1, "paid", Decimal(45000)),
        (2, "committed", Decimal("12500.50")),
        (1, "committed", Decimal(1000)),
    ]
    assert {line.source for line in lines} == {job} and {line.entered_by for line in lines} == {focal_point}
    entry = AuditLogEntry.objects.get(action="spending.import")
    assert entry.details == {"count": 3, "total": "58500.50"}


def test_arabic_and_french_headers_and_kinds(implemented, project):
    arabic = "المشروع;النوع;المبلغ;التاريخ;المرجع;البيان\n1.1;أداء;100;2026-03-15;أ-1;دفعة\n"
    french = "Projet,Nature,Montant,Date,Référence,Libellé\n1,payé,100,15/03/2026,R-1,\n"
    assert [line.kind for line in check(implemented, csv_file(arabic)).lines] == ["paid"]
    assert [line.project for line in check(implemented, csv_file(french)).lines] == [project]


def test_xlsx_is_read(implemented, project):
    upload = xlsx_file(
        [["project", "kind", "amount", "date", "reference"], ["1.1", "paid", 1500.5, datetime.date(2026, 3, 1), 77]]
    )
    [line] = check(implemented, upload).lines
    assert (line.amount, line.spent_on, line.reference) == (Decimal("1500.5"), datetime.date(2026, 3, 1), "77")


def test_one_bad_row_imports_nothing_and_is_named_with_its_column(focal_point, implemented, project):
    text = "\n".join(
        [
            HEADER,
            "1.1,paid,45000,2026-03-15,OP-1,",
            "1.1,paid,-45,2026-03-15,OP-2,",  # line 3: negative amount
            "9.9,paid,45,2026-03-15,OP-3,",  # line 4: unknown project
            "1.1,spent,abc,2025-01-01,,",  # line 5: kind, amount, date and reference
        ]
    )
    job = run(focal_point, implemented, csv_file(text))
    assert job.status == "failed" and not SpendingLine.objects.exists()
    report = {item["line"]: item["messages"] for item in job.errors}
    assert sorted(report) == [3, 4, 5]
    assert report[3] == ["Amount (MAD): The amount must be greater than zero."]
    assert "Project: unknown project “9.9”" in report[4][0]
    assert [m.split(":")[0] for m in report[5]] == ["Kind", "Amount (MAD)", "Date", "Reference"]
    assert not AuditLogEntry.objects.filter(action="spending.import").exists()


def test_the_report_is_in_the_uploaders_language(focal_point, implemented, project):
    job = run(focal_point, implemented, csv_file(f"{HEADER}\n1.1,paid,-45,2026-03-15,OP-2,\n"), language="ar")
    assert "المبلغ" in job.errors[0]["messages"][0]


def test_rows_above_the_budget_need_an_amendment(focal_point, implemented, project):
    text = f"{HEADER}\n1.1,paid,150000,2026-03-15,OP-1,\n1.1,paid,60000,2026-05-01,OP-2,\n"
    job = run(focal_point, implemented, csv_file(text))
    assert job.errors[0]["line"] == 3 and "amendment" in job.errors[0]["messages"][0]
    assert not SpendingLine.objects.exists()
    Amendment.objects.create(project=project, decided_on=datetime.date(2026, 4, 1), reason="x")
    job = run(focal_point, implemented, csv_file(text))
    assert job.status == "done" and SpendingLine.objects.count() == 2


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"project,kind,amount,date,reference\n1.1,paid,4\x005,2026-03-15,OP\n", "neither a CSV"),
        (b"%PDF-1.4 not a table", "neither a CSV"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "neither a CSV"),
        (b"name,text\nx,y\n", "missing"),
        (b"project,kind,amount,date,reference\n", "no spending line"),
    ],
    ids=["nul", "pdf", "png", "missing-columns", "header-only"],
)
def test_unusable_files_are_refused(focal_point, implemented, project, content, words):
    with translation.override("en"):
        with pytest.raises(ValidationError) as exc:
            check(implemented, SimpleUploadedFile("x.csv", content))
        assert words in " ".join(exc.value.messages)


def test_control_characters_in_a_cell_are_named(implemented, project):
    with translation.override("en"):
        checked = check(implemented, csv_file(f"{HEADER}\n1.1,paid,5,2026-03-01,A\x07B,\n"))
    assert checked.errors[2] == ["Reference: it contains control characters (such as NUL)."]


def test_the_row_checks_make_no_query_per_row(implemented, project, django_assert_max_num_queries):
    rows = "\n".join(f"1.1,paid,1,2026-03-15,OP-{n}," for n in range(300))
    with django_assert_max_num_queries(3):
        checked = check(implemented, csv_file(f"{HEADER}\n{rows}\n"))
    assert len(checked.lines) == 300


# Pages ---------------------------------------------------------------------------------------------------------


def test_upload_page_queues_the_job_and_shows_the_report(client, focal_point, implemented, project):
    client.force_login(focal_point)
    upload = csv_file(f"{HEADER}\n1.1,paid,45000,2026-03-15,OP-1,\n")
    response = client.post(url(implemented, "spending_import"), {"file": upload})
    job = SpendingImport.objects.get()
    assert response.status_code == 302 and response.url == url(implemented, "spending_import_status", job=job.pk)
    page = client.get(response.url)
    assert page.status_code == 200 and job.name in page.content.decode()
    assert SpendingLine.objects.count() == 1
    partial = client.get(response.url, headers={"HX-Request": "true"})
    assert b"<html" not in partial.content and b"import-progress" in partial.content


def test_upload_of_a_pdf_is_refused_on_the_form(client, focal_point, implemented):
    client.force_login(focal_point)
    response = client.post(url(implemented, "spending_import"), {"file": SimpleUploadedFile("a.csv", b"%PDF-1.7")})
    assert response.status_code == 400 and not SpendingImport.objects.exists()
    assert "CSV" in response.content.decode()


@pytest.mark.parametrize("who", ["committee_member", "citizen", "other_focal_point"])
def test_others_cannot_upload_or_see_imports(client, request, who, implemented, focal_point):
    job = SpendingImport.objects.create(programme=implemented, uploaded_by=focal_point, name="f.csv")
    client.force_login(request.getfixturevalue(who))
    upload = csv_file(f"{HEADER}\n1.1,paid,45000,2026-03-15,OP-1,\n")
    assert client.post(url(implemented, "spending_import"), {"file": upload}).status_code == 403
    assert client.get(url(implemented, "spending_import_status", job=job.pk)).status_code == 403
    assert client.get(url(implemented, "spending_template")).status_code == 403
    assert SpendingImport.objects.count() == 1


def test_the_template_names_the_columns_in_the_readers_language(client, focal_point, implemented):
    client.force_login(focal_point)
    with translation.override("fr"):
        response = client.get(url(implemented, "spending_template"))
    assert response.content.decode("utf-8").lstrip("\ufeff").startswith("projet,nature,montant,date,référence")


def test_a_job_runs_once(focal_point, implemented, project):
    job = run(focal_point, implemented, csv_file(f"{HEADER}\n1.1,paid,45000,2026-03-15,OP-1,\n"))
    assert import_spending(job.pk) == "done" and SpendingLine.objects.count() == 1


@pytest.mark.parametrize("who", ["committee_member", "citizen", "other_focal_point", "unit_officer"])
def test_the_import_services_refuse_others(request, who, implemented, project):
    from django.core.exceptions import PermissionDenied

    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        spending.start_import(actor, implemented, csv_file(f"{HEADER}\n1.1,paid,5,2026-03-15,OP-1,\n"), "ar")
    line = SpendingLine(project=project, kind="paid", amount=5, spent_on=datetime.date(2026, 3, 15), reference="X")
    with pytest.raises(PermissionDenied):
        spending.import_lines(actor, implemented, [line])
    assert not SpendingImport.objects.exists() and not SpendingLine.objects.exists()


def test_a_network_admin_may_import(network_admin, implemented, project):
    job = run(network_admin, implemented, csv_file(f"{HEADER}\n1.1,paid,5,2026-03-15,OP-1,\n"))
    assert job.status == "done" and SpendingLine.objects.get().entered_by == network_admin
