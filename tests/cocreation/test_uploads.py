"""Photos: a pixel cap read from the header, before decoding, and no metadata (EXIF, GPS, text) in what is stored."""

import io
import struct

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image
from PIL.PngImagePlugin import PngInfo

from remacto.cocreation.models import Idea, Meeting, MeetingPhoto
from remacto.cocreation.services import ideas, meetings
from remacto.cocreation.uploads import MAX_IMAGE_PIXELS

from .conftest import IDEA, png

# 11,000 × 11,000 one-bit pixels: 121 megapixels in about 15 KB of PNG.
BOMB = png((11_000, 11_000), mode="1")


def jpeg_with_gps(size=(6, 4), orientation: int = 1) -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (32.0, 14.0, 24.0)
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_bomb_is_small_but_huge():
    width, height = struct.unpack(">II", BOMB[16:24])  # the PNG header (IHDR) says how large it is
    assert len(BOMB) < 20_000 and width * height > 3 * MAX_IMAGE_PIXELS
    assert Image.MAX_IMAGE_PIXELS == MAX_IMAGE_PIXELS
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(BOMB))


def test_idea_attachment_over_the_pixel_cap_is_refused_and_nothing_saved(citizen, programme):
    with pytest.raises(ValidationError) as exc:
        ideas.submit_idea(citizen, programme, IDEA, files=[SimpleUploadedFile("plan.png", BOMB)])
    assert exc.value.message_dict["attachments"] == ["«plan.png» صورة كبيرة جدًا: 40 ميغابكسل على الأكثر."]
    assert not Idea.objects.exists()


def test_meeting_photo_over_the_pixel_cap_is_refused_in_the_users_language(client, focal_point, programme):
    meeting = Meeting.objects.create(programme=programme, kind=Meeting.Kind.COMMITTEE, title="اجتماع")
    client.force_login(focal_point)
    target = reverse(
        "cocreation:meeting_photo",
        kwargs={"slug": programme.collectivity.slug, "cycle": programme.cycle, "pk": meeting.pk},
    )
    for language, message in [
        ("ar", "صورة كبيرة جدًا: 40 ميغابكسل على الأكثر."),
        ("fr", "est une image trop grande : 40 mégapixels au plus."),
    ]:
        page = client.post(
            f"/{language}" + target[3:], {"caption": "x", "image": SimpleUploadedFile("b.png", BOMB)}, follow=True
        )
        assert message in page.content.decode()
    assert not MeetingPhoto.objects.exists()


def test_meeting_photo_is_stored_upright_without_exif_or_gps(focal_point, programme):
    meeting = Meeting.objects.create(programme=programme, kind=Meeting.Kind.COMMITTEE, title="اجتماع")
    sent = jpeg_with_gps(orientation=6)  # "rotate 90°": the stored picture is turned upright
    with Image.open(io.BytesIO(sent)) as original:
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    photo = meetings.add_photo(focal_point, meeting, SimpleUploadedFile("p.jpg", sent), "أعضاء اللجنة")
    with photo.image.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "JPEG" and image.size == (4, 6)
        assert not image.getexif() and "exif" not in image.info
    assert b"PhoneMaker" not in photo.image.open("rb").read()


def test_png_attachment_is_stored_without_text_chunks(citizen, programme):
    info = PngInfo()
    info.add_text("Comment", "GPS 32.24N 7.95W")
    idea = ideas.submit_idea(citizen, programme, IDEA, files=[SimpleUploadedFile("a.png", png(pnginfo=info))])
    attachment = idea.attachments.get()
    stored = attachment.file.open("rb").read()
    assert b"GPS" not in stored and attachment.size == len(stored)
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (4, 4) and not image.text


def test_corrupt_png_is_refused(citizen, programme):
    with pytest.raises(ValidationError) as exc:
        ideas.submit_idea(citizen, programme, IDEA, files=[SimpleUploadedFile("a.png", png()[:40])])
    assert exc.value.message_dict["attachments"] == ["«a.png» ليس صورة (JPEG أو PNG) ولا وثيقة PDF."]
