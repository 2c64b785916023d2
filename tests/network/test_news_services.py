"""News posts: writing, publishing, the refusals and who may write where."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from remacto.core.markdown import render_markdown
from remacto.core.models import AuditLogEntry
from remacto.network import selectors
from remacto.network.models import NewsPost
from remacto.network.services import news

from .conftest import pdf, png

pytestmark = pytest.mark.django_db

POST = {"title": "ورشة حول الميزانية التشاركية", "body": "**نص** الخبر", "status": "published"}


def test_focal_point_publishes_on_their_space(focal_point, commune):
    post = news.write(focal_point, commune, POST, png())
    assert post.status == NewsPost.Status.PUBLISHED
    assert post.published_at is not None
    assert post.image.name.endswith(".png")
    assert list(selectors.published_news(commune)) == [post]
    assert not selectors.published_news(None).exists()
    assert AuditLogEntry.objects.filter(action="news.save", collectivity=commune).exists()


def test_a_draft_is_not_listed_and_publishing_later_sets_the_date(focal_point, commune):
    post = news.write(focal_point, commune, {**POST, "status": "draft"})
    assert post.published_at is None
    assert not selectors.published_news(commune).exists()
    post = news.edit(focal_point, post, POST)
    assert post.published_at is not None
    first = post.published_at
    post = news.edit(focal_point, post, {**POST, "title": "عنوان جديد"})
    assert post.published_at == first


def test_network_admin_writes_network_news(network_admin):
    post = news.write(network_admin, None, POST)
    assert post.collectivity is None
    assert list(selectors.published_news(None)) == [post]


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({**POST, "title": ""}, "title"),
        ({**POST, "title": "a\x00b"}, "title"),
        ({**POST, "body": "<script></script>"}, "body"),
        ({**POST, "body": "x" * 20001}, "body"),
        ({**POST, "status": "live"}, "status"),
    ],
)
def test_bad_input_saves_nothing(focal_point, commune, values, field):
    with pytest.raises(ValidationError) as exc:
        news.write(focal_point, commune, values)
    assert field in exc.value.message_dict
    assert not NewsPost.objects.exists()


def test_an_image_that_is_not_a_picture_is_refused(focal_point, commune):
    with pytest.raises(ValidationError) as exc:
        news.write(focal_point, commune, POST, pdf("photo.png"))
    assert "image" in exc.value.message_dict
    with pytest.raises(ValidationError):
        news.write(focal_point, commune, POST, SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\nbroken"))
    assert not NewsPost.objects.exists()


def test_markdown_is_sanitised():
    html = render_markdown('hello <img src=x onerror="alert(1)"> [a](javascript:alert(1))')
    assert "onerror" not in html and "javascript:" not in html


def test_focal_point_elsewhere_and_citizen_may_not_write(other_focal_point, citizen, commune):
    for person in (other_focal_point, citizen):
        with pytest.raises(PermissionDenied):
            news.write(person, commune, POST)
    with pytest.raises(PermissionDenied):
        news.write(other_focal_point, None, POST)
    assert not NewsPost.objects.exists()
