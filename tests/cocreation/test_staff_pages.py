"""Management, meeting and project pages: who sees and does what, bad input kept on the form."""

import datetime

import pytest

from remacto.cocreation.models import Axis, CommitteeMember, Meeting, Phase, PhaseChange, Programme, Project

from .conftest import in_phase

pytestmark = pytest.mark.django_db


def url(programme, *parts):
    base = f"/ar/members/{programme.collectivity.slug}/programme/{programme.cycle}/"
    return base + "".join(f"{str(p).strip('/')}/" for p in parts)


def test_focal_point_creates_a_programme_from_the_form(client, focal_point, commune):
    client.force_login(focal_point)
    response = client.post(
        f"/ar/members/{commune.slug}/programme/new/", {"cycle": "2026-2027", "title_ar": "برنامج عمل الانفتاح"}
    )
    assert response.status_code == 302
    assert Programme.objects.get().cycle == "2026-2027"


def test_programme_form_keeps_input_on_bad_cycle(client, focal_point, commune):
    client.force_login(focal_point)
    response = client.post(f"/ar/members/{commune.slug}/programme/new/", {"cycle": "2026", "title_ar": "برنامج"})
    assert response.status_code == 200 and response.context["form"].errors["cycle"]
    assert 'value="برنامج"' in response.content.decode()
    assert not Programme.objects.exists()


@pytest.mark.parametrize("who", ["citizen", "committee_member", "other_focal_point", "moderator"])
def test_management_is_refused_to_others(request, client, who, programme, commune):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(programme, "manage/")).status_code == 403
    assert client.post(url(programme, "manage/phase/"), {"phase": "triage"}).status_code == 403
    assert client.get(f"/ar/members/{commune.slug}/programme/new/").status_code == 403
    programme.refresh_from_db()
    assert programme.phase == Phase.IDEAS


def test_dashboard_moves_phase_and_reports_errors(client, focal_point, programme):
    client.force_login(focal_point)
    assert client.get(url(programme, "manage/")).status_code == 200
    response = client.post(url(programme, "manage/phase/"), {"phase": "adoption"}, follow=True)
    assert any(m.level_tag == "error" for m in response.context["messages"])
    client.post(url(programme, "manage/phase/"), {"phase": "triage", "note": "بعد الورشة"})
    programme.refresh_from_db()
    assert programme.phase == Phase.TRIAGE and PhaseChange.objects.get().note == "بعد الورشة"


def test_axes_and_committee_forms(client, focal_point, programme):
    client.force_login(focal_point)
    response = client.post(
        url(programme, "manage/axes/new/"), {"order": 1, "title_ar": "الرقمنة", "principles": "serves_digitalisation"}
    )
    assert response.status_code == 302 and Axis.objects.get().serves_digitalisation
    response = client.post(
        url(programme, "manage/committee/new/"), {"name": "عضو", "kind": "elected", "email": "nobody@x.ma"}
    )
    assert response.status_code == 200 and response.context["form"].errors["email"]
    response = client.post(url(programme, "manage/committee/new/"), {"name": "عضو", "kind": "civil_society"})
    assert response.status_code == 302 and CommitteeMember.objects.count() == 1


def test_meetings_public_and_registration(client, citizen, focal_point, programme):
    meeting = Meeting.objects.create(
        programme=programme, kind=Meeting.Kind.WORKSHOP, title="ورشة", registration_open=True, capacity=1
    )
    assert client.get(url(programme, "meetings/")).status_code == 200
    assert client.get(url(programme, "meetings", meeting.pk)).status_code == 200
    client.force_login(citizen)
    client.post(url(programme, "meetings", meeting.pk, "register"))
    assert meeting.registrations.count() == 1
    client.force_login(focal_point)
    response = client.post(url(programme, "meetings", meeting.pk, "register"), follow=True)
    assert any("full" in str(m) or "ممتلئ" in str(m) or "اكتمل" in str(m) for m in response.context["messages"])
    assert meeting.registrations.count() == 1


