"""The event pages: lists and the event page in bounded queries, registration through the page, the door page
(search, one tap), the CSV export, the calendar files parsed with ``icalendar`` and the attendance certificate."""

import csv
import io
import shutil
import subprocess

import icalendar
import pytest
from django.urls import reverse
from django.utils import translation

from remacto.events.models import Category, Registration, Status
from remacto.events.services import events as event_services

from ..conftest import PASSWORD, make_user
from .conftest import make_event, register

pytestmark = pytest.mark.django_db


def url(name: str, *args, lang: str = "ar") -> str:
    with translation.override(lang):
        return reverse(f"events:{name}", args=args)


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


@pytest.fixture
def programme(regional, network_admin):
    event_services.set_agenda(
        network_admin,
        regional,
        [
            {
                "starts_at": "10:30",
                "title": "عرض حول الدينامية",
                "speakers": [{"name": "طارق النشناس", "organisation": "OGP"}],
            },
            {"starts_at": "12:15", "title": "ورشة 1", "parallel_group": "الورشات"},
            {"starts_at": "12:15", "title": "ورشة 2", "parallel_group": "الورشات"},
        ],
    )
    return regional


def test_index_lists_upcoming_and_past_in_bounded_queries(client, regional, training, django_assert_max_num_queries):
    for n in range(15):
        make_event(
            title=f"لقاء {n}",
            starts_on=regional.starts_on.replace(year=2020),
            ends_on=regional.ends_on.replace(year=2020),
        )
    with django_assert_max_num_queries(6):
        response = client.get(url("index"))
    html = response.content.decode()
    assert response.status_code == 200 and f"<bdi>{regional.title}</bdi>" in html and "page=2" in html
    assert client.get(url("index") + "?kind=training").content.decode().count("event-line") == 1


