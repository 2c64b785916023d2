"""Posting progress: an update with its photos, documents, activity statuses and indicator values, written in one
transaction and audited; the project's progress and status follow it; every bad input is refused with a clear
message and nothing saved. Assigning the responsible unit's staff."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import ExifTags, Image

from remacto.cocreation.models import Phase, Project
from remacto.core.models import AuditLogEntry
from remacto.monitoring.models import (
    ActivityStatus,
    IndicatorValue,
    ProgressUpdate,
    ProjectAssignment,
    UpdateDocument,
    UpdatePhoto,
)
from remacto.monitoring.services import assignments
from remacto.monitoring.services import progress as service

from ..conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are compared in English here; one test reads them in Arabic."""
    with translation.override("en"):
        yield


TODAY = datetime.date(2026, 9, 1)
VALUES = {"reported_on": datetime.date(2026, 5, 1), "progress": 40, "narrative": "انتهت الدراسة التقنية"}


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (6, 4), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] = "N"
    buffer = io.BytesIO()
    Image.new("RGB", (6, 4), "teal").save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("محضر.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


def post(actor, project, values=None, **kwargs):
    return service.post_update(actor, project, {**VALUES, **(values or {})}, today=TODAY, **kwargs)


def counts() -> tuple:
    return tuple(
        model.objects.count()
        for model in (ProgressUpdate, UpdatePhoto, UpdateDocument, ActivityStatus, IndicatorValue, AuditLogEntry)
    )


# Posting ---------------------------------------------------------------------------------------------------------


def test_an_update_with_everything_is_saved_audited_and_moves_the_project(focal_point, project):
    study, works = project.activities.order_by("order")
    indicator = project.indicators.get()
    update = post(
        focal_point,
        project,
        photos=[SimpleUploadedFile("ورش.jpg", jpeg_with_gps())],
        documents=[pdf()],
        activity_changes=[
            {"activity": study, "status": "done", "started_on": "2026-01-10", "finished_on": "2026-04-30"},
            {"activity": works.pk, "status": "under_way", "started_on": datetime.date(2026, 5, 1)},
        ],
        indicator_values=[{"indicator": indicator, "measured_on": "2026-04-30", "value": "120", "source": "سجل"}],
    )
    assert (update.progress, update.reported_on, update.author) == (40, datetime.date(2026, 5, 1), focal_point)
    assert [s.status for s in update.activity_statuses.order_by("id")] == ["done", "under_way"]
    assert update.indicator_values.get().value == Decimal("120.00")
    photo = update.photos.get()
    with Image.open(photo.image) as image:
        assert image.format == "JPEG" and not image.getexif()  # re-encoded without metadata (no GPS)
    assert update.documents.get().name == "محضر.pdf"
    project.refresh_from_db()
    assert (project.progress, project.status) == (40, Project.Status.IN_PROGRESS)
    entry = AuditLogEntry.objects.get(action="progress.post")
    assert entry.collectivity == project.programme.collectivity
    assert entry.details["progress"] == 40 and entry.details["before"] == {"progress": 0, "status": "in_progress"}


def test_history_is_kept_and_the_latest_update_is_the_current_state(focal_point, project):
    first = post(focal_point, project)
    second = post(focal_point, project, {"reported_on": "2026-06-01", "progress": 55})
    assert ProgressUpdate.objects.filter(project=project).count() == 2
    first.refresh_from_db()
    assert first.progress == 40  # never overwritten
    assert service.latest_update(project) == second
    project.refresh_from_db()
    assert project.progress == 55


def test_the_service_offers_no_edit_or_delete():
    assert not [name for name in dir(service) if name.startswith(("edit", "delete", "update_", "remove"))]


def test_completed_only_when_ticked_at_100(focal_point, project):
    post(focal_point, project, {"progress": 100})
    project.refresh_from_db()
    assert (project.progress, project.status) == (100, Project.Status.IN_PROGRESS)
    post(focal_point, project, {"progress": 100, "reported_on": "2026-06-01"}, completed=True)
    project.refresh_from_db()
    assert project.status == Project.Status.COMPLETED


def test_lower_progress_with_a_reason_is_kept(focal_point, project):
    post(focal_point, project)
    update = post(focal_point, project, {"progress": 30, "reported_on": "2026-06-01", "decrease_reason": "خطأ قياس"})
    assert update.decrease_reason == "خطأ قياس"
    project.refresh_from_db()
    assert project.progress == 30


def test_dates_at_the_edges_of_the_implementation_period_are_accepted(focal_point, project):
    programme = project.programme
    update = post(focal_point, project, {"reported_on": programme.implementation_start})
    assert update.reported_on == datetime.date(2026, 1, 1)


def test_without_an_implementation_period_only_the_future_is_refused(focal_point, project):
    Project.objects.filter(pk=project.pk)  # the project keeps its programme
    programme = project.programme
    programme.implementation_start = programme.implementation_end = None
    programme.save()
    assert post(focal_point, project, {"reported_on": "2025-06-01"}).reported_on == datetime.date(2025, 6, 1)


# Bad input: a clear message, nothing saved ----------------------------------------------------------------------


def refused(actor, project, field, message, values=None, **kwargs):
    before = counts()
    progress_before = Project.objects.get(pk=project.pk).progress
    with pytest.raises(ValidationError) as caught:
        post(actor, project, values, **kwargs)
    assert counts() == before
    assert Project.objects.get(pk=project.pk).progress == progress_before
    errors = caught.value.message_dict if field else {None: caught.value.messages}
    assert any(message in text for text in errors[field]), errors
    return caught.value


@pytest.mark.parametrize("progress", [-1, 101, "abc", "", None, "50.5", "1e3", "NaN"])
def test_progress_outside_0_to_100_is_refused(focal_point, project, progress):
    refused(focal_point, project, "progress", "between 0 and 100", {"progress": progress})


def test_lower_progress_without_a_reason_is_refused(focal_point, project):
    post(focal_point, project)
    refused(focal_point, project, "decrease_reason", "say why", {"progress": 20, "reported_on": "2026-06-01"})


def test_a_date_earlier_than_the_latest_update_is_refused(focal_point, project):
    post(focal_point, project)
    refused(focal_point, project, "reported_on", "earlier date", {"reported_on": "2026-04-01", "progress": 50})


@pytest.mark.parametrize(
    ("day", "message"),
    [("2025-12-31", "implementation period"), ("2028-01-01", "in the future"), ("2026-09-02", "in the future")],
)
def test_report_dates_outside_the_programme_or_in_the_future_are_refused(focal_point, project, day, message):
    refused(focal_point, project, "reported_on", message, {"reported_on": day})


def test_a_date_outside_the_programme_after_it_ended_is_refused(focal_point, project):
    programme = project.programme
    programme.implementation_end = datetime.date(2026, 6, 30)
    programme.save()
    refused(focal_point, project, "reported_on", "implementation period", {"reported_on": "2026-07-01"})


def test_an_empty_or_invisible_narrative_is_refused(focal_point, project):
    refused(focal_point, project, "narrative", "Say what was done", {"narrative": "   "})
    refused(focal_point, project, "narrative", "shows nothing", {"narrative": "\u200b\u200b"})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": "finished"}, "Choose a status"),
        ({"status": "done"}, "Give the date the activity ended"),
        ({"status": "done", "started_on": "2026-05-01", "finished_on": "2026-04-01"}, "before the start"),
        ({"status": "under_way", "started_on": "2025-11-01"}, "implementation period"),
        ({"status": "done", "finished_on": "2026-10-01"}, "in the future"),
        ({"status": "under_way", "started_on": "soon"}, "valid date"),
    ],
)
def test_bad_activity_changes_are_refused(focal_point, project, change, message):
    activity = project.activities.first()
    refused(focal_point, project, "activities", message, activity_changes=[{"activity": activity, **change}])