def test_attendance_must_add_up(client, focal_point, programme):
    meeting = Meeting.objects.create(programme=programme, kind=Meeting.Kind.WORKSHOP, title="ورشة")
    client.force_login(focal_point)
    data = {
        "attendees_women": 10,
        "attendees_men": 12,
        "attendees_under_18": 0,
        "attendees_18_29": 5,
        "attendees_30_44": 5,
        "attendees_45_59": 5,
        "attendees_60_plus": 5,
    }
    client.post(url(programme, "meetings", meeting.pk, "attendance"), data)
    meeting.refresh_from_db()
    assert meeting.attendance == 0
    client.post(url(programme, "meetings", meeting.pk, "attendance"), {**data, "attendees_60_plus": 7})
    meeting.refresh_from_db()
    assert meeting.attendance == 22 and meeting.attendees_60_plus == 7


def test_meeting_form_rejects_end_before_start(client, focal_point, programme):
    client.force_login(focal_point)
    response = client.post(
        url(programme, "meetings/new/"),
        {
            "kind": "co_creation_workshop",
            "title_ar": "ورشة",
            "starts_at": "2026-12-05T10:00",
            "ends_at": "2026-12-05T09:00",
        },
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert not Meeting.objects.exists()


EMPTY_CHILDREN = {
    "activities-TOTAL_FORMS": 0,
    "activities-INITIAL_FORMS": 0,
    "indicators-TOTAL_FORMS": 0,
    "indicators-INITIAL_FORMS": 0,
}


def test_project_form_with_activities(client, committee_member, programme, axis):
    in_phase(programme, Phase.DRAFTING)
    client.force_login(committee_member)
    data = {
        "axis": axis.pk,
        "order": 1,
        "title_ar": "مشروع",
        "budget": "40 000",
        "starts_on": "2027-01-01",
        "ends_on": "2027-12-31",
        "activities-TOTAL_FORMS": 2,
        "activities-INITIAL_FORMS": 0,
        "activities-0-title": "تكوين",
        "activities-1-title": "",
        "indicators-TOTAL_FORMS": 1,
        "indicators-INITIAL_FORMS": 0,
        "indicators-0-name": "",
    }
    response = client.post(url(programme, "projects/new/"), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    project = Project.objects.get()
    assert project.budget == 40000 and project.activities.count() == 1
    response = client.post(url(programme, "projects/new/"), {**data, "budget": "-3"})
    assert response.status_code == 200 and response.context["form"].errors["budget"]
    assert Project.objects.count() == 1


@pytest.mark.parametrize("typed", ["450 000", "450.000,00", "450,000", "٤٥٠٠٠٠", "450\u202f000 درهم"])
def test_project_budget_as_people_write_it(client, committee_member, programme, axis, typed):
    in_phase(programme, Phase.DRAFTING)
    client.force_login(committee_member)
    data = {"axis": axis.pk, "order": 1, "title_ar": "مشروع", "budget": typed, **EMPTY_CHILDREN}
    response = client.post(url(programme, "projects/new/"), data)
    assert response.status_code == 302, response.context["form"].errors
    assert Project.objects.get().budget == 450000


def test_unreadable_budget_says_how_to_write_it(client, committee_member, programme, axis):
    in_phase(programme, Phase.DRAFTING)
    client.force_login(committee_member)
    data = {"axis": axis.pk, "order": 1, "title_ar": "مشروع", "budget": "أربعمائة ألف", **EMPTY_CHILDREN}
    response = client.post(url(programme, "projects/new/"), data)
    assert response.context["form"].errors["budget"] == [
        "اكتب المبلغ بالأرقام، مثلا 450000 أو 450 000 أو 450.000,50 (رقمان بعد الفاصلة على الأكثر)."
    ]
    assert list(response.context["form"].errors) == ["budget"] and not Project.objects.exists()


@pytest.mark.parametrize(
    ("phase", "path"),
    [(Phase.IDEAS, "projects/new/"), (Phase.DRAFTING, "adoption/"), (Phase.ADOPTION, "ideas/record/")],
)
def test_the_phase_an_action_needs_is_said_before_its_form(client, focal_point, secretariat, programme, phase, path):
    in_phase(programme, phase)
    client.force_login(secretariat if path == "adoption/" else focal_point)
    page = client.get(url(programme, path)).content.decode()
    assert 'class="message error" role="status"' in page and '<form method="post" novalidate' not in page
    assert 'name="budget"' not in page and 'name="session_date"' not in page and 'name="rows-0-title"' not in page


def test_amending_a_draft_is_said_before_the_form(client, secretariat, programme, axis):
    in_phase(programme, Phase.DRAFTING)
    project = Project.objects.create(programme=programme, axis=axis, title="مشروع", budget=1000)
    client.force_login(secretariat)
    page = client.get(url(programme, "projects", project.pk, "amend")).content.decode()
    assert 'role="status"' in page and 'name="reason"' not in page


@pytest.mark.parametrize("path", ["manage/axes/new/", "meetings/new/", "projects/new/", "manage/committee/new/"])
def test_staff_forms_have_readable_labels(client, focal_point, programme, axis, path):
    in_phase(programme, Phase.DRAFTING if path == "projects/new/" else Phase.AXES)
    client.force_login(focal_point)
    page = client.get(url(programme, path)).content.decode()
    assert "[ar]" not in page and "[fr]" not in page and "---------" not in page
    assert 'name="title_ar" ' not in page or "العنوان (العربيّة)" in page
    assert 'dir="auto"' in page


def test_axis_principles_are_one_group_of_checkboxes(client, focal_point, programme, axis):
    in_phase(programme, Phase.AXES)
    client.force_login(focal_point)
    page = client.get(url(programme, "manage/axes", axis.pk)).content.decode()
    group = page[page.index('<fieldset class="field choice-group') :]
    group = group[: group.index("</fieldset>")]
    assert "<legend>مبادئ الانفتاح المعنية" in group and group.count('type="checkbox"') == 4
    response = client.post(
        url(programme, "manage/axes", axis.pk),
        {"order": 1, "title_ar": "الرقمنة", "principles": ["serves_digitalisation", "serves_information"]},
    )
    assert response.status_code == 302
    axis.refresh_from_db()
    assert axis.serves_digitalisation and axis.serves_information and not axis.serves_participation


def test_project_pages_public_and_edit_refused_to_citizens(client, citizen, programme, axis):
    project = Project.objects.create(programme=programme, axis=axis, title="مشروع", budget=1000)
    assert client.get(url(programme, "projects/")).status_code == 200
    assert client.get(url(programme, "projects", project.pk)).status_code == 200
    client.force_login(citizen)
    assert client.get(url(programme, "projects", project.pk, "edit")).status_code == 403


def test_adoption_form(client, secretariat, programme, axis):
    in_phase(programme, Phase.ADOPTION)
    Project.objects.create(programme=programme, axis=axis, title="مشروع", budget=1000)
    client.force_login(secretariat)
    response = client.post(
        url(programme, "adoption/"), {"session_date": "2027-02-03", "deliberation_number": "", "votes_for": 3}
    )
    assert response.status_code == 200 and response.context["form"].errors["deliberation_number"]
    response = client.post(
        url(programme, "adoption/"),
        {
            "session_date": "2027-02-03",
            "deliberation_number": "12/2027",
            "votes_for": 20,
            "votes_against": 1,
            "votes_abstain": 0,
        },
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.phase == Phase.IMPLEMENTATION and programme.adoption.session_date == datetime.date(2027, 2, 3)


def test_list_pages_use_bounded_queries(client, programme, axis, django_assert_max_num_queries):
    for n in range(12):
        Project.objects.create(programme=programme, axis=axis, title=f"p{n}", budget=1000)
        Meeting.objects.create(programme=programme, kind=Meeting.Kind.WORKSHOP, title=f"m{n}")
    with django_assert_max_num_queries(12):
        client.get(url(programme, "projects/"))
    with django_assert_max_num_queries(10):
        client.get(url(programme, "meetings/"))


def test_committee_answers_an_online_comment_and_the_author_is_told(client, citizen, committee_member, programme, axis):
    from remacto.notifications.models import Notification
    from remacto.participation import services as participation

    in_phase(programme, Phase.CONSULTATION)
    project = Project.objects.create(programme=programme, axis=axis, title="مشروع", budget=1000, status="consultation")
    comment = participation.add_comment(citizen, project, "أقترح إضافة ورشة للشباب.")
    client.force_login(committee_member)
    page = client.get(url(programme, "projects", project.pk))
    assert page.context["contributions"][0]["answer"] is None
    client.post(
        url(programme, "projects", project.pk, "answer", "comment", comment.pk),
        {"taken_into_account": "yes", "answer": "أضيفت ورشة خاصة بالشباب."},
    )
    page = client.get(url(programme, "projects", project.pk))
    assert page.context["contributions"][0]["answer"].taken_into_account
    assert Notification.objects.filter(recipient=citizen, kind="consultation.answer").exists()
    client.force_login(citizen)
    client.post(
        url(programme, "projects", project.pk, "answer", "comment", comment.pk),
        {"taken_into_account": "no", "answer": "je réponds à moi-même"},
    )
    assert project.answers.get().taken_into_account


def test_budget_by_axis_is_not_multiplied_by_ideas(client, programme, axis):
    from remacto.cocreation.models import Idea

    for n in range(3):
        Idea.objects.create(programme=programme, axis=axis, title=f"i{n}", problem="p", solution="s")
    Project.objects.create(programme=programme, axis=axis, title="a", budget=30000)
    Project.objects.create(programme=programme, axis=axis, title="b", budget=20000)
    axes = list(client.get(url(programme, "projects/")).context["axes"])
    assert (axes[0].project_count, axes[0].budget_total, axes[0].idea_count) == (2, 50000, 3)


def test_meeting_photos_and_committee_attendance(client, focal_point, citizen, programme):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from remacto.cocreation.models import CommitteeMember

    meeting = Meeting.objects.create(programme=programme, kind=Meeting.Kind.COMMITTEE, title="الاجتماع الأول")
    seat = CommitteeMember.objects.create(programme=programme, name="عضو", kind="elected")
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, "PNG")
    photo = SimpleUploadedFile("p.png", buffer.getvalue(), content_type="image/png")
    fake = SimpleUploadedFile("p.png", b"%PDF-1.4 not an image", content_type="image/png")
    client.force_login(citizen)
    assert (
        client.post(url(programme, "meetings", meeting.pk, "photos"), {"caption": "x", "image": photo}).status_code
        == 403
    )
    client.force_login(focal_point)
    client.post(url(programme, "meetings", meeting.pk, "photos"), {"caption": "", "image": fake})
    assert not meeting.photos.exists()
    photo.seek(0)
    client.post(url(programme, "meetings", meeting.pk, "photos"), {"caption": "أعضاء اللجنة", "image": photo})
    assert meeting.photos.get().caption == "أعضاء اللجنة"
    client.post(url(programme, "meetings", meeting.pk, "committee"), {"members": [seat.pk]})
    assert list(meeting.committee_attendees.all()) == [seat]
    page = client.get(url(programme, "meetings", meeting.pk)).content.decode()
    assert "أعضاء اللجنة" in page and "عضو" in page


def test_meeting_and_project_titles_saved_in_each_language(client, focal_point, committee_member, programme, axis):
    client.force_login(focal_point)
    response = client.post(
        url(programme, "meetings/new/"),
        {"kind": "co_creation_workshop", "title_ar": "ورشة", "title_fr": "Atelier", "starts_at": "2026-12-05T10:00"},
    )
    assert response.status_code == 302
    assert Meeting.objects.values_list("title_ar", "title_fr").get() == ("ورشة", "Atelier")
    in_phase(programme, Phase.DRAFTING)
    client.force_login(committee_member)
    data = {
        "axis": axis.pk,
        "order": 1,
        "title_ar": "مشروع",
        "title_fr": "Projet",
        "budget": "1000",
        "activities-TOTAL_FORMS": 0,
        "activities-INITIAL_FORMS": 0,
        "indicators-TOTAL_FORMS": 0,
        "indicators-INITIAL_FORMS": 0,
    }
    assert client.post(url(programme, "projects/new/"), data).status_code == 302
    assert Project.objects.values_list("title_ar", "title_fr").get() == ("مشروع", "Projet")
