"""A refusal by a posting limit answers 429 with the message and Retry-After, as a page and as an htmx fragment;
other refusals keep their usual answer."""

import pytest

from remacto.participation.models import Comment, Flag, Support

from .test_views import HTMX, ct_url

pytestmark = pytest.mark.django_db

TOO_FAST = "أنت تنشر بسرعة كبيرة؛ يرجى المحاولة مجددا بعد بضع دقائق."


@pytest.fixture
def strict(settings):
    settings.PARTICIPATION_LIMITS = {
        **settings.PARTICIPATION_LIMITS,
        "comments": [(1, 600)],
        "supports": [(0, 600)],
        "flags": [(0, 600)],
    }


def assert_refused(response, *, fragment: bool):
    body = response.content.decode()
    assert response.status_code == 429, response.status_code
    assert 1 <= int(response["Retry-After"]) <= 601
    assert TOO_FAST in body and 'role="alert"' in body
    assert ("<html" in body) is not fragment


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "page"])
def test_support_refused_by_the_limit(client, amina, discussion, strict, htmx):
    client.force_login(amina)
    headers = HTMX if htmx else {}
    response = client.post(ct_url(discussion, "support"), {"support": "1"}, **headers)
    assert_refused(response, fragment=htmx)
    assert not Support.objects.exists()
    if not htmx:  # the page offers the way back
        assert f'href="{discussion.get_absolute_url()}"' in response.content.decode()


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "page"])
def test_comment_refused_by_the_limit_keeps_the_text(client, amina, discussion, strict, htmx):
    client.force_login(amina)
    headers = HTMX if htmx else {}
    assert client.post(ct_url(discussion, "comments"), {"body": "الأول"}, **headers).status_code in (200, 302)
    response = client.post(ct_url(discussion, "comments"), {"body": "تعليق ثان مرفوض"}, **headers)
    assert_refused(response, fragment=htmx)
    assert "تعليق ثان مرفوض" in response.content.decode()
    assert Comment.objects.count() == 1


def test_report_refused_by_the_limit(client, amina, discussion, strict):
    client.force_login(amina)
    response = client.post(ct_url(discussion, "report"), {"reason": Flag.Reason.SPAM})
    assert_refused(response, fragment=False)
    assert not Flag.objects.exists()


def test_other_refusals_are_not_429(client, amina, closed_discussion, discussion):
    client.force_login(amina)
    response = client.post(ct_url(closed_discussion, "support"), {"support": "1"}, **HTMX)
    assert response.status_code == 200 and "Retry-After" not in response
    response = client.post(ct_url(discussion, "comments"), {"body": "   "}, **HTMX)
    assert response.status_code == 200 and "Retry-After" not in response
