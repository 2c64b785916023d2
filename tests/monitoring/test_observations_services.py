"""Residents' observations: who may post and answer, bad input, photos without metadata, the posting limit,
moderation through the one visibility rule, and the author told of the answer in their language."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import ExifTags, Image

from remacto.cocreation.models import Phase
from remacto.core.models import AuditLogEntry
from remacto.monitoring.models import Observation
from remacto.monitoring.selectors import observations as selectors
from remacto.monitoring.services import observations as service
from remacto.notifications.models import Notification
from remacto.participation import limits
from remacto.participation import services as participation

TEXT = "الأشغال متوقفة منذ أسبوعين قرب المدرسة."


def jpeg_with_gps() -> SimpleUploadedFile:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "red").save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile("IMG_0001.jpg", buffer.getvalue(), content_type="image/jpeg")


def post(actor, project, **values) -> Observation:
    return service.post_observation(actor, project, **{"text": TEXT} | values)


@pytest.mark.parametrize("who", ["citizen", "focal_point", "committee_member", "moderator", "other_focal_point"])
def test_any_signed_in_person_observes(request, project, who):
    observation = post(request.getfixturevalue(who), project)
    assert observation.pk and observation.text == TEXT


def test_anonymous_visitors_cannot_observe(project):
    with pytest.raises(PermissionDenied):
        post(AnonymousUser(), project)
    assert not Observation.objects.exists()


def test_only_projects_of_programmes_being_implemented(citizen, project):
    programme = project.programme
    programme.phase = Phase.CONSULTATION
    programme.save()
    with pytest.raises(ValidationError):
        post(citizen, project)
    assert not Observation.objects.exists()


def test_photo_is_re_encoded_without_metadata_place_and_position_kept(citizen, project):
    observation = post(
        citizen, project, photo=jpeg_with_gps(), place="حي السلام", latitude="32,23917", longitude="-7.95"
    )
    assert observation.place == "حي السلام"
    assert str(observation.latitude) == "32.23917" and str(observation.longitude) == "-7.95000"
    assert "IMG_0001" not in observation.photo.name
    with Image.open(observation.photo.path) as stored:
        assert stored.format == "JPEG" and not stored.getexif()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "   \u200b "}, "text"),
        ({"text": "x" * 2001}, "text"),
        ({"place": "x" * 201}, "place"),
        ({"photo": SimpleUploadedFile("a.jpg", b"not an image", content_type="image/jpeg")}, "photo"),
        ({"photo": SimpleUploadedFile("a.pdf", b"%PDF-1.4 fake", content_type="application/pdf")}, "photo"),
        ({"photo": SimpleUploadedFile("a.jpg", b"\xff\xd8\xff broken", content_type="image/jpeg")}, "photo"),
        ({"latitude": "48.85", "longitude": "2.35"}, "latitude"),  # Paris
        ({"latitude": "32.2", "longitude": "2.35"}, "longitude"),  # Algeria
        ({"latitude": "north", "longitude": "-7.9"}, "latitude"),
        ({"latitude": "NaN", "longitude": "-7.9"}, "latitude"),
        ({"latitude": "32.2"}, "longitude"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(citizen, project, values, field):
    with pytest.raises(ValidationError) as error:
        post(citizen, project, **values)
    assert field in error.value.message_dict
    assert not Observation.objects.exists()


def test_bad_input_message_in_the_readers_language(citizen, project):
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        post(citizen, project, latitude="48.85", longitude="2.35")
    assert error.value.message_dict["latitude"] == ["Cette position est hors du Maroc."]


def test_a_flood_of_observations_is_refused_and_failures_do_not_count(citizen, project):
    for _attempt in range(3):
        with pytest.raises(ValidationError):
            post(citizen, project, text="")
    for _number in range(5):
        post(citizen, project)
    with pytest.raises(limits.LimitReached) as error:
        post(citizen, project)
    assert limits.retry_after(error.value) > 0
    assert Observation.objects.count() == 5


@pytest.mark.parametrize("who", ["focal_point", "unit_officer", "network_admin"])
def test_the_responsible_unit_answers_publicly_and_the_author_is_told(request, citizen, project, who):
    citizen.preferred_language = "fr"
    citizen.save()
    observation = post(citizen, project)
    actor = request.getfixturevalue(who)
    answered = service.answer_observation(actor, observation, "سنرسل فريقا هذا الأسبوع.")
    assert answered.answer == "سنرسل فريقا هذا الأسبوع." and answered.answered_by == actor
    note = Notification.objects.get(recipient=citizen, kind="monitoring.observation_answered")
    assert note.url.startswith("/fr/") and note.url.endswith(f"/observations/{observation.pk}/")
    with translation.override("fr"):
        assert "observation" in note.text and "répondu" in note.text
    assert AuditLogEntry.objects.get(action="observation.answer").details == {
        "observation": observation.pk,
        "edited": False,
    }


def test_the_answer_may_be_edited_audited_each_time(citizen, focal_point, unit_officer, project):
    observation = post(citizen, project)
    service.answer_observation(focal_point, observation, "أول جواب")
    edited = service.answer_observation(unit_officer, observation, "جواب مصحح")
    assert edited.answer == "جواب مصحح" and edited.answered_by == unit_officer
    assert [e.details["edited"] for e in AuditLogEntry.objects.filter(action="observation.answer").order_by("id")] == [
        False,
        True,
    ]
    assert Notification.objects.filter(recipient=citizen).count() == 2
    service.answer_observation(unit_officer, observation, "جواب مصحح")  # unchanged: nothing recorded
    assert AuditLogEntry.objects.filter(action="observation.answer").count() == 2


@pytest.mark.parametrize(
    "who", ["citizen", "committee_member", "moderator", "other_focal_point", "other_committee_member"]
)
def test_others_may_not_answer(request, citizen, project, who):
    observation = post(citizen, project)
    with pytest.raises(PermissionDenied):
        service.answer_observation(request.getfixturevalue(who), observation, "جواب")
    observation.refresh_from_db()
    assert observation.answer == "" and not AuditLogEntry.objects.exists()


def test_an_officer_assigned_elsewhere_may_not_answer(citizen, implemented, unit_officer):
    second = implemented.projects.order_by("order").last()
    observation = post(citizen, second)
    with pytest.raises(PermissionDenied):
        service.answer_observation(unit_officer, observation, "جواب")


def test_empty_answer_is_refused(citizen, focal_point, project):
    observation = post(citizen, project)
    with pytest.raises(ValidationError) as error:
        service.answer_observation(focal_point, observation, "  ")
    assert "answer" in error.value.message_dict


def test_hidden_observations_leave_every_public_list(citizen, moderator, focal_point, project):
    kept, hidden = post(citizen, project, text="أولى"), post(citizen, project, text="ثانية")
    participation.hide(moderator, hidden, "إساءة")
    assert list(selectors.visible_observations(project)) == [kept]
    assert selectors.panel_context(project, citizen)["observations"] == [kept]
    with pytest.raises(ValidationError):
        service.answer_observation(focal_point, Observation.objects.get(pk=hidden.pk), "جواب")


def test_panel_context_gives_the_latest_three_and_who_may_observe(citizen, project, django_assert_max_num_queries):
    made = [post(citizen, project, text=f"ملاحظة {n}") for n in range(4)]
    with django_assert_max_num_queries(4):
        panel = selectors.panel_context(project, citizen)
    assert panel["observations"] == made[:-4:-1] and panel["can_observe"] is True
    assert selectors.panel_context(project, AnonymousUser())["can_observe"] is False
