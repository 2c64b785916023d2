"""Pages: who sees what, the forms' refusals, query caps, the CSV export and the Atom feeds."""

import csv
import datetime
import io
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from remacto.cocreation.models import Programme
from remacto.network.models import MembershipApplication, NewsPost
from remacto.network.services import applications, news
from remacto.territories.models import Collectivity, Membership, Province

from .conftest import FOCAL, pdf

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_apply_page_needs_an_account(client):
    response = client.get(reverse("network:apply"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_apply_through_the_form(client, applicant, candidate):
    client.force_login(applicant)
    page = client.get(reverse("network:apply"))
    assert candidate.name_ar in page.content.decode()
    response = client.post(
        reverse("network:apply"), {"collectivity": candidate.pk, **FOCAL, "deliberation": pdf()}, follow=True
    )
    assert response.status_code == 200
    assert MembershipApplication.objects.filter(collectivity=candidate, applicant=applicant).exists()


def test_on_a_fresh_install_councils_are_offered_and_a_commune_names_itself(client, applicant, reference):
    client.force_login(applicant)
    page = client.get(reverse("network:apply")).content.decode()
    assert "المجلس الإقليمي: شفشاون" in page  # a council that is not a member yet, labelled with its kind
    assert page.count("<option") > 75
    province = Province.objects.get(code="571")
    values = {**FOCAL, "commune_name_ar": "أزلا", "commune_name_fr": "Azla", "commune_province": province.pk}
    response = client.post(reverse("network:apply"), {**values, "deliberation": pdf()}, follow=True)
    assert response.status_code == 200
    application = MembershipApplication.objects.get(applicant=applicant)
    assert (application.collectivity.name_ar, application.collectivity.province) == ("أزلا", province)
    assert "/ar/" in response.redirect_chain[-1][0]


def test_a_commune_named_without_its_province_is_refused_in_arabic(client, applicant, reference):
    client.force_login(applicant)
    values = {**FOCAL, "commune_name_ar": "أزلا", "deliberation": pdf()}
    response = client.post(reverse("network:apply"), values)
    assert response.status_code == 400
    assert "الإقليم أو العمالة" in response.content.decode()
    assert not Collectivity.objects.filter(name_ar="أزلا").exists()


def test_the_form_without_deliberation_says_why_in_arabic_and_saves_nothing(client, applicant, candidate):
    client.force_login(applicant)
    response = client.post(reverse("network:apply"), {"collectivity": candidate.pk, **FOCAL})
    assert response.status_code == 400
    assert "مداولة" in response.content.decode()
    assert not MembershipApplication.objects.exists()


def test_members_are_not_offered(client, applicant, commune, candidate):
    client.force_login(applicant)
    response = client.post(reverse("network:apply"), {"collectivity": commune.pk, **FOCAL, "deliberation": pdf()})
    assert response.status_code == 400
    assert not MembershipApplication.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [(None, 302), ("citizen", 403), ("applicant", 200), ("other_focal_point", 403), ("network_admin", 200)],
)
def test_application_detail_by_role(client, request, application, who, status):
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.get(application.get_absolute_url())
    assert response.status_code == (403 if status == 302 else status)
    deliberation = client.get(reverse("network:deliberation", args=[application.pk]))
    assert deliberation.status_code == (403 if status == 302 else status)


def test_admin_list_filters_and_query_cap(client, network_admin, application, django_assert_max_num_queries):
    client.force_login(network_admin)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("network:applications"), {"status": "pending"})
    assert application.collectivity.name_ar in response.content.decode()
    response = client.get(reverse("network:applications"), {"status": "rejected"})
    assert application.collectivity.name_ar not in response.content.decode()
    assert client.get(reverse("network:applications"), {"page": "abc"}).status_code == 200


@pytest.mark.parametrize("who", ["citizen", "applicant", "focal_point"])
def test_admin_pages_are_refused_to_others(client, request, who):
    client.force_login(request.getfixturevalue(who))
    for name in ("network:applications", "network:applications_export", "network:stale"):
        assert client.get(reverse(name)).status_code == 403


def test_decide_through_the_page(client, network_admin, application, candidate):
    client.force_login(network_admin)
    response = client.post(application.get_absolute_url(), {"decision": "reject", "text": ""})
    assert response.status_code == 400
    response = client.post(application.get_absolute_url(), {"decision": "accept", "text": "مرحبا", "cohort_year": ""})
    assert response.status_code == 302
    assert Membership.objects.filter(collectivity=candidate).exists()
    public = client.get(reverse("network:decisions")).content.decode()
    assert "مرحبا" in public


def test_applicant_cannot_decide(client, applicant, application):
    client.force_login(applicant)
    response = client.post(application.get_absolute_url(), {"decision": "accept", "text": "x"})
    assert response.status_code == 403


