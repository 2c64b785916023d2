"""Read queries: supports and follows of a list in one query, comment visibility, the moderation queue."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from remacto.participation import registry, selectors, services
from remacto.participation.models import Comment, Discussion, Flag

pytestmark = pytest.mark.django_db


@pytest.fixture
def topics(commune):
    now = timezone.now()
    return Discussion.objects.bulk_create(
        [Discussion(collectivity=commune, title=f"T{n}", body="b", opens_at=now) for n in range(5)]
    )


def test_supported_and_followed_ids_in_one_query(topics, amina, django_assert_num_queries):
    services.support(amina, topics[1])
    services.support(amina, topics[3])
    services.follow(amina, topics[2])
    with django_assert_num_queries(1):
        assert selectors.supported_ids(amina, topics) == {topics[1].pk, topics[3].pk}
    with django_assert_num_queries(1):
        assert selectors.followed_ids(amina, topics) == {topics[2].pk}
    with django_assert_num_queries(0):
        assert selectors.supported_ids(AnonymousUser(), topics) == set()
        assert selectors.supported_ids(amina, []) == set()


def test_ids_need_one_model(topics, amina):
    comment = services.add_comment(amina, topics[0], "x")
    with pytest.raises(ValueError):
        selectors.supported_ids(amina, [topics[0], comment])


def test_comment_visibility(discussion, amina, youssef, moderator):
    lonely = services.add_comment(amina, discussion, "Hidden, no replies")
    parent = services.add_comment(amina, discussion, "Hidden, with a reply")
    services.add_comment(youssef, discussion, "Visible reply", parent=parent)
    hidden_reply = services.add_comment(youssef, discussion, "Hidden reply", parent=parent)
    services.hide(moderator, lonely, "Spam.")
    services.hide(moderator, parent, "Insult.")
    services.hide(moderator, hidden_reply, "Insult.")
    public = list(selectors.comments(discussion))
    assert [c.pk for c in public] == [parent.pk]  # kept as a placeholder for its visible reply
    assert [r.body for r in public[0].replies.all()] == ["Visible reply"]
    everything = list(selectors.comments(discussion, include_hidden=True))
    assert {c.pk for c in everything} == {lonely.pk, parent.pk}
    assert len(everything[0].replies.all()) + len(everything[1].replies.all()) == 2


def test_moderation_queue_groups_reports_newest_first(discussion, other_discussion, amina, youssef, moderator):
    first = services.add_comment(amina, discussion, "First")
    second = services.add_comment(amina, discussion, "Second")
    services.flag(youssef, first, "spam")
    services.flag(moderator, first, "abusive")
    services.flag(youssef, discussion, "off_topic")
    services.flag(youssef, second, "spam")
    services.flag(youssef, other_discussion, "spam")  # another collectivity: not in this queue
    Flag.objects.filter(object_id=second.pk).update(created_at=timezone.now() + timedelta(minutes=5))
    queue = selectors.moderation_queue(discussion.collectivity)
    assert [item.target for item in queue] == [second, discussion, first]
    assert len(queue[2].flags) == 2 and queue[2].is_comment and queue[2].label == registry.COMMENT_LABEL
    assert sorted(n for _reason, n in queue[2].reasons) == [1, 1]


def test_hidden_content_lists_what_is_still_hidden(discussion, amina, moderator):
    one = services.add_comment(amina, discussion, "One")
    two = services.add_comment(amina, discussion, "Two")
    services.hide(moderator, one, "Spam.")
    services.hide(moderator, two, "Spam.")
    services.restore(moderator, two, "Not spam.")
    hidden = selectors.hidden_content(discussion.collectivity)
    assert [a.target for a in hidden] == [one]
    log = list(selectors.moderation_log(discussion.collectivity))
    assert [a.action for a in log] == ["restore", "hide", "hide"]


def test_registry_refuses_what_is_not_a_target():
    with pytest.raises(TypeError):
        registry.register(Comment)
    assert registry.target_model("participation.discussion") is Discussion
    assert registry.target_model("participation.comment") is None
    assert registry.flaggable_model("participation.comment") is Comment
    assert registry.target_model("") is None