def test_an_activity_of_another_project_or_given_twice_is_refused(focal_point, project, other_project):
    foreign = other_project.activities.first()
    refused(
        focal_point, project, None, "project's activities", activity_changes=[{"activity": foreign, "status": "done"}]
    )
    own = project.activities.first()
    twice = [{"activity": own, "status": "under_way"}, {"activity": own.pk, "status": "planned"}]
    refused(focal_point, project, "activities", "given twice", activity_changes=twice)


@pytest.mark.parametrize(
    ("measure", "message"),
    [
        ({"value": "many", "measured_on": "2026-04-01"}, "as a number"),
        ({"value": "1e15", "measured_on": "2026-04-01"}, "as a number"),
        ({"value": "Infinity", "measured_on": "2026-04-01"}, "as a number"),
        ({"value": "5"}, "date of the measurement"),
        ({"value": "5", "measured_on": "2025-01-01"}, "implementation period"),
        ({"value": "5", "measured_on": "2027-01-01"}, "in the future"),
    ],
)
def test_bad_indicator_values_are_refused(focal_point, project, measure, message):
    indicator = project.indicators.get()
    refused(focal_point, project, "indicators", message, indicator_values=[{"indicator": indicator, **measure}])


def test_an_indicator_of_another_project_is_refused(focal_point, project, other_project):
    foreign = other_project.indicators.get()
    measure = {"indicator": foreign, "value": "1", "measured_on": "2026-04-01"}
    refused(focal_point, project, None, "project's indicators", indicator_values=[measure])


