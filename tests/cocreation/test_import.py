"""Staff entry of ideas: the bulk form (rows, add a row with and without htmx, all or nothing) and the CSV/XLSX
import (parsing, per-row report, all or nothing, file checks, the background job and its progress page)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from remacto.cocreation import imports
from remacto.cocreation.models import Idea, ImportJob, Phase

from .conftest import IDEA, in_phase

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to a temporary directory, not the project's media."""
    settings.MEDIA_ROOT = tmp_path


HEADER = "title,problem,solution,expected_impact,axis,author_name,channel"
REFUSED = [
    "citizen",
    "association_member",
    "committee_member",
    "other_committee_member",
    "moderator",
    "other_focal_point",
]


def url(programme, name: str, **kwargs) -> str:
    return reverse(
        f"cocreation:{name}", kwargs={"slug": programme.collectivity.slug, "cycle": programme.cycle, **kwargs}
    )


def csv_file(text: str, name: str = "ideas.csv", bom: bool = False) -> SimpleUploadedFile:
    data = text.encode("utf-8")
    return SimpleUploadedFile(name, (b"\xef\xbb\xbf" if bom else b"") + data, content_type="text/csv")


def xlsx_file(rows: list[list], name: str = "ideas.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def parse(upload, programme, channel="paper", has_workshop=False):
    return imports.parse(upload, programme, channel, has_workshop)


# Parsing --------------------------------------------------------------------------------------------------------


def test_csv_with_comma_and_english_header(programme, axis):
    parsed = parse(csv_file(f"{HEADER}\nIdea one,A problem,A solution,,{axis.title},Amina,sms\n"), programme)
    assert not parsed.errors
    [row] = parsed.rows
    assert (row.line, row.channel, row.values["axis"], row.values["author_name"]) == (2, "sms", axis, "Amina")


def test_csv_with_semicolons_bom_and_arabic_header(programme, axis):
    text = "العنوان;الإشكالية;الحل المقترح;المحور;القناة\nفكرة;مشكل;حل;المشاركة المواطنة;ورشة\nفكرة 2;مشكل;حل;;\n"
    parsed = parse(csv_file(text, bom=True), programme, has_workshop=True)
    assert not parsed.errors
    assert [(r.channel, r.values["axis"]) for r in parsed.rows] == [("workshop", axis), ("paper", None)]


def test_french_header_with_other_accents_and_case(programme):
    text = "Titre,PROBLEME,Solution Proposée,Impact attendu,Nom de l'auteur,Canal\nT,P,S,I,Karim,guichet\n"
    [row] = parse(csv_file(text), programme).rows
    assert row.channel == "desk" and row.values["expected_impact"] == "I" and row.values["author_name"] == "Karim"


def test_every_row_is_checked_and_named_by_line(programme, axis):
    text = "\n".join(
        [
            HEADER,
            "ok,p,s,,,,",
            ",p,s,,,,",  # line 3: no title
            "t,p,s,,محور غير موجود,,",  # line 4: unknown axis
            f"{'ط' * 151},p,s,,,,",  # line 5: too long
            "t,p,s,,,,pigeon",  # line 6: bad channel
            "t,p,s,,,,online",  # line 7: online is not a staff channel
            ",,,,,,",  # blank, skipped
            "t,p,s,,,,workshop",  # line 9: a workshop idea but no workshop chosen
        ]
    )
    with translation.override("en"):
        parsed = parse(csv_file(text), programme)
    assert [r.line for r in parsed.rows] == [2]
    assert sorted(parsed.errors) == [3, 4, 5, 6, 7, 9]
    assert "Title" in parsed.errors[3][0]
    assert "محور غير موجود" in parsed.errors[4][0]
    assert "151" in parsed.errors[5][0]


def test_xlsx_is_read(programme, axis):
    upload = xlsx_file(
        [
            ["title", "problem", "solution", "axis"],
            ["From Excel", "p", "s", axis.title],
            [None] * 4,
            ["Number", 42, 3.0, None],
        ]
    )
    parsed = parse(upload, programme)
    assert not parsed.errors
    assert [(r.line, r.values["title"], r.values["problem"]) for r in parsed.rows] == [
        (2, "From Excel", "p"),
        (4, "Number", "42"),
    ]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "wrong_type"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "wrong_type"),
        (b"PK\x03\x04 not really a zip", "wrong_type"),
        ("titre,problème\né,à\n".encode("latin-1"), "wrong_type"),
        (b"", "empty"),
        (b"title,problem,solution\n", "empty"),
        (b"name,text\nx,y\n", "missing_columns"),
        (b"x" * (2 * 1024 * 1024 + 1), "too_large"),
    ],
    ids=["png", "old-xls", "fake-zip", "latin-1", "empty", "header-only", "missing-columns", "too-large"],
)
def test_unusable_files_get_a_clear_error(programme, content, code):
    with pytest.raises(Exception) as exc:
        parse(SimpleUploadedFile("ideas.csv", content), programme)
    assert getattr(exc.value, "code", None) == code, exc.value


