"""Progress pages in Arabic: the public follow-up page (header, activities, charts, timeline with photos and
documents, pages), its files served only while the project is public, posting an update from the staff form
(formsets, no script), the team page, and the link from the co-creation project page. Query counts capped."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from remacto.cocreation.models import Phase
from remacto.monitoring.models import (
    ActivityStatus,
    IndicatorValue,
    ProgressUpdate,
    ProjectAssignment,
    SpendingLine,
    UpdateDocument,
    UpdatePhoto,
)
from remacto.monitoring.progress_forms import UpdateForm

from ..conftest import make_user

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 9, 1)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """Pages and services read the date of 1 September 2026, inside the programme's implementation period."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (6, 4), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def url(name: str, project, **extra) -> str:
    return reverse(
        f"monitoring:{name}", kwargs={"slug": project.programme.collectivity.slug, "project": project.pk, **extra}
    )


def history(project, n: int, author=None) -> list[ProgressUpdate]:
    """``n`` updates a week apart from March 2026, each with a photo, a document, a status and a measurement."""
    activity, indicator = project.activities.first(), project.indicators.get()
    updates = []
    for i in range(n):
        update = ProgressUpdate.objects.create(
            project=project,
            reported_on=datetime.date(2026, 3, 1) + datetime.timedelta(weeks=i),
            progress=min(5 * (i + 1), 100),
            narrative=f"تقدم الأشغال رقم {i + 1} — phase {i + 1}",
            author=author,
        )
        UpdatePhoto.objects.create(update=update, image=ContentFile(png(), name=f"u{i}.png"))
        UpdateDocument.objects.create(update=update, file=ContentFile(b"%PDF-1.4\n", name=f"u{i}.pdf"), name="محضر")
        ActivityStatus.objects.create(activity=activity, status="under_way", update=update)
        IndicatorValue.objects.create(
            indicator=indicator, measured_on=update.reported_on, value=Decimal(10 * i), update=update
        )
        updates.append(update)
    project.progress = updates[-1].progress if updates else 0
    project.save()
    return updates


# The public page ---------------------------------------------------------------------------------------------


def test_the_follow_up_page_in_arabic(client, project, focal_point):
    history(project, 3, author=focal_point)
    ActivityStatus.objects.create(activity=project.activities.last(), status="planned")
    html = client.get(url("project", project)).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "بوابة المعلومات" in html and "الشفافية" in html and "مصلحة الشراكة" in html
    assert 'value="15"' in html  # the progress bar
    assert "status-late" in html  # the study ended on 30 June 2026 without being done
    assert html.count('class="chart-svg step-chart"') == 2 and 'direction="rtl"' in html
    assert '<p dir="auto">تقدم الأشغال رقم 3' in html  # user text isolated
    assert f"{url('project', project)}photos/" in html and f"{url('project', project)}documents/" in html
    assert "{% block" not in html and "citizen_actions" not in html
    assert "نسبة الإنجاز المادي: 15%" in html and "نسبة الإنجاز المادي عبر الزمن</title>" in html
    # the newest first
    assert html.index("تقدم الأشغال رقم 3") < html.index("تقدم الأشغال رقم 1")


def test_the_page_without_any_update(client, project):
    html = client.get(url("project", project)).content.decode()
    assert "chart-svg" not in html and 'class="empty-state"' in html


def test_the_timeline_is_paginated(client, project):
    history(project, 12)
    first = client.get(url("project", project)).content.decode()
    second = client.get(url("project", project) + "?page=2").content.decode()
    assert "تقدم الأشغال رقم 12 " in first and "تقدم الأشغال رقم 1 " not in first
    assert "تقدم الأشغال رقم 1 " in second
    assert client.get(url("project", project) + "?page=abc").status_code == 200


def test_the_page_runs_a_bounded_number_of_queries(client, project, django_assert_max_num_queries):
    history(project, 3)
    with django_assert_max_num_queries(17) as few:
        client.get(url("project", project))
    history(project, 30)
    spend(project, 40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url("project", project)).status_code == 200


def spend(project, lines: int) -> None:
    SpendingLine.objects.bulk_create(
        SpendingLine(
            project=project,
            kind="paid" if n % 2 else "committed",
            amount=Decimal(1000),
            spent_on=datetime.date(2026, 3, 1),
            reference=f"OP-{n}",
        )
        for n in range(lines)
    )


