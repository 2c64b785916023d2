"""Services of the library: submission (structure typed or copied from a programme, documents), review with
notifications in the submitter's language, and "use as a template" at each phase of a programme."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from remacto.cocreation.models import Axis, Phase, Programme, Project
from remacto.core.models import AuditLogEntry
from remacto.notifications.models import Notification
from remacto.practices import services
from remacto.practices.models import (
    Practice,
    PracticeAxis,
    PracticeDocument,
    PracticeProject,
    TemplateItem,
    TemplateUse,
)

from .conftest import VALUES

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="report.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def test_submit_saves_the_practice_its_structure_and_tells_the_network_team(focal_point, commune, network_admin):
    practice = services.submit_practice(
        focal_point,
        commune,
        VALUES,
        structure=services.parse_structure("محور أول\n- مشروع أ\n- مشروع ب\nمحور ثان"),
        documents=[("التقرير", pdf())],
    )
    assert practice.status == Practice.Status.SUBMITTED
    assert [a.title for a in practice.axes.all()] == ["محور أول", "محور ثان"]
    assert list(PracticeProject.objects.filter(axis__practice=practice).values_list("title", flat=True)) == [
        "مشروع أ",
        "مشروع ب",
    ]
    assert practice.documents.get().title == "التقرير"
    assert "اداره" in practice.search_text  # folded: alef with hamza and ta marbuta
    assert AuditLogEntry.objects.filter(action="practice.submit", object_id=str(practice.pk)).exists()
    assert Notification.objects.filter(recipient=network_admin, kind="practice_submitted").exists()


def test_structure_copied_from_one_of_the_members_programmes(focal_point, commune):
    programme = Programme.objects.create(collectivity=commune, cycle="2024-2025", title="ب", phase=Phase.DRAFTING)
    axis = Axis.objects.create(programme=programme, title="الرقمنة", order=1, serves_digitalisation=True)
    Project.objects.create(programme=programme, axis=axis, title="شباك رقمي", budget=0)
    practice = services.submit_practice(focal_point, commune, VALUES, source_programme=programme)
    copied = practice.axes.get()
    assert (copied.title, copied.serves_digitalisation) == ("الرقمنة", True)
    assert [p.title for p in copied.projects.all()] == ["شباك رقمي"]
    assert practice.source_programme == programme


def test_another_members_programme_is_refused_as_source(focal_point, commune, ideas_programme):
    with pytest.raises(ValidationError) as exc:
        services.submit_practice(focal_point, commune, VALUES, source_programme=ideas_programme)
    assert "source_programme" in exc.value.message_dict
    assert not Practice.objects.exists()


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * 2_000_000)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bomb.docx", _zip_bomb()),
        ("nul.pdf", b"\x00\x00\x00%PDF-1.4"),
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("script.pdf.exe", b"MZ\x90\x00\x03"),
    ],
)
def test_an_unsafe_document_is_refused_and_nothing_is_saved(focal_point, commune, name, content):
    upload = SimpleUploadedFile(name, content)
    with pytest.raises(ValidationError) as exc:
        services.submit_practice(focal_point, commune, VALUES, documents=[("وثيقة", pdf()), ("سيئة", upload)])
    assert "documents" in exc.value.message_dict
    assert not Practice.objects.exists()
    assert not PracticeDocument.objects.exists()


def test_a_huge_picture_is_refused(focal_point, commune):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (8000, 8000)).save(buffer, "PNG")
    upload = SimpleUploadedFile("huge.png", buffer.getvalue())
    with pytest.raises(ValidationError, match="40"):
        services.submit_practice(focal_point, commune, VALUES, documents=[("صورة", upload)])
    assert not Practice.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", ""),
        ("title", "عنوان\x00"),
        ("title", "\u200b\u200b"),
        ("title", "ع" * 201),
        ("summary", ""),
        ("description", "<script></script>"),
        ("contact_name", ""),
        ("contact_email", "not-an-email"),
        ("ended_on", "2020-01-01"),
        ("started_on", "13/04/2023"),
    ],
)
def test_bad_fields_are_refused_with_a_message_on_the_field(focal_point, commune, field, value):
    with pytest.raises(ValidationError) as exc:
        services.submit_practice(focal_point, commune, {**VALUES, field: value})
    assert field in exc.value.message_dict
    assert not Practice.objects.exists()


@pytest.mark.parametrize(
    "text", ["- مشروع قبل أي محور", "\n".join(f"محور {n}" for n in range(13)), "محور\n- " + "م" * 301]
)
def test_a_bad_structure_is_refused(focal_point, commune, text):
    with pytest.raises(ValidationError) as exc:
        services.submit_practice(focal_point, commune, VALUES, structure=services.parse_structure(text))
    assert "structure" in exc.value.message_dict
    assert not Practice.objects.exists()


def test_review_cycle_tells_the_submitter_each_time(practice, network_admin, focal_point):
    with pytest.raises(ValidationError):
        services.request_changes(network_admin, practice, "قصير")
    practice = services.request_changes(network_admin, practice, "أضيفوا النتائج المرقمة من فضلكم")
    assert practice.status == Practice.Status.CHANGES
    with pytest.raises(ValidationError):
        services.publish(network_admin, practice)  # sent back: the submitter corrects first
    practice = services.update_practice(focal_point, practice, {**VALUES, "results": "130 عريضة"})
    assert practice.status == Practice.Status.SUBMITTED
    practice = services.publish(network_admin, practice)
    assert practice.is_published and practice.published_at
    with pytest.raises(ValidationError):
        services.publish(network_admin, practice)
    practice = services.unpublish(network_admin, practice, "معلومات الاتصال لم تعد صحيحة")
    assert practice.status == Practice.Status.UNPUBLISHED
    kinds = list(Notification.objects.filter(recipient=focal_point).values_list("message", flat=True))
    assert len(kinds) == 3
    assert AuditLogEntry.objects.filter(action__startswith="practice.").count() == 5


def test_the_notification_reads_in_the_submitters_language(practice, network_admin, focal_point):
    focal_point.preferred_language = "fr"
    focal_point.save()
    services.publish(network_admin, practice)
    notification = Notification.objects.get(recipient=focal_point)
    from remacto.notifications.services import render_email

    subject, text, _html = render_email(notification)
    assert "publiée" in subject + text


def test_template_before_drafting_adds_axes_and_outlines_with_links(published, other_focal_point, ideas_programme):
    Axis.objects.create(programme=ideas_programme, title="المشاركة المواطنه", order=1)  # same axis, other spelling
    use = services.use_as_template(other_focal_point, published, ideas_programme)
    titles = list(ideas_programme.axes.values_list("title", flat=True))
    assert titles == ["المشاركة المواطنه", "الرقمنة"]
    items = list(use.items.all())
    assert [i.axis.title for i in items if i.axis and not i.outline] == ["الرقمنة"]
    assert sorted(i.outline for i in items if i.outline) == sorted(
        ["تشجيع الديمقراطية التشاركية", "دليل العرائض", "شباك رقمي"]
    )
    assert not ideas_programme.projects.exists()
    assert AuditLogEntry.objects.filter(action="practice.template").count() == 1


def test_template_during_drafting_creates_draft_projects_under_matching_axes(
    published, other_focal_point, programme_at
):
    programme = programme_at(Phase.DRAFTING)
    Axis.objects.create(programme=programme, title="الرقمنة", order=1)
    use = services.use_as_template(other_focal_point, published, programme)
    project = programme.projects.get()
    assert (project.title, project.axis.title, project.status) == ("شباك رقمي", "الرقمنة", Project.Status.DRAFT)
    assert TemplateItem.objects.filter(use=use, project=project).exists()
    # The other axis cannot be added any more: its projects wait as outlines.
    assert use.items.filter(outline="دليل العرائض", axis=None).exists()


@pytest.mark.parametrize("phase", [Phase.CONSULTATION, Phase.ADOPTION, Phase.IMPLEMENTATION, Phase.CLOSED])
def test_a_programme_past_drafting_is_refused_and_nothing_saved(published, other_focal_point, programme_at, phase):
    programme = programme_at(phase)
    with pytest.raises(ValidationError) as exc:
        services.use_as_template(other_focal_point, published, programme)
    assert programme.get_phase_display() in exc.value.messages[0]
    assert not TemplateUse.objects.exists()
    assert not programme.axes.exists()


def test_template_twice_or_from_an_unpublished_practice_is_refused(
    published, network_admin, other_focal_point, programme_at
):
    programme = programme_at(Phase.AXES)
    services.use_as_template(other_focal_point, published, programme)
    with pytest.raises(ValidationError, match="سبق"):
        services.use_as_template(other_focal_point, published, programme)
    assert programme.axes.count() == 2
    services.unpublish(network_admin, published, "سحب مؤقت للمراجعة")
    with pytest.raises(ValidationError, match="المنشورة"):
        services.use_as_template(other_focal_point, published, programme_at(Phase.AXES, "2027-2028"))


def test_structure_round_trip_in_the_form_notation():
    outline = services.parse_structure("  أ \n\n- ب\n* ج\nد")
    assert [(a.title, a.projects) for a in outline] == [("أ", ["ب", "ج"]), ("د", [])]
    assert PracticeAxis._meta.get_field("title").max_length == 200


def test_a_project_copied_from_a_practice_has_its_budget_to_be_estimated_not_zero(
    published, other_focal_point, programme_at, client
):
    """A practice carries no budget figure; the project's budget column needs one (NOT NULL, at least 0), so the
    draft holds 0 marked "to be estimated", shown so until someone gives the budget."""
    assert not Project._meta.get_field("budget").null
    assert not [f for f in PracticeProject._meta.get_fields() if "budget" in f.name]
    programme = programme_at(Phase.DRAFTING)
    Axis.objects.create(programme=programme, title="الرقمنة", order=1)
    services.use_as_template(other_focal_point, published, programme)
    project = programme.projects.get()
    assert project.budget == 0 and project.budget_to_estimate
    client.force_login(other_focal_point)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "تقدر لاحقا" in page and "0 درهم" not in page
    from remacto.cocreation.forms import ProjectForm

    assert ProjectForm(instance=project, programme=programme)["budget"].value() is None
    from remacto.cocreation.services.projects import update_project

    update_project(other_focal_point, project, {"budget": "120 000"})
    project.refresh_from_db()
    assert project.budget == 120000 and not project.budget_to_estimate
    assert "تقدر لاحقا" not in client.get(project.get_absolute_url()).content.decode()