def test_a_zip_that_is_not_a_workbook(programme):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(Exception) as exc:
        parse(SimpleUploadedFile("ideas.xlsx", buffer.getvalue()), programme)
    assert exc.value.code == "wrong_type"


def test_at_most_5000_rows(programme, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 3)
    with pytest.raises(Exception) as exc:
        parse(csv_file("title,problem,solution\n" + "t,p,s\n" * 4), programme)
    assert exc.value.code == "too_many_rows"
    assert len(parse(csv_file("title,problem,solution\n" + "t,p,s\n" * 3), programme).rows) == 3


def test_template_has_a_bom_and_the_headers_of_the_language():
    assert imports.template_csv("ar").startswith("\ufeffالعنوان,")
    assert imports.template_csv("fr").startswith("\ufefftitre,problème")
    assert imports.template_csv("zgh").startswith("\ufefftitle,problem")


# The import pages -----------------------------------------------------------------------------------------------


def upload(client, programme, file, channel="paper", workshop=None, htmx=False):
    data = {"channel": channel, "file": file}
    if workshop:
        data["workshop"] = workshop.pk
    return client.post(url(programme, "ideas_import"), data)


@pytest.mark.parametrize("role", ["focal_point", "network_admin"])
def test_focal_point_and_admin_import(request, client, programme, axis, workshop, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    assert client.get(url(programme, "ideas_import")).status_code == 200
    text = f"{HEADER}\nفكرة أ,مشكل,حل,,{axis.title},,\nفكرة ب,مشكل,حل,,,,paper\n"
    response = upload(client, programme, csv_file(text), channel="workshop", workshop=workshop)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == url(programme, "import_status", job=job.pk)
    assert (job.status, job.total, job.created_count, job.uploaded_by) == ("done", 2, 2, user)
    assert set(Idea.objects.values_list("title", "channel", "workshop", "recorded_by")) == {
        ("فكرة أ", "workshop", workshop.pk, user.pk),
        ("فكرة ب", "paper", None, user.pk),
    }
    page = client.get(response["Location"]).content.decode()
    assert "hx-trigger" not in page and url(programme, "ideas") in page
    assert not job.file  # the report stays, the uploaded file (participants' names) does not


@pytest.mark.parametrize("role", REFUSED)
def test_others_cannot_import(request, client, programme, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(url(programme, "ideas_import")).status_code == 403
    assert upload(client, programme, csv_file(f"{HEADER}\nt,p,s,,,,\n")).status_code == 403
    assert not ImportJob.objects.exists() and not Idea.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, programme):
    assert client.get(url(programme, "ideas_import")).status_code == 302
    assert upload(client, programme, csv_file(f"{HEADER}\nt,p,s,,,,\n")).status_code == 302
    assert not Idea.objects.exists()


def test_one_bad_row_imports_nothing_and_names_the_row(client, focal_point, programme):
    client.force_login(focal_point)
    text = f"{HEADER}\nبخير,مشكل,حل,,,,\nناقص,,حل,,,,\nبخير أيضا,مشكل,حل,,,,\n"
    response = upload(client, programme, csv_file(text))
    job = ImportJob.objects.get()
    assert job.status == "failed" and job.errors == [{"line": 3, "messages": [job.errors[0]["messages"][0]]}]
    assert not Idea.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Line 3" in page or "السطر 3" in page


def test_a_row_refused_by_the_service_undoes_the_others(client, focal_point, programme, monkeypatch):
    """Rows valid for the parser but refused when saving (here: the phase moved on) import nothing."""
    client.force_login(focal_point)
    in_phase(programme, Phase.CONSULTATION)
    upload(client, programme, csv_file(f"{HEADER}\nt,p,s,,,,\nu,p,s,,,,sms\n"))
    job = ImportJob.objects.get()
    assert job.status == "failed" and job.errors[0]["line"] == 0
    assert not Idea.objects.exists()


def test_xlsx_happy_path(client, focal_point, programme, axis):
    client.force_login(focal_point)
    rows = [["العنوان", "الإشكالية", "الحل المقترح", "المحور", "صاحب الفكرة"]]
    rows += [[f"فكرة {i}", "مشكل", "حل", axis.title, f"مشارك {i}"] for i in range(10)]
    upload(client, programme, xlsx_file(rows), channel="desk")
    assert ImportJob.objects.get().status == "done"
    assert Idea.objects.filter(channel="desk", axis=axis).count() == 10


@pytest.mark.parametrize(
    "file",
    [
        SimpleUploadedFile("ideas.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        SimpleUploadedFile("ideas.xlsx", b"%PDF-1.7 pretending"),
        SimpleUploadedFile("ideas.csv", b"t" * (2 * 1024 * 1024 + 1)),
    ],
    ids=["png-named-csv", "pdf-named-xlsx", "too-large"],
)
def test_neither_csv_nor_xlsx_is_refused_on_the_form(client, focal_point, programme, file):
    client.force_login(focal_point)
    response = upload(client, programme, file)
    assert response.status_code == 200 and "file" in response.context["form"].errors
    assert not ImportJob.objects.exists()


def test_workshop_channel_needs_a_workshop(client, focal_point, programme):
    client.force_login(focal_point)
    response = upload(client, programme, csv_file(f"{HEADER}\nt,p,s,,,,\n"), channel="workshop")
    assert "workshop" in response.context["form"].errors and not ImportJob.objects.exists()


def test_progress_partial_polls_while_running(client, focal_point, programme):
    job = ImportJob.objects.create(
        programme=programme,
        uploaded_by=focal_point,
        name="x.csv",
        channel="paper",
        status="running",
        total=200,
        processed=50,
    )
    client.force_login(focal_point)
    status = url(programme, "import_status", job=job.pk)
    partial = client.get(status, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and 'hx-trigger="every 1s"' in partial and 'value="50"' in partial
    assert "<html" in client.get(status).content.decode()
    job.status = "done"
    job.save()
    assert "hx-trigger" not in client.get(status, HTTP_HX_REQUEST="true").content.decode()


def test_a_stuck_job_stops_polling_and_says_so(client, focal_point, programme):
    job = ImportJob.objects.create(programme=programme, uploaded_by=focal_point, name="x.csv", channel="paper")
    ImportJob.objects.filter(pk=job.pk).update(created_at=job.created_at - ImportJob.STALE_AFTER * 2)
    client.force_login(focal_point)
    partial = client.get(url(programme, "import_status", job=job.pk), HTTP_HX_REQUEST="true")
    assert "hx-trigger" not in partial.content.decode() and partial.context["job"].is_stale


def test_job_of_another_programme_is_404(client, focal_point, network_admin, programme, other_programme):
    job = ImportJob.objects.create(programme=other_programme, uploaded_by=network_admin, name="x", channel="paper")
    client.force_login(focal_point)
    assert client.get(url(programme, "import_status", job=job.pk)).status_code == 404


def test_status_page_refused_to_others(client, citizen, focal_point, programme):
    job = ImportJob.objects.create(programme=programme, uploaded_by=focal_point, name="x", channel="paper")
    client.force_login(citizen)
    assert client.get(url(programme, "import_status", job=job.pk)).status_code == 403


def test_template_download(client, programme):
    response = client.get(url(programme, "ideas_import_template"))
    assert response["Content-Type"].startswith("text/csv") and "attachment" in response["Content-Disposition"]
    assert response.content.decode("utf-8").startswith("\ufeffالعنوان")


def test_script_in_the_report_is_inert(client, focal_point, programme):
    client.force_login(focal_point)
    response = upload(client, programme, csv_file(f"{HEADER}\nt,p,s,,<script>alert(1)</script>,,\n"))
    page = client.get(response["Location"]).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# The bulk form --------------------------------------------------------------------------------------------------


def rows_data(*rows, channel="workshop", workshop=None, total=None, **extra) -> dict:
    data = {"channel": channel, "rows-TOTAL_FORMS": str(total or len(rows)), "rows-INITIAL_FORMS": "0", **extra}
    if workshop:
        data["workshop"] = str(workshop.pk)
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"rows-{i}-{key}"] = value
    return data


@pytest.mark.parametrize("role", ["focal_point", "network_admin"])
def test_staff_record_workshop_ideas(request, client, programme, axis, workshop, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    assert client.get(url(programme, "ideas_record")).status_code == 200
    rows = [{**IDEA, "axis": str(axis.pk), "author_name": "مشارك"}, {**IDEA, "title": "فكرة ثانية"}, {}]
    response = client.post(url(programme, "ideas_record"), rows_data(*rows, workshop=workshop))
    assert response.status_code == 302
    assert set(Idea.objects.values_list("title", "channel", "workshop", "recorded_by", "author_name")) == {
        (IDEA["title"], "workshop", workshop.pk, user.pk, "مشارك"),
        ("فكرة ثانية", "workshop", workshop.pk, user.pk, ""),
    }


@pytest.mark.parametrize("role", REFUSED)
def test_others_cannot_record(request, client, programme, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(url(programme, "ideas_record")).status_code == 403
    assert client.post(url(programme, "ideas_record"), rows_data(IDEA, channel="paper")).status_code == 403
    assert not Idea.objects.exists()


def test_a_bad_row_saves_nothing_and_keeps_everything_typed(client, focal_point, programme, workshop):
    client.force_login(focal_point)
    rows = [IDEA, {**IDEA, "title": "الثانية", "problem": ""}, {**IDEA, "title": "ط" * 151}]
    response = client.post(url(programme, "ideas_record"), rows_data(*rows, workshop=workshop))
    assert response.status_code == 200 and not Idea.objects.exists()
    forms = response.context["rows"].forms
    assert not forms[0].errors and "problem" in forms[1].errors and "title" in forms[2].errors
    page = response.content.decode()
    assert "الثانية" in page and IDEA["solution"] in page


def test_only_the_wrong_field_of_a_bad_row_is_marked(client, focal_point, programme, workshop):
    client.force_login(focal_point)
    response = client.post(url(programme, "ideas_record"), rows_data({**IDEA, "problem": ""}, workshop=workshop))
    page = response.content.decode()
    row = page[page.index('id="row-1"') - 60 : page.index('id="row-1"')]
    assert "has-error" not in row
    assert page.count('class="field has-error') == 1 and 'id="id_rows-0-problem"' in page


def test_service_row_errors_keep_their_field(focal_point, programme, workshop):
    from django.core.exceptions import ValidationError

    from remacto.cocreation.services import ideas

    with pytest.raises(ValidationError) as caught:
        ideas.record_ideas(focal_point, programme, "workshop", [IDEA, {**IDEA, "solution": ""}], workshop=workshop)
    (key, errors), *_ = caught.value.error_dict.items()
    assert key.endswith("2") and [e.field for e in errors] == ["solution"]
    assert caught.value.message_dict == {key: [errors[0].messages[0]]}


def test_service_row_errors_land_next_to_their_row(client, focal_point, programme, workshop, monkeypatch):
    """The service names rows by their place among the filled rows (translated "row N"); blank rows are skipped."""
    from django.core.exceptions import ValidationError

    from remacto.cocreation.services import ideas

    def refuse(*args, **kwargs):
        raise ValidationError({"الصف 2": ["مرفوض من الخدمة"]})

    monkeypatch.setattr(ideas, "record_ideas", refuse)
    client.force_login(focal_point)
    rows = [IDEA, {}, {**IDEA, "title": "الثالثة"}]
    response = client.post(url(programme, "ideas_record"), rows_data(*rows, workshop=workshop))
    forms = response.context["rows"].forms
    assert forms[2].non_field_errors() == ["مرفوض من الخدمة"] and not forms[0].errors
    assert "الثالثة" in response.content.decode()


def test_a_phase_past_triage_is_said_before_the_form_and_refuses_the_batch(client, focal_point, programme, workshop):
    client.force_login(focal_point)
    in_phase(programme, Phase.CONSULTATION)
    page = client.get(url(programme, "ideas_record")).content.decode()
    assert "لم يعد ممكنا إضافة أفكار بعد بدء صياغة المشاريع." in page
    assert 'name="rows-0-title"' not in page
    response = client.post(url(programme, "ideas_record"), rows_data(IDEA, workshop=workshop))
    assert response.context["closed"] and not Idea.objects.exists()


def test_workshop_channel_without_workshop_and_empty_form(client, focal_point, programme):
    client.force_login(focal_point)
    response = client.post(url(programme, "ideas_record"), rows_data(IDEA))
    assert "workshop" in response.context["header"].errors
    response = client.post(url(programme, "ideas_record"), rows_data({}, {}, channel="paper"))
    assert response.context["header"].non_field_errors()
    response = client.post(url(programme, "ideas_record"), rows_data(IDEA, channel="online"))
    assert "channel" in response.context["header"].errors
    assert not Idea.objects.exists()


def test_add_a_row_without_javascript_keeps_the_rows(client, focal_point, programme, workshop):
    client.force_login(focal_point)
    data = rows_data({**IDEA, "title": "مكتوبة"}, {}, workshop=workshop, add_row="1")
    response = client.post(url(programme, "ideas_record"), data)
    assert response.status_code == 200 and not Idea.objects.exists()
    assert len(response.context["rows"].forms) == 3
    page = response.content.decode()
    assert "مكتوبة" in page and 'name="rows-2-title"' in page and 'class="error"' not in page
    # the carried-over rows may stay blank: the next save ignores them
    data = rows_data({**IDEA, "title": "مكتوبة"}, {}, {}, workshop=workshop)
    data["rows-INITIAL_FORMS"] = "2"
    assert client.post(url(programme, "ideas_record"), data).status_code == 302
    assert Idea.objects.get().title == "مكتوبة"


def test_add_a_row_with_htmx_returns_one_row_and_the_new_total(client, focal_point, programme):
    client.force_login(focal_point)
    data = rows_data({}, {}, {}, channel="paper", add_row="1")
    response = client.post(url(programme, "ideas_record"), data, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and 'name="rows-3-title"' in body and 'name="rows-2-title"' not in body
    assert 'id="id_rows-TOTAL_FORMS"' in body and 'value="4"' in body and 'hx-swap-oob="true"' in body


def test_at_most_60_rows(client, focal_point, programme):
    from remacto.cocreation.idea_forms import MAX_ROWS

    client.force_login(focal_point)
    data = rows_data(*[{} for _ in range(MAX_ROWS)], channel="paper", add_row="1")
    response = client.post(url(programme, "ideas_record"), data)
    assert len(response.context["rows"].forms) == MAX_ROWS
    assert client.post(url(programme, "ideas_record"), data, HTTP_HX_REQUEST="true").status_code == 204
    too_many = rows_data(*[IDEA for _ in range(MAX_ROWS + 1)], channel="paper")
    response = client.post(url(programme, "ideas_record"), too_many)
    assert response.context["rows"].non_form_errors() and not Idea.objects.exists()


def test_script_typed_in_a_row_is_inert(client, focal_point, programme):
    client.force_login(focal_point)
    script = "<script>alert(1)</script>"
    response = client.post(
        url(programme, "ideas_record"), rows_data({**IDEA, "title": script, "problem": ""}, channel="paper")
    )
    page = response.content.decode()
    assert script not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
