"""Pages of the library: the public list with filters (query count capped), the page of a practice and who sees
it, submission with bad input, review decisions, "use as a template" (a programme past drafting refused with a
clear message), the links back on the programme, documents, the CSV export, and links from the member space."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from remacto.cocreation.models import Phase
from remacto.practices import services
from remacto.practices.models import Practice, TemplateUse

from .conftest import VALUES, submit

pytestmark = pytest.mark.django_db


def test_list_with_filters_and_query_cap(
    client, published, focal_point, commune, network_admin, django_assert_max_num_queries, settings
):
    settings.PARTICIPATION_LIMITS = {"practices": [(50, 3600)]}
    for n in range(5):
        services.publish(network_admin, submit(focal_point, commune, title=f"ممارسة {n}"))
    with django_assert_max_num_queries(10):
        response = client.get(reverse("practices:list"))
    assert response.status_code == 200
    assert response.content.decode().count('class="card"') >= 6
    response = client.get(reverse("practices:list"), {"q": "الاداره", "principle": "digitalisation", "kind": "commune"})
    assert "<bdi>الإدارة الرقمية وتبسيط المساطر</bdi>" in response.content.decode()
    assert client.get(reverse("practices:list"), {"principle": "bogus"}).status_code == 400


def test_who_sees_a_practice_waiting_for_review(client, practice, focal_point, other_focal_point, network_admin):
    url = practice.get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(other_focal_point)
    assert client.get(url).status_code == 404
    client.force_login(focal_point)
    assert client.get(url).status_code == 200
    client.force_login(network_admin)
    body = client.get(url).content.decode()
    assert reverse("practices:review", args=[practice.pk, "publish"]) in body


def test_detail_renders_markdown_sanitised(client, focal_point, commune, network_admin):
    practice = submit(focal_point, commune, description="**مهم** <script>alert(1)</script> [رابط](javascript:alert(1))")
    services.publish(network_admin, practice)
    body = client.get(practice.get_absolute_url()).content.decode()
    assert "<strong>مهم</strong>" in body and "<script>alert" not in body and "javascript:" not in body


def test_submit_page_and_bad_input(client, focal_point, citizen, commune):
    url = reverse("practices:submit", args=[commune.slug])
    client.force_login(citizen)
    assert client.get(url).status_code == 403
    client.force_login(focal_point)
    assert client.get(url).status_code == 200
    bad = SimpleUploadedFile("x.pdf", b"PK\x03\x04not really a pdf")
    response = client.post(url, {**VALUES, "serves_digitalisation": "on", "document": bad, "document_title": "t"})
    assert response.status_code == 400 and not Practice.objects.exists()
    response = client.post(url, {**VALUES, "title": "عنوان\x00", "structure": ""})
    assert response.status_code == 400 and not Practice.objects.exists()
    response = client.post(url, {**VALUES, "structure": "المحور\n- المشروع"})
    practice = Practice.objects.get()
    assert response.status_code == 302 and practice.axes.get().projects.get().title == "المشروع"


def test_review_from_the_page(client, practice, network_admin, focal_point):
    client.force_login(focal_point)
    assert client.post(reverse("practices:review", args=[practice.pk, "publish"])).status_code == 403
    client.force_login(network_admin)
    response = client.post(reverse("practices:review", args=[practice.pk, "changes"]), {"reason": "قصير"})
    assert response.status_code == 400
    response = client.post(reverse("practices:review", args=[practice.pk, "changes"]), {"reason": "أضيفوا الأرقام"})
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == Practice.Status.CHANGES and practice.review_note == "أضيفوا الأرقام"
    assert client.post(reverse("practices:review", args=[practice.pk, "bogus"])).status_code == 404
    client.force_login(focal_point)
    body = client.get(reverse("practices:edit", args=[practice.pk])).content.decode()
    assert "أضيفوا الأرقام" in body


def test_use_as_template_from_the_page(
    client, published, other_focal_point, programme_at, django_assert_max_num_queries
):
    open_programme = programme_at(Phase.IDEAS)
    adopted = programme_at(Phase.ADOPTION, "2024-2025")
    client.force_login(other_focal_point)
    body = client.get(published.get_absolute_url()).content.decode()
    assert f'value="{open_programme.pk}"' in body and f'value="{adopted.pk}"' not in body
    url = reverse("practices:use", args=[published.pk])
    response = client.post(url, {"programme": adopted.pk})
    assert response.status_code == 400 and adopted.get_phase_display() in response.content.decode()
    assert not TemplateUse.objects.exists()
    response = client.post(url, {"programme": open_programme.pk})
    assert response.status_code == 302
    with django_assert_max_num_queries(60):
        body = client.get(open_programme.get_absolute_url()).content.decode()
    assert published.get_absolute_url() in body and "<bdi>دليل العرائض</bdi>" in body


def test_documents_follow_the_practice_visibility(client, focal_point, commune, network_admin):
    pdf = SimpleUploadedFile("r.pdf", b"%PDF-1.4\n%%EOF\n")
    practice = services.submit_practice(focal_point, commune, VALUES, documents=[("تقرير", pdf)])
    url = practice.documents.get().get_absolute_url()
    assert client.get(url).status_code == 404
    services.publish(network_admin, practice)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_export_for_the_network_team(
    client, published, focal_point, commune, network_admin, django_assert_max_num_queries
):
    submit(focal_point, commune, title="ثانية")
    url = reverse("practices:export")
    client.force_login(focal_point)
    assert client.get(url).status_code == 403
    client.force_login(network_admin)
    with django_assert_max_num_queries(8):
        response = client.get(url)
        text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("id,title,member") and len(lines) == 3


def test_queue_for_the_network_team(client, practice, focal_point, network_admin):
    client.force_login(focal_point)
    assert client.get(reverse("practices:queue")).status_code == 403
    client.force_login(network_admin)
    assert practice.title in client.get(reverse("practices:queue")).content.decode()


def test_links_from_the_footer_and_the_member_space(client, focal_point, commune):
    body = client.get(commune.get_absolute_url()).content.decode()
    assert reverse("practices:list") + f"?member={commune.slug}" in body
    assert reverse("practices:submit", args=[commune.slug]) not in body
    client.force_login(focal_point)
    assert reverse("practices:submit", args=[commune.slug]) in client.get(commune.get_absolute_url()).content.decode()


def test_demo_is_idempotent(reference):
    from remacto.practices.demo import load_demo

    first = load_demo()
    assert len(first) == 3 and all(p.is_sample and p.is_published for p in first)
    counts = (Practice.objects.count(), sum(p.axes.count() for p in first))
    assert [p.pk for p in load_demo()] == [p.pk for p in first]
    assert (Practice.objects.count(), sum(p.axes.count() for p in first)) == counts


def test_too_many_submissions_are_refused_with_429(client, focal_point, commune, settings):
    settings.PARTICIPATION_LIMITS = {"practices": [(2, 3600)]}
    client.force_login(focal_point)
    url = reverse("practices:submit", args=[commune.slug])
    for n in range(2):
        assert client.post(url, {**VALUES, "title": f"ممارسة {n}"}).status_code == 302
    response = client.post(url, {**VALUES, "title": "ممارسة ثالثة"})
    assert response.status_code == 429 and response["Retry-After"]
    assert Practice.objects.count() == 2


def test_practice_page_query_cap(client, published, other_focal_point, programme_at, django_assert_max_num_queries):
    for phase in (Phase.AXES, Phase.IDEAS):
        programme_at(phase, "2027-2028" if phase == Phase.AXES else "2026-2027")
    client.force_login(other_focal_point)
    with django_assert_max_num_queries(14):
        response = client.get(published.get_absolute_url())
    assert response.status_code == 200 and response.content.decode().count("<option") >= 2
