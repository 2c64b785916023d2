"""The same visibility rule for discussions and comments: hidden ones are left out of every public page and
fragment, their pages show the moderation note, and moderators still see them."""

import pytest

from remacto.participation import services
from remacto.participation.models import Comment, Discussion

from .test_views import HTMX, ct_url

pytestmark = pytest.mark.django_db

REASON = "إساءة"


@pytest.fixture
def hidden(discussion, other_discussion, moderator, amina, commune):
    hidden_discussion = Discussion.objects.create(
        collectivity=commune, title="HIDDEN-DISCUSSION", body="HIDDEN-BODY", opens_at=discussion.opens_at
    )
    services.hide(moderator, hidden_discussion, REASON)
    comment = services.add_comment(amina, discussion, "HIDDEN-COMMENT")
    services.add_comment(amina, discussion, "VISIBLE-COMMENT")
    services.hide(moderator, comment, REASON)
    return hidden_discussion


def test_visible_querysets_leave_hidden_rows_out(hidden):
    assert list(Comment.objects.visible().values_list("body", flat=True)) == ["VISIBLE-COMMENT"]
    assert "HIDDEN-DISCUSSION" not in Discussion.objects.visible().values_list("title", flat=True)


@pytest.mark.parametrize(
    "path",
    [
        lambda d: f"/ar/members/{d.collectivity.slug}/discussions/",
        lambda d: d.get_absolute_url(),
        lambda d: ct_url(d, "comments"),
    ],
    ids=["discussion list", "discussion page", "comments fragment"],
)
def test_hidden_discussions_and_comments_appear_nowhere(client, discussion, hidden, path):
    text = client.get(path(discussion), **HTMX).content.decode()
    assert "VISIBLE-COMMENT" in text or "Green spaces" in text
    assert "HIDDEN-DISCUSSION" not in text and "HIDDEN-COMMENT" not in text


def test_a_hidden_discussion_page_shows_the_note_to_the_public_and_all_to_moderators(client, hidden, moderator):
    text = client.get(hidden.get_absolute_url()).content.decode()
    assert REASON in text and "HIDDEN-BODY" not in text
    client.force_login(moderator)
    assert "HIDDEN-BODY" in client.get(hidden.get_absolute_url()).content.decode()