def test_csv_export(client, network_admin, application):
    client.force_login(network_admin)
    response = client.get(reverse("network:applications_export"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "id"
    assert rows[1][1] == application.collectivity.name_ar
    assert rows[1][7] == FOCAL["focal_email"]


def test_stale_members_page(client, network_admin, commune, other_commune, django_assert_max_num_queries):
    old = timezone.now() - datetime.timedelta(days=400)
    Membership.objects.update(created_at=old)
    programme = Programme.objects.create(collectivity=commune, cycle="2024-2025", title="برنامج")
    Programme.objects.filter(pk=programme.pk).update(updated_at=old)
    Programme.objects.create(collectivity=other_commune, cycle="2026-2027", title="برنامج حديث")
    client.force_login(network_admin)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("network:stale"))
    body = response.content.decode()
    assert commune.name_ar in body
    assert other_commune.name_ar not in body


def test_directory_says_the_network_counts_228_members(client, reference):
    body = client.get(reverse("territories:directory")).content.decode()
    assert "228" in body


def _posts(author, collectivity, n):
    return [
        news.write(author, collectivity, {"title": f"خبر {i}", "body": "نص", "status": "published"}) for i in range(n)
    ]


def test_member_news_pages_and_query_caps(client, focal_point, commune, django_assert_max_num_queries):
    posts = _posts(focal_point, commune, 12)
    draft = news.write(focal_point, commune, {"title": "مسودة", "body": "نص", "status": "draft"})
    with django_assert_max_num_queries(10):
        response = client.get(reverse("network:member_news", args=[commune.slug]))
    body = response.content.decode()
    assert "مسودة" not in body
    assert "pagination" in body
    assert client.get(posts[0].get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(focal_point)
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert "مسودة" in client.get(reverse("network:member_news", args=[commune.slug])).content.decode()


def test_news_write_page_by_role(client, focal_point, other_focal_point, commune, network_admin):
    url = reverse("network:member_news_write", args=[commune.slug])
    client.force_login(other_focal_point)
    assert client.get(url).status_code == 403
    assert client.get(reverse("network:news_write")).status_code == 403
    client.force_login(focal_point)
    assert client.post(url, {"title": "", "body": "نص", "status": "published"}).status_code == 400
    response = client.post(url, {"title": "خبر جديد", "body": "نص", "status": "published"})
    assert response.status_code == 302
    client.force_login(network_admin)
    assert (
        client.post(
            reverse("network:news_write"), {"title": "خبر الشبكة", "body": "نص", "status": "published"}
        ).status_code
        == 302
    )
    assert NewsPost.objects.count() == 2


def test_news_of_a_non_member_is_404(client, candidate):
    assert client.get(reverse("network:member_news", args=[candidate.slug])).status_code == 404
    assert client.get(reverse("network:member_feed", args=[candidate.slug])).status_code == 404


def test_member_feed_parses_keeps_the_language_and_strips_bidi_controls(client, focal_point, commune):
    news.write(focal_point, commune, {"title": "خبر \u202eمقلوب", "body": "**نص**", "status": "published"})
    news.write(focal_point, commune, {"title": "مسودة", "body": "نص", "status": "draft"})
    response = client.get("/fr" + reverse("network:member_feed", args=[commune.slug])[3:])
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    title = entries[0].find(f"{ATOM}title").text
    assert "\u202e" not in title and "مقلوب" in title
    link = entries[0].find(f"{ATOM}link").get("href")
    assert "/fr/members/" in link


def test_network_feed_query_cap(client, network_admin, django_assert_max_num_queries):
    _posts(network_admin, None, 5)
    with django_assert_max_num_queries(3):
        response = client.get(reverse("network:feed"))
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    assert len(root.findall(f"{ATOM}entry")) == 5


def test_application_detail_and_public_decisions_query_caps(
    client, network_admin, application, django_assert_max_num_queries
):
    client.force_login(network_admin)
    with django_assert_max_num_queries(10):
        assert client.get(application.get_absolute_url()).status_code == 200
    applications.decide(network_admin, application, accept=False, text="ناقص")
    client.logout()
    with django_assert_max_num_queries(6):
        body = client.get(reverse("network:decisions")).content.decode()
    assert "ناقص" in body
    assert FOCAL["focal_email"] not in body


def test_a_decided_application_cannot_be_decided_again_through_the_page(client, network_admin, application):
    applications.decide(network_admin, application, accept=False, text="ناقص")
    client.force_login(network_admin)
    assert client.post(application.get_absolute_url(), {"decision": "accept", "text": "x"}).status_code == 403
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.REJECTED


def test_profile_links_network_admins_to_the_applications(client, network_admin, citizen):
    client.force_login(network_admin)
    assert reverse("network:applications") in client.get(reverse("accounts:profile")).content.decode()
    client.force_login(citizen)
    assert reverse("network:applications") not in client.get(reverse("accounts:profile")).content.decode()
