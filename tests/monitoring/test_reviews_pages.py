"""The review meetings page: public list with minutes and decisions, the committee's form with its decisions,
the signed minutes; in Arabic, with typed text isolated."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from remacto.monitoring.models import ReviewDecision, ReviewMeeting

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def url(programme) -> str:
    return f"/ar/members/{programme.collectivity.slug}/programme/{programme.cycle}/monitoring/reviews/"


def form_data(**values) -> dict:
    data = {
        "held_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
        "title": "اجتماع \u202eالتتبع",
        "attendees": "",
        "minutes": "محضر الاجتماع",
        "decisions-TOTAL_FORMS": "3",
        "decisions-INITIAL_FORMS": "0",
        "decisions-MIN_NUM_FORMS": "0",
        "decisions-MAX_NUM_FORMS": "30",
    }
    return data | values


def test_public_list_in_arabic(client, implemented, project, django_assert_max_num_queries):
    for number in range(3):
        meeting = ReviewMeeting.objects.create(
            programme=implemented,
            held_on=datetime.date(2026, 3 + number, 1),
            title=f"اجتماع {number} \u202e",
            minutes="محضر",
        )
        ReviewDecision.objects.create(meeting=meeting, project=project, text="قرار \u202eمهم")
    with django_assert_max_num_queries(12):
        response = client.get(url(implemented))
    body = response.content.decode()
    assert response.status_code == 200 and 'dir="rtl"' in body
    assert "اجتماعات المراجعة" in body
    assert "<bdi>قرار \u202eمهم</bdi>" in body and 'name="minutes"' not in body  # no form for the public


def test_committee_records_a_meeting_from_the_page(client, implemented, project, committee_member):
    client.force_login(committee_member)
    assert 'name="decisions-0-text"' in client.get(url(implemented)).content.decode()
    data = form_data(
        **{"decisions-0-text": "تسريع الأشغال", "decisions-0-project": str(project.pk), "decisions-1-text": "نشر"}
    )
    data["document"] = SimpleUploadedFile("pv.pdf", PDF, content_type="application/pdf")
    response = client.post(url(implemented), data)
    assert response.status_code == 302
    meeting = ReviewMeeting.objects.get()
    assert meeting.decisions.count() == 2
    body = client.get(url(implemented)).content.decode()
    assert "<bdi>اجتماع \u202eالتتبع</bdi>" in body
    minutes = client.get(url(implemented) + f"{meeting.pk}/minutes/")
    assert minutes.status_code == 200 and minutes["Content-Type"] == "application/pdf"


def test_bad_input_on_the_page_keeps_what_was_typed(client, implemented, focal_point):
    client.force_login(focal_point)
    future = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    response = client.post(url(implemented), form_data(held_on=future, **{"decisions-0-text": "قرار محفوظ"}))
    body = response.content.decode()
    assert response.status_code == 400 and "قرار محفوظ" in body and "اجتماع" in body
    assert not ReviewMeeting.objects.exists()


def test_others_cannot_post(client, implemented, citizen, other_focal_point):
    for user in (citizen, other_focal_point):
        client.force_login(user)
        assert client.post(url(implemented), form_data()).status_code == 403
    assert not ReviewMeeting.objects.exists()


def test_typed_text_never_reorders_the_reviews_page(client, implemented, project, committee_member):
    from ..test_bidi_isolation import COMMENT, NAME, TITLE, problems

    project.title = TITLE
    project.save()
    meeting = ReviewMeeting.objects.create(
        programme=implemented, held_on=datetime.date(2026, 5, 1), title=TITLE, attendees=NAME, minutes=COMMENT
    )
    ReviewDecision.objects.create(meeting=meeting, project=project, text=COMMENT, responsible=NAME)
    for user in (None, committee_member):
        if user:
            client.force_login(user)
        body = client.get(url(implemented)).content.decode()
        assert COMMENT in body and not problems(body)