def test_trainings_catalogue(client, training, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        html = client.get(url("trainings")).content.decode()
    assert f"<bdi>{training.title}</bdi>" in html and "FAMSI" in html


def test_event_page_shows_agenda_speakers_and_parallel_workshops(client, programme, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get(programme.get_absolute_url())
    html = response.content.decode()
    assert "<bdi>طارق النشناس</bdi>" in html and "<bdi>الورشات</bdi>" in html
    assert html.count("agenda-slot") == 2  # the two workshops share one slot


@pytest.mark.parametrize(
    ("lang", "capacity"), [("ar", "الطاقة الاستيعابية: 2 · المقاعد المتبقية: 1"), ("fr", "Capacité : 2")]
)
def test_event_facts_read_in_each_language(client, regional, lang, capacity):
    """No Arabic comma in French, no Latin comma in Arabic, and no count agreeing with a noun it does not fit."""
    register(regional, make_user("amina@example.ma"))
    with translation.override(lang):
        html = client.get(regional.get_absolute_url()).content.decode()
    facts = html.split('<dl class="facts">')[1].split("</dl>")[0]
    assert "،" not in facts and ", " not in facts
    assert capacity in html and "seats" not in html


def test_register_through_the_page_then_waiting_list(client, regional, citizen, commune):
    login(client, citizen)
    response = client.post(url("register", regional.pk), {"category": Category.FOCAL_POINT, "collectivity": commune.pk})
    assert response.status_code == 302
    registration = Registration.objects.get(user=citizen)
    assert registration.status == Status.CONFIRMED and registration.collectivity == commune
    for n in range(2):
        register(regional, make_user(f"p{n}@example.ma"))
    other = make_user("late@example.ma")
    Registration.objects.filter(user=citizen).update(status=Status.CANCELLED)
    login(client, other)
    client.post(url("register", regional.pk), {"category": Category.ELECTED})
    assert Registration.objects.get(user=other).status == Status.WAITING
    assert "قائمة الانتظار" in client.get(regional.get_absolute_url()).content.decode()


def test_register_bad_input_answers_400_and_saves_nothing(client, regional, citizen):
    login(client, citizen)
    response = client.post(url("register", regional.pk), {"category": "citizen\x00"})
    assert response.status_code in (400, 422)
    assert not Registration.objects.exists()


def test_register_after_the_event_is_refused_on_the_page(client, regional, citizen):
    regional.starts_on = regional.ends_on = regional.starts_on.replace(year=2020)
    regional.save()
    login(client, citizen)
    response = client.post(url("register", regional.pk), {"category": Category.FOCAL_POINT})
    assert response.status_code == 400 and not Registration.objects.exists()


def test_anonymous_must_sign_in_to_register(client, regional):
    response = client.post(url("register", regional.pk), {"category": Category.FOCAL_POINT})
    assert response.status_code == 302 and "login" in response["Location"]


def test_door_page_search_and_one_tap(client, regional, participant, network_admin, django_assert_max_num_queries):
    for n in range(10):
        register(regional, make_user(f"p{n}@example.ma", f"مشارك {n}"))
    login(client, network_admin)
    with django_assert_max_num_queries(10):
        response = client.get(url("door", regional.pk) + "?q=سعاد")
    html = response.content.decode()
    assert "<bdi>سعاد</bdi>" in html and "مشارك" not in html
    registration = Registration.objects.get(user=participant)
    response = client.post(url("door", regional.pk), {"registration": registration.pk, "q": "سعاد"})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.attended_at is not None and registration.marked_by == network_admin


@pytest.mark.parametrize("role", ["citizen", "participant", "other_focal_point", "focal_point"])
def test_door_and_csv_are_staff_only(client, request, regional, participant, role):
    login(client, request.getfixturevalue(role))
    assert client.get(url("door", regional.pk)).status_code == 403
    assert client.get(url("csv", regional.pk)).status_code == 403
    registration = Registration.objects.get(user=participant)
    assert client.post(url("door", regional.pk), {"registration": registration.pk}).status_code == 403
    assert Registration.objects.get(pk=registration.pk).attended_at is None


def test_focal_point_runs_the_door_of_their_collectivity_event(client, local_event, focal_point, citizen):
    register(local_event, citizen)
    login(client, focal_point)
    assert client.get(url("door", local_event.pk)).status_code == 200


def test_csv_export(client, regional, participant, network_admin):
    login(client, network_admin)
    response = client.get(url("csv", regional.pk))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0]["email"] == participant.email and rows[0]["present_at"] == ""


def test_ics_file_parses_with_icalendar(client, regional):
    response = client.get(url("ics", regional.pk))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    entries = calendar.walk("VEVENT")
    assert len(entries) == 1
    entry = entries[0]
    assert str(entry["SUMMARY"]) == regional.title and str(entry["LOCATION"]) == "تطوان"
    assert entry.decoded("DTSTART") == regional.starts_at()
    assert entry.decoded("DTSTART").utcoffset() is not None


def test_calendar_feed_holds_upcoming_events_only(client, regional, training, django_assert_max_num_queries):
    make_event(
        title="لقاء قديم", starts_on=regional.starts_on.replace(year=2020), ends_on=regional.ends_on.replace(year=2020)
    )
    with django_assert_max_num_queries(3):
        response = client.get(url("feed"))
    calendar = icalendar.Calendar.from_ical(response.content)
    assert sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT")) == sorted([regional.title, training.title])


def test_certificate_for_attendees_only(client, training, citizen, network_admin):
    registration = register(training, citizen)
    login(client, citizen)
    assert client.get(url("certificate", training.pk)).status_code == 404
    Registration.objects.filter(pk=registration.pk).update(attended_at=training.starts_at())
    page = client.get(training.get_absolute_url()).content.decode()
    assert url("certificate", training.pk) in page
    response = client.get(url("certificate", training.pk))
    data = b"".join(response.streaming_content)
    assert response.status_code == 200 and data.startswith(b"%PDF")
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed: the PDF's text is not checked")
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout
    text = text.decode()
    assert "Attestation" in text or "attestation" in text.lower()
    assert "تقنيات" in text or "شهادة" in text


def test_staff_create_event_page(client, network_admin, reference):
    login(client, network_admin)
    assert client.get(url("new")).status_code == 200
    data = {
        "kind": "meeting",
        "level": "national",
        "title": "لقاء وطني",
        "starts_on": "2030-01-10",
        "ends_on": "2030-01-10",
        "start_time": "09:00",
        "end_time": "12:00",
        "place": "الرباط",
        "organisers": "DGCT",
        "mode": "in_person",
    }
    response = client.post(url("new"), data)
    assert response.status_code == 302
    response = client.post(url("new"), {**data, "title": "لقاء\x00"})
    assert response.status_code in (400, 422)


def test_citizen_cannot_create_events(client, citizen):
    login(client, citizen)
    assert client.get(url("new")).status_code == 403


def test_agenda_page_reads_lines_and_writes_them_back(client, regional, network_admin):
    login(client, network_admin)
    typed = (
        "09:30-10:00 | استقبال وتسجيل المشاركين\n"
        "10:30-11:30 | عرض حول الميزانية التشاركية | | فتحية زبيبي, رئيسة قسم, المديرية العامة; هاجر بن المدني\n"
        "\n"
        "12:15-13:45 | ورشة 1 | الورشات\n"
        "12:15-13:45 | ورشة 2 | الورشات\n"
    )
    response = client.post(url("agenda", regional.pk), {"agenda": typed})
    assert response.status_code == 302
    regional.refresh_from_db()
    items = list(regional.agenda.prefetch_related("speakers"))
    assert [i.parallel_group for i in items] == ["", "", "الورشات", "الورشات"]
    assert [(s.name, s.role, s.organisation) for s in items[1].speakers.all()] == [
        ("فتحية زبيبي", "رئيسة قسم", "المديرية العامة"),
        ("هاجر بن المدني", "", ""),
    ]
    html = client.get(url("agenda", regional.pk)).content.decode()
    assert (
        "10:30-11:30 | عرض حول الميزانية التشاركية |  | فتحية زبيبي, رئيسة قسم, المديرية العامة; هاجر بن المدني" in html
    )


@pytest.mark.parametrize("typed", ["بعد الظهر | افتتاح", "09:00 | \x00", "09:00-08:00 | افتتاح"])
def test_agenda_page_bad_lines_save_nothing(client, regional, network_admin, typed):
    login(client, network_admin)
    response = client.post(url("agenda", regional.pk), {"agenda": typed})
    assert response.status_code in (400, 422)
    assert not regional.agenda.exists()


def test_agenda_page_is_staff_only(client, regional, focal_point):
    login(client, focal_point)
    assert client.get(url("agenda", regional.pk)).status_code == 403


def test_my_registrations_from_the_profile(client, regional, training, participant):
    login(client, participant)
    assert "?mine=1" in client.get(reverse("accounts:profile")).content.decode()
    html = client.get(url("index") + "?mine=1").content.decode()
    assert f"<bdi>{regional.title}</bdi>" in html and f"<bdi>{training.title}</bdi>" not in html


def test_member_space_links_its_events(client, local_event, regional, commune):
    html = client.get(url("index") + f"?organiser={commune.slug}").content.decode()
    assert f"<bdi>{local_event.title}</bdi>" in html and f"<bdi>{regional.title}</bdi>" not in html
    assert client.get(url("index") + "?organiser=nowhere").status_code == 404
    assert f"?organiser={commune.slug}" in client.get(commune.get_absolute_url()).content.decode()