def test_the_page_shows_the_money_with_its_chart(client, project):
    html = client.get(url("project", project)).content.decode()
    assert 'id="project-money"' in html and 'id="chart-project-money"' not in html
    spend(project, 4)
    html = client.get(url("project", project)).content.decode()
    assert 'id="chart-project-money"' in html and "<svg" in html
    assert "1%" in html  # 2,000 MAD paid of a 200,000 MAD budget


def test_staff_links_show_for_staff_only(client, project, focal_point, citizen):
    client.force_login(citizen)
    assert url("post_update", project) not in client.get(url("project", project)).content.decode()
    client.force_login(focal_point)
    html = client.get(url("project", project)).content.decode()
    assert url("post_update", project) in html and url("assignments", project) in html


def test_no_page_before_adoption_or_for_a_hidden_project(client, project, moderator):
    project.is_hidden = True
    project.save()
    assert client.get(url("project", project)).status_code == 404
    client.force_login(moderator)
    assert client.get(url("project", project)).status_code == 200
    programme = project.programme
    programme.phase = Phase.CONSULTATION
    programme.save()
    assert client.get(url("project", project)).status_code == 404


def test_a_project_of_another_member_is_not_found_under_this_one(client, project, other_project):
    wrong = reverse("monitoring:project", kwargs={"slug": "ben-guerir", "project": other_project.pk})
    assert client.get(wrong).status_code == 404


# Files ------------------------------------------------------------------------------------------------------------


def test_files_are_served_while_the_project_is_public(client, project, other_project):
    update = history(project, 1)[0]
    photo, document = update.photos.get(), update.documents.get()
    response = client.get(url("update_photo", project, photo=photo.pk))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    response = client.get(url("update_document", project, document=document.pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert client.get(url("update_photo", other_project, photo=photo.pk)).status_code == 404
    project.is_hidden = True
    project.save()
    assert client.get(url("update_photo", project, photo=photo.pk)).status_code == 404
    assert client.get(url("update_document", project, document=document.pk)).status_code == 404


# Posting from the form ----------------------------------------------------------------------------------------


def form_data(project, **overrides) -> dict:
    study, works = project.activities.order_by("order")
    indicator = project.indicators.get()
    data = {
        "reported_on": "2026-08-15",
        "progress": "45",
        "narrative": "تم تسليم الدراسة",
        "decrease_reason": "",
        "activities-TOTAL_FORMS": "2",
        "activities-INITIAL_FORMS": "2",
        "activities-0-activity": str(study.pk),
        "activities-0-status": "done",
        "activities-0-started_on": "2026-01-15",
        "activities-0-finished_on": "2026-07-20",
        "activities-1-activity": str(works.pk),
        "activities-1-status": "",
        "indicators-TOTAL_FORMS": "1",
        "indicators-INITIAL_FORMS": "1",
        "indicators-0-indicator": str(indicator.pk),
        "indicators-0-value": "250",
        "indicators-0-measured_on": "",
        "indicators-0-source": "إحصاءات البوابة",
    }
    data.update(overrides)
    return data


def test_the_officer_posts_an_update_with_statuses_values_and_a_photo(client, project, unit_officer):
    client.force_login(unit_officer)
    form = client.get(url("post_update", project)).content.decode()
    assert 'enctype="multipart/form-data"' in form and "<script" not in form.split("<main", 1)[-1]
    assert '<legend dir="auto">دراسة</legend>' in form
    data = form_data(project, photos=[SimpleUploadedFile("site.png", png())])
    response = client.post(url("post_update", project), data)
    assert response.status_code == 302 and response["Location"] == url("project", project)
    update = ProgressUpdate.objects.get()
    assert (update.progress, update.author) == (45, unit_officer)
    assert [s.status for s in update.activity_statuses.all()] == ["done"]  # the empty row changes nothing
    value = update.indicator_values.get()
    assert (value.value, value.measured_on) == (Decimal(250), datetime.date(2026, 8, 15))  # the update's date
    assert update.photos.count() == 1
    html = client.get(url("project", project)).content.decode()
    assert "تم تسليم الدراسة" in html and "status-done" in html


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"progress": "140"}, "progress"),
        ({"reported_on": "2026-12-01"}, "reported_on"),
        ({"activities-0-finished_on": ""}, "activities"),
        ({"indicators-0-measured_on": "2025-05-01"}, "indicators"),
    ],
)
def test_bad_input_on_the_form_keeps_what_was_typed_and_saves_nothing(client, project, focal_point, overrides, field):
    client.force_login(focal_point)
    response = client.post(url("post_update", project), form_data(project, **overrides))
    html = response.content.decode()
    assert response.status_code == 400 and 'role="alert"' in html
    assert "تم تسليم الدراسة" in html  # the narrative typed is kept
    assert not ProgressUpdate.objects.exists() and not ActivityStatus.objects.exists()
    assert not IndicatorValue.objects.exists()


