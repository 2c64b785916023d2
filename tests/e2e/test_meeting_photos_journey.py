"""Meeting photos in a real browser, in Arabic: a huge picture is refused with a clear message before it is decoded;
a phone photo is shown on the meeting page, served without its GPS position."""

import pytest
from PIL import ExifTags, Image

from remacto.cocreation.models import Meeting, MeetingPhoto, Phase, Programme

from ..cocreation.test_uploads import BOMB, jpeg_with_gps
from .test_cocreation_ideas_journey import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def submit(page) -> None:
    with page.expect_navigation():
        page.locator("input[name=image]").evaluate("input => input.form.requestSubmit()")


def test_focal_point_adds_meeting_photos(live_server, page, artifacts, tmp_path, commune, focal_point):
    programme = Programme.objects.create(collectivity=commune, cycle="2026-2027", title="برنامج", phase=Phase.IDEAS)
    meeting = Meeting.objects.create(programme=programme, kind=Meeting.Kind.COMMITTEE, title="الاجتماع الأول")
    (tmp_path / "huge.png").write_bytes(BOMB)
    (tmp_path / "phone.jpg").write_bytes(jpeg_with_gps(size=(60, 40)))
    sign_in(page, live_server, focal_point.email)
    url = f"{live_server.url}/ar/members/{commune.slug}/programme/{programme.cycle}/meetings/{meeting.pk}/"

    page.goto(url)
    page.set_input_files("input[name=image]", str(tmp_path / "huge.png"))
    page.fill("input[name=caption]", "صورة ضخمة")
    submit(page)
    assert page.locator(".messages").inner_text() == "«huge.png» صورة كبيرة جدًا: 40 ميغابكسل على الأكثر."
    assert not MeetingPhoto.objects.exists()

    page.set_input_files("input[name=image]", str(tmp_path / "phone.jpg"))
    page.fill("input[name=caption]", "أعضاء اللجنة")
    submit(page)
    photo = page.locator("ul.photos img[alt='أعضاء اللجنة']")
    assert photo.evaluate("img => img.complete && img.naturalWidth") == 60
    page.screenshot(path=str(artifacts / "meeting-photos-ar.png"), full_page=True)
    served = page.request.get(live_server.url + photo.get_attribute("src"))
    assert served.ok and b"PhoneMaker" not in served.body()
    with MeetingPhoto.objects.get().image.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