def test_a_photo_that_is_not_an_image_is_refused(focal_point, project):
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not a picture")
    refused(focal_point, project, "photos", "is not a JPEG or PNG photo", photos=[fake])
    truncated = SimpleUploadedFile("cut.png", png()[:30])
    refused(focal_point, project, "photos", "is not a JPEG or PNG photo", photos=[truncated])
    a_pdf = SimpleUploadedFile("scan.png", b"%PDF-1.4\n")
    refused(focal_point, project, "photos", "is not a JPEG or PNG photo", photos=[a_pdf])


def test_too_many_photos_and_a_document_that_is_not_a_pdf_are_refused(focal_point, project):
    many = [SimpleUploadedFile(f"{n}.png", png()) for n in range(service.MAX_PHOTOS + 1)]
    refused(focal_point, project, "photos", "At most", photos=many)
    refused(focal_point, project, "documents", "is not a PDF", documents=[SimpleUploadedFile("a.pdf", png())])


def test_a_bad_row_late_in_the_report_saves_nothing_before_it(focal_point, project):
    """Photos, statuses and values are all checked before the update is written."""
    activity = project.activities.first()
    refused(
        focal_point,
        project,
        "documents",
        "is not a PDF",
        photos=[SimpleUploadedFile("ok.png", png())],
        activity_changes=[{"activity": activity, "status": "under_way", "started_on": "2026-02-01"}],
        documents=[SimpleUploadedFile("notes.pdf", b"plain text")],
    )


def test_completed_below_100_is_refused(focal_point, project):
    refused(focal_point, project, "completed", "only at 100%", {"progress": 90}, completed=True)


def test_a_programme_not_adopted_or_a_cancelled_project_is_refused(focal_point, project):
    Project.objects.filter(pk=project.pk).update(status=Project.Status.CANCELLED)
    project.refresh_from_db()
    refused(focal_point, project, None, "cancelled")
    Project.objects.filter(pk=project.pk).update(status=Project.Status.IN_PROGRESS)
    programme = project.programme
    programme.phase = Phase.CONSULTATION
    programme.save()
    project.refresh_from_db()
    refused(focal_point, project, None, "adopted")


def test_messages_are_in_the_users_language(focal_point, project):
    with translation.override("ar"), pytest.raises(ValidationError) as caught:
        post(focal_point, project, {"progress": 140})
    assert any("100" in m and any("\u0600" <= ch <= "\u06ff" for ch in m) for m in caught.value.messages)


def test_someone_without_the_role_is_refused_and_nothing_saved(citizen, project):
    before = counts()
    with pytest.raises(PermissionDenied):
        post(citizen, project)
    assert counts() == before


# Assignments ------------------------------------------------------------------------------------------------------


def test_the_focal_point_assigns_and_unassigns_by_email(focal_point, project):
    officer = make_user("officer@example.ma", "موظف")
    assignment = assignments.assign(focal_point, project, " Officer@Example.ma ")
    assert (assignment.user, assignment.assigned_by) == (officer, focal_point)
    assert officer.has_perm("monitoring.post_update", project)
    assignments.unassign(focal_point, assignment)
    assert not ProjectAssignment.objects.filter(user=officer).exists()
    assert list(
        AuditLogEntry.objects.filter(action__startswith="project.").order_by("id").values_list("action", flat=True)
    ) == ["project.assign", "project.unassign"]


def test_assignment_bad_input(focal_point, project, unit_officer):
    before = (ProjectAssignment.objects.count(), AuditLogEntry.objects.count())
    for email, message in [("", "Give the email"), ("nobody@example.ma", "No account"), ("unit@example.ma", "already")]:
        with pytest.raises(ValidationError) as caught:
            assignments.assign(focal_point, project, email)
        assert message in caught.value.message_dict["email"][0]
    assert (ProjectAssignment.objects.count(), AuditLogEntry.objects.count()) == before


@pytest.mark.parametrize("who", ["network_admin", "focal_point"])
def test_who_may_assign(request, who, project):
    make_user("officer@example.ma")
    actor = request.getfixturevalue(who)
    assert assignments.assign(actor, project, "officer@example.ma").project == project


@pytest.mark.parametrize("who", ["other_focal_point", "committee_member", "citizen", "unit_officer"])
def test_who_may_not_assign(request, who, project):
    make_user("officer@example.ma")
    actor = request.getfixturevalue(who)
    before = ProjectAssignment.objects.count()
    with pytest.raises(PermissionDenied):
        assignments.assign(actor, project, "officer@example.ma")
    assert ProjectAssignment.objects.count() == before


def test_another_collectivitys_focal_point_cannot_unassign(other_focal_point, unit_officer, project):
    assignment = ProjectAssignment.objects.get(user=unit_officer)
    with pytest.raises(PermissionDenied):
        assignments.unassign(other_focal_point, assignment)
    assert ProjectAssignment.objects.filter(pk=assignment.pk).exists()
