"""Media: public files served by a node when SERVE_MEDIA is on, private ones only through their views, and the
hand-over to the web server (X-Accel-Redirect) in production."""

from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from remacto.cocreation.models import Meeting, MeetingPhoto
from remacto.cocreation.services import ideas, meetings
from remacto.participation import services as participation

from .conftest import IDEA, png


@pytest.fixture
def photo(focal_point, programme) -> MeetingPhoto:
    meeting = Meeting.objects.create(programme=programme, kind=Meeting.Kind.COMMITTEE, title="اجتماع")
    return meetings.add_photo(focal_point, meeting, SimpleUploadedFile("p.png", png()), "أعضاء اللجنة")


def test_meeting_photo_is_served_in_development(client, settings, photo):
    settings.SERVE_MEDIA = True
    response = client.get(photo.image.url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == photo.image.open("rb").read()


def test_media_is_not_served_by_django_in_production(client, settings, photo):
    settings.SERVE_MEDIA = False
    assert client.get(photo.image.url).status_code == 404


@pytest.mark.parametrize("name", ["ideas/2026/01/plan.pdf", "imports/2026/01/ideas.xlsx", "programmes/1/p.pdf"])
def test_private_media_are_never_served_by_path(client, settings, name):
    settings.SERVE_MEDIA = True
    default_storage.save(name, ContentFile(b"%PDF-1.4 private"))
    assert client.get(settings.MEDIA_URL + name).status_code == 404


@pytest.mark.parametrize("path", ["meetings/../ideas/x.pdf", "meetings/", "meetings/missing.png", "opinions/%2e%2e/x"])
def test_media_paths_outside_or_missing_answer_404(client, settings, path):
    settings.SERVE_MEDIA = True
    default_storage.save("ideas/x.pdf", ContentFile(b"%PDF-1.4 private"))
    assert client.get(settings.MEDIA_URL + path).status_code == 404


def _attachment_url(programme, idea, attachment) -> str:
    return reverse(
        "cocreation:idea_attachment",
        kwargs={"slug": programme.collectivity.slug, "cycle": programme.cycle, "pk": idea.pk, "attachment": attachment},
    )


def test_protected_file_is_handed_to_the_web_server(client, settings, citizen, moderator, programme):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    idea = ideas.submit_idea(citizen, programme, IDEA, files=[SimpleUploadedFile("خطة.pdf", b"%PDF-1.4 x")])
    attachment = idea.attachments.get()
    response = client.get(_attachment_url(programme, idea, attachment.pk))
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == "/protected-media/" + quote(attachment.file.name)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;") and "%D8%AE" in response["Content-Disposition"]
    participation.hide(moderator, idea, "محتوى مخالف")
    assert client.get(_attachment_url(programme, idea, attachment.pk)).status_code == 404
    client.force_login(moderator)
    assert "X-Accel-Redirect" in client.get(_attachment_url(programme, idea, attachment.pk))
