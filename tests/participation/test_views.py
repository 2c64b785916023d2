"""Participation pages: htmx partials versus plain POST redirects, errors kept on the form, query counts."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from remacto.participation import services
from remacto.participation.models import Comment, Discussion, Flag, Support

from .conftest import seasoned

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def ct_url(discussion, action: str) -> str:
    return f"/ar/participation/participation.discussion/{discussion.pk}/{action}/"


# --- supports ------------------------------------------------------------------------------------------------


def test_support_with_htmx_returns_the_button(client, amina, discussion):
    client.force_login(amina)
    response = client.post(ct_url(discussion, "support"), {"support": "1"}, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert f'id="discussion-{discussion.pk}-support"' in body and "<strong>1</strong>" in body
    assert 'name="support" value="0"' in body  # now offers to withdraw
    response = client.post(ct_url(discussion, "support"), {"support": "0"}, **HTMX)
    assert "<strong>0</strong>" in response.content.decode()
    assert not Support.objects.exists()


def test_support_without_javascript_redirects_back(client, amina, discussion):
    client.force_login(amina)
    response = client.post(ct_url(discussion, "support"), {"support": "1", "next": discussion.get_absolute_url()})
    assert response.status_code == 302 and response["Location"] == discussion.get_absolute_url()
    response = client.post(ct_url(discussion, "support"), {"support": "1"}, follow=True)
    assert response.status_code == 200
    discussion.refresh_from_db()
    assert discussion.support_count == 1


def test_support_refuses_outside_redirects(client, amina, discussion):
    client.force_login(amina)
    response = client.post(ct_url(discussion, "support"), {"support": "1", "next": "https://evil.example/"})
    assert response["Location"] == discussion.get_absolute_url()


def test_support_closed_shows_the_message(client, amina, closed_discussion):
    client.force_login(amina)
    response = client.post(ct_url(closed_discussion, "support"), {"support": "1"}, **HTMX)
    assert "إغلاق" in response.content.decode() or 'role="alert"' in response.content.decode()
    assert not Support.objects.exists()


def test_anonymous_support_goes_to_sign_in(client, discussion):
    response = client.post(ct_url(discussion, "support"), {"support": "1"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(ct_url(discussion, "support"), {"support": "1"}, **HTMX)
    assert "/accounts/login/" in response["HX-Redirect"]
    assert not Support.objects.exists()


def test_unknown_target_type_is_404(client, amina, discussion):
    client.force_login(amina)
    for ct in ("accounts.user", "participation.support", "nothing.here", "participation.comment"):
        assert client.post(f"/ar/participation/{ct}/{amina.pk}/support/", {"support": "1"}).status_code == 404
    assert client.post("/ar/participation/participation.discussion/999999/support/").status_code == 404
    assert client.get(f"/ar/participation/accounts.user/{amina.pk}/report/").status_code == 404


def test_get_on_actions_is_refused(client, amina, discussion):
    client.force_login(amina)
    assert client.get(ct_url(discussion, "support")).status_code == 405


def test_follow_toggle(client, amina, discussion):
    client.force_login(amina)
    response = client.post(ct_url(discussion, "follow"), {"follow": "1"}, **HTMX)
    assert 'name="follow" value="0"' in response.content.decode()
    response = client.post(ct_url(discussion, "follow"), {"follow": "0"})
    assert response.status_code == 302


# --- comments ------------------------------------------------------------------------------------------------


def test_comment_with_htmx_returns_the_block(client, amina, discussion):
    client.force_login(amina)
    response = client.post(ct_url(discussion, "comments"), {"body": "Plant **trees**", "website": ""}, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert "<strong>trees</strong>" in body and f'id="discussion-{discussion.pk}-comments"' in body


def test_comment_without_javascript_redirects_to_the_comment(client, amina, discussion):
    client.force_login(amina)
    response = client.post(ct_url(discussion, "comments"), {"body": "Plant trees"})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{discussion.get_absolute_url()}#comment-{comment.pk}"
    page = client.get(discussion.get_absolute_url()).content.decode()
    assert "Plant trees" in page


def test_reply_form_keeps_text_on_error(client, amina, youssef, discussion, moderator):
    top = services.add_comment(youssef, discussion, "Top")
    services.hide(moderator, top, "Off-topic.")
    services.add_comment(youssef, discussion, "Visible")
    client.force_login(amina)
    response = client.post(ct_url(discussion, "comments"), {"body": "My kept reply", "parent": top.pk}, **HTMX)
    body = response.content.decode()
    assert "My kept reply" in body and 'role="alert"' in body
    assert Comment.objects.count() == 2


@pytest.mark.parametrize("body", ["", "x" * 4001], ids=["empty", "too-long"])
def test_bad_comment_keeps_what_was_typed_in_arabic(client, amina, discussion, body):
    client.force_login(amina)
    response = client.post(ct_url(discussion, "comments"), {"body": body})
    html = response.content.decode()
    assert response.status_code == 200 and 'class="error"' in html
    assert response.context["form"].errors["body"]
    if body:
        assert body in html
    assert not Comment.objects.exists()


def test_a_comment_that_shows_nothing_is_refused_in_arabic(client, amina, discussion):
    client.force_login(amina)
    response = client.post(ct_url(discussion, "comments"), {"body": "\u200b\u200b<b></b>"})
    assert response.status_code == 200
    assert "غير مرئية" in response.context["form"].errors["body"][0]
    assert not Comment.objects.exists()


def test_html_in_a_comment_is_shown_inert(client, amina, discussion):
    client.force_login(amina)
    client.post(ct_url(discussion, "comments"), {"body": "<script>alert(1)</script>Hello <b onclick=x>you</b>"})
    html = client.get(discussion.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html and "onclick" not in html and "Hello" in html


def test_honeypot_in_the_form(client, amina, discussion):
    client.force_login(amina)
    response = client.post(ct_url(discussion, "comments"), {"body": "Buy now", "website": "x"}, **HTMX)
    assert 'role="alert"' in response.content.decode()
    assert not Comment.objects.exists()


def test_closed_discussion_shows_no_form(client, amina, closed_discussion):
    client.force_login(amina)
    html = client.get(closed_discussion.get_absolute_url()).content.decode()
    assert 'name="body"' not in html


def test_comment_pages_with_htmx_and_without(client, discussion, amina, youssef, settings):
    settings.PARTICIPATION_LIMITS = {**settings.PARTICIPATION_LIMITS, "comments": []}
    for n in range(25):
        services.add_comment(amina if n % 2 else youssef, discussion, f"Comment number {n}")
    first = client.get(discussion.get_absolute_url()).content.decode()
    assert "Comment number 24" in first and "Comment number 0<" not in first
    partial = client.get(ct_url(discussion, "comments"), {"cpage": "2"}, **HTMX).content.decode()
    assert "<html" not in partial and "Comment number 0" in partial
    redirect = client.get(ct_url(discussion, "comments"), {"cpage": "2"})
    assert redirect.status_code == 302 and "cpage=2" in redirect["Location"]
    junk = client.get(discussion.get_absolute_url(), {"cpage": "abc"})
    assert junk.status_code == 200


def test_edit_page(client, amina, youssef, discussion):
    comment = services.add_comment(amina, discussion, "Frist")
    client.force_login(youssef)
    assert client.get(f"/ar/comments/{comment.pk}/edit/").status_code == 403
    client.force_login(amina)
    assert client.get(f"/ar/comments/{comment.pk}/edit/").status_code == 200
    response = client.post(f"/ar/comments/{comment.pk}/edit/", {"body": ""})
    assert response.status_code == 200 and response.context["form"].errors["body"]
    response = client.post(f"/ar/comments/{comment.pk}/edit/", {"body": "First"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "First"
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(hours=1))
    response = client.post(f"/ar/comments/{comment.pk}/edit/", {"body": "Later"})
    assert response.status_code == 200 and response.context["form"].errors["body"]


# --- reports and moderation ----------------------------------------------------------------------------------


def test_report_page(client, amina, youssef, discussion):
    comment = services.add_comment(youssef, discussion, "Spam")
    client.force_login(amina)
    url = f"/ar/participation/participation.comment/{comment.pk}/report/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "", "details": "I typed this"})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    assert "I typed this" in response.content.decode()
    response = client.post(url, {"reason": "spam", "next": discussion.get_absolute_url()})
    assert response.status_code == 302 and response["Location"] == discussion.get_absolute_url()
    response = client.post(url, {"reason": "spam"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert Flag.objects.count() == 1


def test_moderation_without_reason_keeps_the_page(client, moderator, amina, discussion):
    comment = services.add_comment(amina, discussion, "Text")
    client.force_login(moderator)
    url = f"/ar/participation/participation.comment/{comment.pk}/moderate/"
    response = client.post(url, {"action": "hide", "reason": "  "})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_queue_log_and_hidden_comment_for_public_and_moderators(client, moderator, amina, youssef, discussion, commune):
    comment = services.add_comment(amina, discussion, "Secret insult")
    services.add_comment(youssef, discussion, "Answer", parent=comment)
    services.flag(youssef, comment, "abusive", "It insults me")
    client.force_login(moderator)
    queue = client.get(f"/ar/members/{commune.slug}/moderation/").content.decode()
    assert "Secret insult" in queue and "It insults me" in queue
    response = client.post(
        f"/ar/participation/participation.comment/{comment.pk}/moderate/",
        {"action": "hide", "reason": "Insults a neighbour.", "next": f"/ar/members/{commune.slug}/moderation/"},
    )
    assert response.status_code == 302 and response["Location"].endswith("/moderation/")
    as_moderator = client.get(discussion.get_absolute_url()).content.decode()
    assert "Secret insult" in as_moderator and "Insults a neighbour." in as_moderator
    client.logout()
    public = client.get(discussion.get_absolute_url()).content.decode()
    assert "Secret insult" not in public and "Insults a neighbour." in public and "Answer" in public
    log = client.get(f"/ar/members/{commune.slug}/moderation/log/").content.decode()
    assert "Insults a neighbour." in log and discussion.title in log
    assert youssef.display_name not in log and "It insults me" not in log


# --- discussions ---------------------------------------------------------------------------------------------


def test_discussion_list_and_detail(client, discussion, closed_discussion, amina, commune):
    services.support(amina, discussion)
    client.force_login(amina)
    response = client.get(f"/ar/members/{commune.slug}/discussions/")
    html = response.content.decode()
    assert response.status_code == 200 and discussion.title in html and closed_discussion.title in html
    assert response.context["supported"] == {discussion.pk}
    assert client.get(discussion.get_absolute_url()).status_code == 200
    assert client.get(f"/ar/members/zagora/discussions/{discussion.pk}/").status_code == 404
    assert client.get("/ar/members/no-such-place/discussions/").status_code == 404


def test_hidden_discussion_is_a_placeholder_for_the_public(client, discussion, moderator, amina, commune):
    services.add_comment(amina, discussion, "A comment under it")
    services.hide(moderator, discussion, "Duplicate.")
    html = client.get(discussion.get_absolute_url()).content.decode()
    assert "Duplicate." in html and "parks" not in html and "A comment under it" not in html
    client.force_login(moderator)
    html = client.get(discussion.get_absolute_url()).content.decode()
    assert "parks" in html and "A comment under it" in html
    client.logout()
    assert discussion.title not in client.get(f"/ar/members/{commune.slug}/discussions/").content.decode()


def test_focal_point_starts_a_discussion(client, focal_point, commune):
    client.force_login(focal_point)
    url = f"/ar/members/{commune.slug}/discussions/new/"
    response = client.post(url, {"title": "", "body": "Kept body"})
    assert response.status_code == 200 and response.context["form"].errors["title"]
    assert "Kept body" in response.content.decode()
    response = client.post(url, {"title": "Markets", "body": "Where?"})
    item = Discussion.objects.get()
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()


# --- query counts --------------------------------------------------------------------------------------------


@pytest.fixture
def busy_discussion(discussion, settings):
    """30 comments, each with two replies, from ten people."""
    settings.PARTICIPATION_LIMITS = {**settings.PARTICIPATION_LIMITS, "comments": []}
    people = [seasoned(f"p{n}@example.ma", f"Person {n}") for n in range(10)]
    for n in range(30):
        top = services.add_comment(people[n % 10], discussion, f"Comment {n}")
        for r in range(2):
            services.add_comment(people[(n + r + 1) % 10], discussion, f"Reply {n}.{r}", parent=top)
    return discussion


def test_comments_block_queries_are_bounded_for_the_public(client, busy_discussion, django_assert_max_num_queries):
    client.get(busy_discussion.get_absolute_url())  # warm caches (content types, sessions)
    with django_assert_max_num_queries(6):
        response = client.get(busy_discussion.get_absolute_url())
    assert response.content.decode().count('class="comment') >= 60


def test_comments_block_queries_are_bounded_for_moderators(
    client, busy_discussion, moderator, django_assert_max_num_queries
):
    client.force_login(moderator)
    client.get(busy_discussion.get_absolute_url())
    with django_assert_max_num_queries(12):
        client.get(busy_discussion.get_absolute_url())
    with django_assert_max_num_queries(10):
        client.get(ct_url(busy_discussion, "comments"), {"cpage": "2"}, **HTMX)


def test_discussion_list_queries_are_bounded(client, commune, amina, django_assert_max_num_queries):
    now = timezone.now()
    Discussion.objects.bulk_create(
        [Discussion(collectivity=commune, title=f"T{n}", body="b", opens_at=now) for n in range(20)]
    )
    client.force_login(amina)
    client.get(f"/ar/members/{commune.slug}/discussions/")
    with django_assert_max_num_queries(12):
        client.get(f"/ar/members/{commune.slug}/discussions/")


def test_comments_use_the_site_date_format(client, amina, discussion):
    from django.utils.formats import date_format
    from django.utils.translation import override

    comment = services.add_comment(amina, discussion, "تعليق بتاريخ مقروء.")
    page = client.get(discussion.get_absolute_url()).content.decode()
    with override("ar"):
        shown = date_format(timezone.localtime(comment.created_at), "DATETIME_FORMAT")
    time_element = re.search(r"<time [^>]*>(.*?)</time>", page, re.S)[1]
    assert re.sub(r"<[^>]+>", "", time_element) == shown


def test_comment_box_follows_the_direction_of_what_is_typed(client, amina, discussion):
    client.force_login(amina)
    page = client.get(discussion.get_absolute_url()).content.decode()
    box = page[page.index('<textarea name="body"') :]
    assert 'dir="auto"' in box[: box.index(">")]
