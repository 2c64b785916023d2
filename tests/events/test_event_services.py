"""Event services and bad input: the level and organiser rules, dates, NUL bytes and control characters, agendas
saved whole or not at all, outputs through the upload checks."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from remacto.events.models import AgendaItem, Event, Output, Speaker
from remacto.events.services import events
from remacto.territories.models import Region

from .conftest import event_values
from .test_permission_matrix import photo

pytestmark = pytest.mark.django_db


def test_network_admin_creates_a_regional_event(network_admin, reference):
    region = Region.objects.get(code="01")
    event = events.create_event(network_admin, event_values(level="regional"), region=region)
    assert event.level == "regional" and event.region == region and event.collectivity is None


def test_regional_event_needs_its_region(network_admin):
    with pytest.raises(ValidationError) as info:
        events.create_event(network_admin, event_values(level="regional"))
    assert "region" in info.value.message_dict
    assert not Event.objects.exists()


def test_focal_point_creates_an_event_of_their_collectivity_only_at_its_level(focal_point, commune):
    event = events.create_event(focal_point, event_values(), collectivity=commune)
    assert event.level == "collectivity" and event.collectivity == commune
    with pytest.raises(ValidationError):
        events.create_event(focal_point, event_values(level="national"), collectivity=commune)


@pytest.mark.parametrize("field", ["title", "place", "organisers", "theme"])
def test_nul_bytes_are_refused(network_admin, field):
    with pytest.raises(ValidationError) as info:
        events.create_event(network_admin, event_values(**{field: "لقاء\x00"}))
    assert "control characters" in info.value.message_dict[field][0]
    assert not Event.objects.exists()


def test_event_ending_before_it_starts_is_refused(network_admin):
    with pytest.raises(ValidationError) as info:
        events.create_event(network_admin, event_values(end_time=datetime.time(8, 0)))
    assert "ends_on" in info.value.message_dict


def test_training_needs_a_topic(network_admin):
    with pytest.raises(ValidationError) as info:
        events.create_event(network_admin, event_values(kind="training"))
    assert "topic" in info.value.message_dict


def test_bad_capacity_and_category_are_refused(network_admin):
    with pytest.raises(ValidationError):
        events.create_event(network_admin, event_values(capacity=0))
    with pytest.raises(ValidationError):
        events.create_event(network_admin, event_values(categories=["nobody"]))
    assert not Event.objects.exists()


def test_agenda_with_parallel_workshops_and_speakers(network_admin, regional):
    items = events.set_agenda(
        network_admin,
        regional,
        [
            {
                "starts_at": "10:30",
                "ends_at": "11:30",
                "title": "عرض",
                "speakers": [{"name": "طارق النشناس", "role": "الممثل الجهوي", "organisation": "OGP"}],
            },
            {"starts_at": "12:15", "title": "ورشة 1", "parallel_group": "الورشات"},
            {"starts_at": "12:15", "title": "ورشة 2", "parallel_group": "الورشات"},
        ],
    )
    assert len(items) == 3
    assert Speaker.objects.get().organisation == "OGP"


def test_a_bad_agenda_item_saves_nothing(network_admin, regional):
    events.set_agenda(network_admin, regional, [{"starts_at": "09:00", "title": "افتتاح"}])
    with pytest.raises(ValidationError) as info:
        events.set_agenda(
            network_admin,
            regional,
            [{"starts_at": "09:00", "title": "جديد"}, {"starts_at": "9h", "title": "خطأ"}],
        )
    assert "item 2" in info.value.message_dict
    assert list(AgendaItem.objects.values_list("title", flat=True)) == ["افتتاح"]
    with pytest.raises(ValidationError):
        events.set_agenda(
            network_admin, regional, [{"starts_at": "09:00", "title": "x", "day": datetime.date(2020, 1, 1)}]
        )


def test_outputs_go_through_the_upload_checks(network_admin, regional, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    output = events.add_output(network_admin, regional, Output.Type.PHOTO, "صورة", photo())
    assert output.file.name.endswith(".png")
    fake = SimpleUploadedFile("photo.png", b"<script>alert(1)</script>", "image/png")
    with pytest.raises(ValidationError) as info:
        events.add_output(network_admin, regional, Output.Type.PHOTO, "صورة", fake)
    assert "file" in info.value.message_dict
    with pytest.raises(ValidationError):
        events.add_output(network_admin, regional, Output.Type.DOCUMENT, "وثيقة", photo())
    assert Output.objects.count() == 1


def test_recommendations(network_admin, regional):
    events.set_recommendations(network_admin, regional, "توصية أولى")
    regional.refresh_from_db()
    assert regional.recommendations == "توصية أولى"
    with pytest.raises(ValidationError):
        events.set_recommendations(network_admin, regional, "x\x00")
