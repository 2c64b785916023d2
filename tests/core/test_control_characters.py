"""NUL and other control characters in a path, a query or a form field: a 404 or a refusal, never a server error.

PostgreSQL cannot hold a NUL in a string, so before the middleware these URLs answered 500 there. The same
requests run on SQLite (the default) and, marked ``postgres``, on PostgreSQL when DATABASE_URL points at it.
"""

import os

import pytest
from django.db import connection
from django.urls import reverse

from remacto.participation.models import Comment, Discussion

pytestmark = pytest.mark.django_db

PAGES_NOT_FOUND = ["/ar/members/ben-guerir%00/", "/ar/members/%00/", "/fr/%00", "/ar/members/ben\x01guerir/"]
PAGE_QUERIES = ["/ar/members/?q=%00", "/ar/members/?region=%00", "/fr/members/?q=ab%1Bc", "/ar/?page=%00"]
API_NOT_FOUND = ["/api/v1/regions/%00", "/api/v1/collectivities/%00", "/api/v1/regions/0%007"]
API_QUERIES = [
    "/api/v1/collectivities?q=%00",
    "/api/v1/collectivities?region=%00",
    "/api/v1/provinces?region=%00",
    "/api/v1/programmes?collectivity=%00",
    "/api/v1/collectivities?%00=1",
]


def check_every_url(client) -> None:
    for url in PAGES_NOT_FOUND:
        assert client.get(url).status_code == 404, url
    for url in PAGE_QUERIES:
        response = client.get(url)
        assert response.status_code == 400, url
        if url.startswith("/ar/"):
            assert "طلب غير صالح" in response.content.decode()
    for url in API_NOT_FOUND:
        response = client.get(url)
        assert response.status_code == 404 and response.json() == {"detail": "Not Found"}, url
    for url in API_QUERIES:
        response = client.get(url)
        assert response.status_code == 422, url
        assert response.json()["detail"][0]["type"] == "control_characters"


def test_control_characters_are_refused(client, reference):
    check_every_url(client)


def test_the_filters_still_work_without_them(client, reference):
    assert client.get("/ar/members/?q=بنجرير").status_code == 200
    assert client.get("/api/v1/collectivities?q=ben").status_code == 200
    assert client.get("/api/v1/regions/07").status_code == 200


def test_a_form_field_with_a_nul_is_refused_and_nothing_saved(client, commune, citizen):
    discussion = Discussion.objects.create(collectivity=commune, title="T", body="B", author=citizen)
    client.force_login(citizen)
    url = reverse("participation:comments", kwargs={"ct": "participation.discussion", "pk": discussion.pk})
    assert client.post(url, {"body": "a\x00b"}).status_code == 400
    assert client.post(url, {"body": "line one\r\n\tline two"}).status_code in (200, 302)
    assert list(Comment.objects.values_list("body", flat=True)) == ["line one\r\n\tline two"]


@pytest.mark.postgres
@pytest.mark.skipif(not os.environ.get("DATABASE_URL"), reason="PostgreSQL only: DATABASE_URL is not set")
def test_control_characters_are_refused_on_postgresql(client, reference):
    assert connection.vendor == "postgresql"
    check_every_url(client)