def test_a_photo_that_is_not_an_image_is_refused_on_the_form(client, project, focal_point):
    client.force_login(focal_point)
    fake = SimpleUploadedFile("site.jpg", b"GIF89a not a jpeg")
    response = client.post(url("post_update", project), form_data(project, photos=[fake]))
    assert response.status_code == 400 and "site.jpg" in response.content.decode()
    assert not ProgressUpdate.objects.exists() and not UpdatePhoto.objects.exists()


def test_the_form_says_why_a_cancelled_project_takes_no_update(client, project, focal_point):
    project.status = "cancelled"
    project.save()
    client.force_login(focal_point)
    response = client.post(url("post_update", project), form_data(project))
    assert response.status_code == 200 and 'class="message error"' in response.content.decode()
    assert not ProgressUpdate.objects.exists()


# The team -------------------------------------------------------------------------------------------------------


def test_the_focal_point_manages_the_team(client, project, focal_point):
    officer = make_user("officer@example.ma", "سعاد")
    client.force_login(focal_point)
    response = client.post(url("assignments", project), {"email": "officer@example.ma"})
    assert response.status_code == 302
    assignment = ProjectAssignment.objects.get(project=project)
    assert assignment.user == officer
    html = client.get(url("assignments", project)).content.decode()
    assert "<bdi>سعاد</bdi>" in html
    response = client.post(url("assignments", project), {"email": "nobody@example.ma"})
    assert response.status_code == 400 and 'role="alert"' in response.content.decode()
    assert client.post(url("unassign", project, pk=assignment.pk)).status_code == 302
    assert not ProjectAssignment.objects.exists()


def test_another_focal_point_cannot_remove_staff(client, project, unit_officer, other_focal_point):
    assignment = ProjectAssignment.objects.get(user=unit_officer)
    client.force_login(other_focal_point)
    assert client.post(url("unassign", project, pk=assignment.pk)).status_code == 403
    assert ProjectAssignment.objects.filter(pk=assignment.pk).exists()


# The co-creation project page links here ----------------------------------------------------------------------


def test_the_cocreation_project_page_links_to_the_follow_up(client, project):
    programme = project.programme
    page = reverse("cocreation:project", kwargs={"slug": "ben-guerir", "cycle": programme.cycle, "pk": project.pk})
    assert url("project", project) in client.get(page).content.decode()
    programme.phase = Phase.CONSULTATION
    programme.save()
    assert url("project", project) not in client.get(page).content.decode()


def test_the_update_reads_as_a_sentence_in_the_audit_log(client, project, focal_point, network_admin):
    client.force_login(focal_point)
    client.post(url("post_update", project), form_data(project))
    client.force_login(network_admin)
    html = client.get("/ar/audit/").content.decode()
    assert "progress.post" not in html and "نشر تحديثاً لتقدّم" in html and "في طور الإنجاز" in html


@pytest.mark.parametrize("language", ["fr", "zgh", "en"])
def test_the_follow_up_page_in_the_other_languages(client, project, language):
    history(project, 2)
    with translation.override(language):
        page = url("project", project)
    response = client.get(page)
    html = response.content.decode()
    assert response.status_code == 200 and f'<html lang="{language}" dir="ltr">' in html
    assert 'direction="ltr"' in html


def test_the_photos_help_is_read_in_the_language_of_each_request():
    """The help is built per request (not once, in the language of whoever imported the form first)."""
    with translation.override("ar"):
        arabic = str(UpdateForm().fields["photos"].help_text)
    with translation.override("fr"):
        french = str(UpdateForm().fields["photos"].help_text)
    assert arabic == "حتى 6 صور بصيغة JPEG أو PNG، وحجم كل واحدة 5 MB على الأكثر."
    assert french == "Jusqu'à 6 photos JPEG ou PNG, 5 MB chacune au plus."
