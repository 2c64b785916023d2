"""The observation pages in Arabic: public list, form without JavaScript, detail with comments and answer,
photo served only while visible; the flood answered 429; user text isolated."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from remacto.monitoring.models import Observation
from remacto.monitoring.services import observations as service
from remacto.participation import services as participation

SPOOF = "سيارة \u202eمعطلة"


def base(project) -> str:
    return f"/ar/members/{project.programme.collectivity.slug}/projects/{project.pk}/observations/"


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, "PNG")
    return SimpleUploadedFile("p.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def observation(citizen, project) -> Observation:
    return service.post_observation(citizen, project, text=SPOOF, place="حي \u202eالسلام", photo=png())


def test_public_list_in_arabic_with_isolated_text(client, observation, project, django_assert_max_num_queries):
    for number in range(4):
        service.post_observation(observation.author, project, text=f"ملاحظة {number}")
    with django_assert_max_num_queries(12):
        response = client.get(base(project))
    body = response.content.decode()
    assert response.status_code == 200 and '<html lang="ar" dir="rtl">' in body
    assert "ملاحظات السكان" in body
    assert '<p dir="auto">سيارة \u202eمعطلة</p>' in body and "<bdi>حي \u202eالسلام</bdi>" in body
    assert "تسجيل الدخول" in body  # anonymous visitors are invited to sign in


def test_list_is_paginated(client, citizen, project, settings):
    settings.PARTICIPATION_LIMITS = {"observations": [(100, 3600)]}
    for number in range(23):
        service.post_observation(citizen, project, text=f"ملاحظة {number}")
    first = client.get(base(project)).content.decode()
    assert first.count('class="observation"') == 20 and 'rel="next"' in first
    assert client.get(base(project) + "?page=2").content.decode().count('class="observation"') == 3


def test_unknown_or_other_collectivitys_project_is_404(client, project, other_project):
    slug = project.programme.collectivity.slug
    assert client.get(f"/ar/members/{slug}/projects/{other_project.pk}/observations/").status_code == 404
    assert client.get(f"/ar/members/{slug}/projects/999999/observations/").status_code == 404


def test_form_requires_sign_in_and_posts_without_javascript(client, citizen, project):
    assert client.get(base(project) + "new/").status_code == 302
    client.force_login(citizen)
    page = client.get(base(project) + "new/").content.decode()
    assert 'dir="rtl"' in page and 'enctype="multipart/form-data"' in page and "<script" not in page.split("<main")[1]
    response = client.post(
        base(project) + "new/", {"text": "حفرة في الطريق", "place": "", "latitude": "", "longitude": ""}
    )
    observation = Observation.objects.get()
    assert response.status_code == 302 and response["Location"] == observation.get_absolute_url()


def test_form_shows_errors_in_arabic_and_keeps_the_text(client, citizen, project):
    client.force_login(citizen)
    response = client.post(base(project) + "new/", {"text": "حفرة في الطريق", "latitude": "48.8", "longitude": "2.3"})
    body = response.content.decode()
    assert response.status_code == 400 and "خارج المغرب" in body and "حفرة في الطريق" in body
    bad = client.post(base(project) + "new/", {"text": "صورة", "photo": SimpleUploadedFile("x.jpg", b"nope")})
    assert bad.status_code == 400 and "ليس صورة" in bad.content.decode()
    assert not Observation.objects.exists()


def test_a_flood_answers_429(client, citizen, project, settings):
    settings.PARTICIPATION_LIMITS = {"observations": [(2, 3600)]}
    client.force_login(citizen)
    for _number in range(2):
        assert client.post(base(project) + "new/", {"text": "ملاحظة"}).status_code == 302
    response = client.post(base(project) + "new/", {"text": "ملاحظة"})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert Observation.objects.count() == 2


def test_detail_shows_answer_comments_and_photo(client, observation, project, focal_point):
    service.answer_observation(focal_point, observation, "سنتدخل \u202eقريبا")
    response = client.get(observation.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert '<p class="answer" dir="auto">سنتدخل \u202eقريبا</p>' in body
    assert "observation_photo" not in body and f"{observation.pk}/photo/" in body
    assert '<section class="comments"' in body  # participation's comments block
    photo = client.get(base(project) + f"{observation.pk}/photo/")
    assert photo.status_code == 200 and photo["Content-Type"] == "image/png"


def test_staff_answer_from_the_page_others_cannot(client, observation, unit_officer, citizen):
    client.force_login(citizen)
    assert client.post(observation.get_absolute_url(), {"answer": "x"}).status_code == 404
    client.force_login(unit_officer)
    page = client.get(observation.get_absolute_url()).content.decode()
    assert 'name="answer"' in page
    assert client.post(observation.get_absolute_url(), {"answer": ""}).status_code == 400
    assert client.post(observation.get_absolute_url(), {"answer": "تم الإصلاح"}).status_code == 302
    observation.refresh_from_db()
    assert observation.answer == "تم الإصلاح"


def test_hidden_observation_shows_only_the_reason_and_its_photo_is_gone(client, observation, project, moderator):
    participation.hide(moderator, observation, "معطيات شخصية")
    body = client.get(observation.get_absolute_url()).content.decode()
    assert "معطيات شخصية" in body and SPOOF not in body
    assert client.get(base(project) + f"{observation.pk}/photo/").status_code == 404
    assert SPOOF not in client.get(base(project)).content.decode()
    client.force_login(moderator)
    assert client.get(base(project) + f"{observation.pk}/photo/").status_code == 200
    assert SPOOF in client.get(observation.get_absolute_url()).content.decode()


def test_panel_partial_renders(rf, citizen, observation, project):
    from django.template.loader import render_to_string

    from remacto.monitoring.selectors.observations import panel_context

    request = rf.get("/ar/")
    request.user = citizen
    html = render_to_string("monitoring/_observations_panel.html", panel_context(project, citizen), request=request)
    assert f"/projects/{project.pk}/observations/new/" in html and f"observations/{observation.pk}/" in html


def test_typed_text_never_reorders_the_pages(client, project, focal_point):
    from ..conftest import make_user
    from ..test_bidi_isolation import COMMENT, NAME, TITLE, problems

    project.title = TITLE
    project.save()
    author = make_user("rlo@example.ma", NAME)
    observation = service.post_observation(author, project, text=COMMENT, place=TITLE, photo=png())
    service.answer_observation(focal_point, observation, COMMENT)
    participation.add_comment(author, observation, COMMENT)
    client.force_login(author)
    pages = [base(project), base(project) + "new/", observation.get_absolute_url()]
    found = {url: problems(client.get(url).content.decode()) for url in pages}
    assert not any(found.values()), found


def test_amazigh_pages_show_arabic_only_as_typed_content(client, observation, project, citizen, focal_point):
    from ..test_amazigh_coverage import arabic_leaks

    service.answer_observation(focal_point, observation, "سنتدخل")
    client.force_login(citizen)
    paths = [base(project), base(project) + "new/", observation.get_absolute_url()]
    leaks = {}
    for path in paths:
        response = client.get(path.replace("/ar/", "/zgh/", 1))
        assert response.status_code == 200, path
        leaks[path] = arabic_leaks(response.content.decode())
    assert not any(leaks.values()), leaks


def test_detail_queries_are_bounded(client, observation, citizen, django_assert_max_num_queries):
    for number in range(3):  # a new account's limit
        participation.add_comment(citizen, observation, f"تعليق {number}")
    client.force_login(citizen)
    with django_assert_max_num_queries(25):
        response = client.get(observation.get_absolute_url())
    assert response.status_code == 200 and response.content.decode().count("تعليق ") >= 3
