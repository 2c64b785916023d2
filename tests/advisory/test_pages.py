"""The advisory pages: public lists and body pages with their query caps, the staff and bureau forms, the opinion
shown on the programme page, its adoption record and the campaign page, the register and its CSV export."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import translation

from remacto.advisory.models import Body, BureauRole, Meeting, Member, Opinion
from remacto.advisory.services import opinions
from remacto.cocreation.models import Adoption, Phase

from ..conftest import PASSWORD
from .conftest import TODAY, opinion_values, pdf_file, request_values, seat

pytestmark = pytest.mark.django_db


def url(name: str, *args, lang: str = "ar") -> str:
    with translation.override(lang):
        return reverse(f"advisory:{name}", args=args)


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


@pytest.fixture
def given(opinion_request, president):
    opinions.give_opinion(president, opinion_request, opinion_values(), pdf_file(), today=TODAY)
    return opinion_request


def _many(body, n: int) -> None:
    for i in range(n):
        Member.objects.create(body=body, name=f"عضو {i}", role=BureauRole.MEMBER)
        Meeting.objects.create(body=body, held_on=datetime.date(2026, 1, 1 + i), agenda=f"جدول {i}")


def test_bodies_list_is_public_and_capped(client, body, commune, django_assert_max_num_queries):
    for i in range(12):
        Body.objects.create(collectivity=commune, kind="standing_committee", name=f"لجنة {i}")
    with django_assert_max_num_queries(8):
        response = client.get(url("bodies", commune.slug))
    assert response.status_code == 200
    html = response.content.decode()
    assert "page=2" in html and f"<bdi>{body.name}</bdi>" in html


def test_body_page_shows_members_meetings_and_opinions_in_bounded_queries(
    client, body, given, commune, django_assert_max_num_queries
):
    _many(body, 15)
    Meeting.objects.filter(agenda="جدول 14").update(minutes="صادقت الهيئة", minutes_document="advisory/minutes/x.pdf")
    with django_assert_max_num_queries(10):
        response = client.get(body.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong><bdi>president</bdi></strong>" in html and "<bdi>عضو 14</bdi>" in html
    assert "رأي إيجابي مع توصيات" in html and given.case.number in html
    assert "meetings=2#meetings" in html
    assert url("minutes", commune.slug, Meeting.objects.get(agenda="جدول 14").pk) in html


def test_request_page_shows_the_opinion_vote_and_recommendations(client, given, commune):
    html = client.get(given.get_absolute_url()).content.decode()
    assert "إدماج مؤشرات النوع" in html and '<li dir="auto">إشراك الشباب</li>' in html
    assert url("opinion_document", commune.slug, given.pk) in html
    response = client.get(url("opinion_document", commune.slug, given.pk))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_programme_page_and_adoption_record_show_the_opinion(client, given, draft, django_assert_max_num_queries):
    with translation.override("ar"):
        page = reverse("cocreation:programme", args=[draft.collectivity.slug, draft.cycle])
    html = client.get(page).content.decode()
    assert "رأي إيجابي مع توصيات" in html and "إشراك الشباب" in html
    draft.phase = Phase.IMPLEMENTATION
    draft.save()
    Adoption.objects.create(
        programme=draft, session_date=datetime.date(2026, 12, 1), deliberation_number="7/2026", votes_for=20
    )
    html = client.get(page).content.decode()
    adoption = html[html.index('id="adoption-title"') :]
    assert given.body.name in adoption and given.get_absolute_url() in adoption


def test_programme_page_shows_a_waiting_request_with_its_due_date(client, opinion_request, draft):
    with translation.override("fr"):
        page = reverse("cocreation:programme", args=[draft.collectivity.slug, draft.cycle])
    html = client.get(page).content.decode()
    assert opinion_request.get_absolute_url().replace("/ar/", "/fr/") in html
    assert "25 novembre 2026" in html


def test_programme_pdf_context_lists_the_opinions(given, draft):
    from remacto.cocreation import pdf

    html = pdf.render_html(draft, "ar")
    assert "رأي إيجابي مع توصيات" in html and "إدماج مؤشرات النوع" in html


def test_campaign_page_shows_the_opinion_on_its_rules(client, secretariat, body, president, commune):
    from tests.budgets.conftest import campaign_in

    campaign = campaign_in(commune, "proposals")
    asked = opinions.request_opinion(
        secretariat, body, request_values(None, subject_kind="pb_rules", campaign=campaign), today=TODAY
    )
    opinions.give_opinion(president, asked, opinion_values(text="قواعد التصويت منصفة."), today=TODAY)
    html = client.get(campaign.get_absolute_url()).content.decode()
    assert "قواعد التصويت منصفة." in html


def test_old_opinion_address_leads_to_the_request_form(client, secretariat, draft):
    login(client, secretariat)
    with translation.override("ar"):
        old = reverse("cocreation:opinion_add", args=[draft.collectivity.slug, draft.cycle])
    response = client.get(old)
    assert response.status_code == 302
    assert response["Location"].endswith(f"?subject_kind=programme&programme={draft.pk}")


def test_secretariat_requests_an_opinion_through_the_form(client, secretariat, body, draft, commune):
    login(client, secretariat)
    form = client.get(url("request_new", commune.slug) + f"?subject_kind=programme&programme={draft.pk}")
    assert form.status_code == 200
    response = client.post(
        url("request_new", commune.slug),
        {
            "body": body.pk,
            "asked_by": "council",
            "subject_kind": "programme",
            "programme": draft.pk,
            "received_on": "2026-11-02",
            "deadline_amount": "10",
            "deadline_unit": "calendar",
        },
    )
    assert response.status_code == 302
    assert body.requests.get().case.deadlines.get().due == datetime.date(2026, 11, 12)


def test_negative_votes_on_the_form_are_refused_in_arabic(client, opinion_request, president):
    login(client, president)
    data = {"received_on": "2026-11-12", "text": "رأي", "votes_for": "-2", "votes_against": "0", "votes_abstain": "0"}
    response = client.post(url("opinion_give", opinion_request.body.collectivity.slug, opinion_request.pk), data)
    assert response.status_code == 400
    assert "لا يمكن أن يكون عدد الأصوات سالبا" in response.content.decode()
    assert not Opinion.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"), [("citizen", 403), ("advisory_member", 403), ("other_focal_point", 403), ("president", 200)]
)
def test_meeting_form_is_for_the_bureau(client, request, body, president, who, status):
    login(client, request.getfixturevalue(who))
    assert client.get(url("meeting_new", body.collectivity.slug, body.pk)).status_code == status


@pytest.mark.parametrize(("who", "status"), [("citizen", 403), ("president", 403), ("focal_point", 200)])
def test_staff_pages_are_for_staff(client, request, body, who, status):
    login(client, request.getfixturevalue(who))
    slug = body.collectivity.slug
    for name, args in (("body_new", ()), ("members", (body.pk,)), ("register", ()), ("request_new", ())):
        assert client.get(url(name, slug, *args)).status_code == status, name


def test_anonymous_staff_pages_ask_to_sign_in(client, body):
    response = client.get(url("register", body.collectivity.slug))
    assert response.status_code == 302 and "login" in response["Location"]


def test_register_csv_for_staff(client, given, focal_point, commune, django_assert_max_num_queries):
    login(client, focal_point)
    with django_assert_max_num_queries(12):
        response = client.get(url("register_csv", commune.slug))
        content = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(content.lstrip("\ufeff"))))
    assert rows[0]["number"] == given.case.number and rows[0]["status"] == "given"
    assert rows[0]["votes_for"] == "9" and rows[0]["deadline"] == "2026-11-25"
    assert rows[0]["recommendations"] == "إدماج مؤشرات النوع | إشراك الشباب"


def test_the_body_of_a_collectivity_elsewhere_is_not_found_here(client, other_body, commune):
    assert client.get(url("body", commune.slug, other_body.pk)).status_code == 404


def test_a_bureau_member_adds_a_meeting_through_the_form(client, body, president):
    login(client, president)
    response = client.post(
        url("meeting_new", body.collectivity.slug, body.pk), {"held_on": "2026-12-10", "agenda": "دراسة البرنامج"}
    )
    assert response.status_code == 302 and body.meetings.get().agenda == "دراسة البرنامج"


def test_staff_add_a_member_through_the_form(client, body, focal_point):
    login(client, focal_point)
    member = seat(body, "new@example.ma")
    Member.objects.filter(user=member).delete()
    response = client.post(url("members", body.collectivity.slug, body.pk), {"user": member.pk, "role": "rapporteur"})
    assert response.status_code == 302 and body.members.get(user=member).role == "rapporteur"


def test_an_opinion_carried_over_from_co_creation_shows_without_a_case(
    client, body, draft, django_assert_max_num_queries
):
    from remacto.advisory.models import OpinionRequest

    asked = OpinionRequest.objects.create(
        body=body, subject_kind="programme", programme=draft, received_on=datetime.date(2026, 9, 1), legacy_opinion_id=7
    )
    Opinion.objects.create(request=asked, received_on=datetime.date(2026, 9, 1), text="رأي مسجل قبل المنصة")
    with django_assert_max_num_queries(8):
        html = client.get(asked.get_absolute_url()).content.decode()
    assert "رأي مسجل قبل المنصة" in html and "case-history" not in html
    with translation.override("ar"):
        programme_page = reverse("cocreation:programme", args=[draft.collectivity.slug, draft.cycle])
    assert "رأي مسجل قبل المنصة" in client.get(programme_page).content.decode()
    assert client.get(f"/api/v1/advisory/bodies/{body.pk}/opinions").json()["items"][0]["number"] is None


def test_the_secretariat_sees_the_opinions_when_recording_the_adoption(client, given, draft, secretariat):
    draft.phase = Phase.ADOPTION
    draft.save()
    login(client, secretariat)
    with translation.override("ar"):
        page = reverse("cocreation:adoption", args=[draft.collectivity.slug, draft.cycle])
    html = client.get(page).content.decode()
    assert 'name="deliberation_number"' in html and "رأي إيجابي مع توصيات" in html
