"""Participation services: counters, idempotent supports, replies, edits, reports, moderation, limits, honeypot."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from remacto.core.models import AuditLogEntry
from remacto.notifications.models import Notification
from remacto.participation import services
from remacto.participation.models import Comment, Flag, Follow, ModerationAction, Support

from ..conftest import make_user
from .conftest import seasoned

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Services called outside a request speak English in these tests (the messages are checked)."""
    with translation.override("en"):
        yield


def counts(target):
    target.refresh_from_db()
    return target.support_count, target.comment_count


def kinds_for(user) -> list[str]:
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


# --- comments and counters -----------------------------------------------------------------------------------


def test_comment_and_reply_count_and_notify(discussion, amina, youssef, focal_point):
    first = services.add_comment(amina, discussion, "  The park near the **market**.  ")
    assert first.body == "The park near the **market**." and first.collectivity == discussion.collectivity
    assert discussion.comment_count == 1
    reply = services.add_comment(youssef, discussion, "I agree.", parent=first)
    assert reply.parent == first
    assert counts(discussion) == (0, 2)
    assert "comment.reply" in kinds_for(amina)
    assert kinds_for(focal_point) == ["comment.new", "comment.new"]  # the discussion's author, for both
    assert kinds_for(youssef) == []  # never told about one's own comment


def test_reply_to_a_reply_joins_the_thread(discussion, amina, youssef):
    top = services.add_comment(amina, discussion, "Top")
    reply = services.add_comment(youssef, discussion, "Reply", parent=top)
    nested = services.add_comment(amina, discussion, "Reply to reply", parent=reply)
    assert nested.parent_id == top.pk


def test_followers_are_told_except_the_commenter(discussion, amina, youssef):
    services.follow(amina, discussion)
    services.follow(youssef, discussion)
    services.add_comment(youssef, discussion, "Hello")
    assert kinds_for(amina) == ["comment.followed"]
    assert kinds_for(youssef) == []


def test_hiding_and_restoring_keep_counters_right(discussion, amina, youssef, moderator, commune):
    one = services.add_comment(amina, discussion, "One")
    two = services.add_comment(youssef, discussion, "Two", parent=one)
    services.add_comment(youssef, discussion, "Three")
    assert counts(discussion) == (0, 3)

    services.hide(moderator, two, "Insults.")
    assert counts(discussion) == (0, 2)
    two.refresh_from_db()
    assert two.is_hidden and two.hidden_reason == "Insults." and two.hidden_at
    with pytest.raises(ValidationError):
        services.hide(moderator, two, "Again")  # already hidden: the counter does not move twice
    assert counts(discussion) == (0, 2)

    services.restore(moderator, two, "Reviewed: it was a quote.")
    assert counts(discussion) == (0, 3)
    two.refresh_from_db()
    assert not two.is_hidden and two.hidden_reason == "" and two.hidden_at is None
    with pytest.raises(ValidationError):
        services.restore(moderator, two, "Again")
    assert counts(discussion) == (0, 3)

    actions = list(ModerationAction.objects.values_list("action", flat=True))
    assert sorted(actions) == ["hide", "restore"]
    audit = AuditLogEntry.objects.filter(collectivity=commune).values_list("action", flat=True)
    assert sorted(audit) == ["participation.hide", "participation.restore"]
    assert "moderation.hidden" in kinds_for(youssef)


def test_hidden_target_accepts_nothing(discussion, amina, moderator):
    services.hide(moderator, discussion, "Duplicate of another discussion.")
    for call in (
        lambda: services.add_comment(amina, discussion, "Hello"),
        lambda: services.support(amina, discussion),
        lambda: services.follow(amina, discussion),
        lambda: services.flag(amina, discussion, "spam"),
    ):
        with pytest.raises(ValidationError):
            call()
    assert counts(discussion) == (0, 0)
    assert not Comment.objects.exists() and not Support.objects.exists() and not Follow.objects.exists()


# --- supports ------------------------------------------------------------------------------------------------


def test_double_support_is_idempotent_through_the_database(discussion, amina):
    """The second call hits the unique constraint (no pre-check): it answers "already supported"."""
    assert services.support(amina, discussion) is True
    assert services.support(amina, discussion) is False
    assert counts(discussion) == (1, 0)
    assert Support.objects.count() == 1


def test_withdraw_support(discussion, amina, youssef):
    services.support(amina, discussion)
    services.support(youssef, discussion)
    assert services.withdraw_support(amina, discussion) is True
    assert services.withdraw_support(amina, discussion) is False
    assert counts(discussion) == (1, 0)


def test_own_discussion_can_be_supported(discussion, focal_point):
    assert services.support(focal_point, discussion)


def test_closed_discussion_refuses_comments_and_supports(closed_discussion, amina):
    with pytest.raises(ValidationError) as comment:
        services.add_comment(amina, closed_discussion, "Late")
    assert comment.value.message_dict["body"] == ["Comments are closed here."]
    with pytest.raises(ValidationError) as support:
        services.support(amina, closed_discussion)
    assert support.value.messages == ["Supports are closed here."]
    assert counts(closed_discussion) == (0, 0)
    services.follow(amina, closed_discussion)  # following stays possible


def test_anonymous_is_refused_everywhere(discussion, amina):
    comment = services.add_comment(amina, discussion, "Hello")
    anonymous = AnonymousUser()
    for call in (
        lambda: services.add_comment(anonymous, discussion, "Hi"),
        lambda: services.edit_comment(anonymous, comment, "Hi"),
        lambda: services.support(anonymous, discussion),
        lambda: services.withdraw_support(anonymous, discussion),
        lambda: services.follow(anonymous, discussion),
        lambda: services.unfollow(anonymous, discussion),
        lambda: services.flag(anonymous, comment, "spam"),
        lambda: services.hide(anonymous, comment, "x"),
        lambda: services.restore(anonymous, comment, "x"),
        lambda: services.dismiss_flags(anonymous, comment, "x"),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert counts(discussion) == (0, 1)


# --- editing -------------------------------------------------------------------------------------------------


def test_author_edits_within_the_window_only(discussion, amina, youssef):
    comment = services.add_comment(amina, discussion, "Frist")
    services.edit_comment(amina, comment, "First")
    comment.refresh_from_db()
    assert comment.body == "First" and comment.edited_at
    with pytest.raises(PermissionDenied):
        services.edit_comment(youssef, comment, "Hijacked")
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    with pytest.raises(ValidationError) as late:
        services.edit_comment(amina, comment, "Too late")
    assert "15 minutes" in late.value.message_dict["body"][0]
    comment.refresh_from_db()
    assert comment.body == "First"


def test_hidden_comment_cannot_be_edited(discussion, amina, moderator):
    comment = services.add_comment(amina, discussion, "Rude")
    services.hide(moderator, comment, "Rude.")
    with pytest.raises(ValidationError):
        services.edit_comment(amina, comment, "Polite now")


# --- reports and moderation ----------------------------------------------------------------------------------


def test_one_open_report_per_person_and_hide_resolves_them(discussion, amina, youssef, moderator):
    comment = services.add_comment(amina, discussion, "Buy cheap watches")
    report = services.flag(youssef, comment, "spam")
    assert report.collectivity == discussion.collectivity
    with pytest.raises(ValidationError):
        services.flag(youssef, comment, "abusive")
    services.flag(moderator, comment, "other", "Advertising")
    services.hide(moderator, comment, "Advertising.")
    assert not Flag.objects.filter(resolved_at__isnull=True).exists()
    assert set(Flag.objects.values_list("resolution", flat=True)) == {"hidden"}
    assert Flag.objects.filter(resolved_by=moderator).count() == 2


def test_dismiss_flags(discussion, amina, youssef, moderator, commune):
    services.flag(youssef, discussion, "off_topic")
    with pytest.raises(ValidationError):
        services.dismiss_flags(moderator, discussion, "  ")
    services.dismiss_flags(moderator, discussion, "The topic is right for this space.")
    assert Flag.objects.get().resolution == "dismissed"
    with pytest.raises(ValidationError) as nothing:
        services.dismiss_flags(moderator, discussion, "Again")
    assert "reason" in nothing.value.message_dict
    services.flag(youssef, discussion, "spam")  # a new report is possible once the first is resolved
    assert AuditLogEntry.objects.filter(action="participation.dismiss_flags", collectivity=commune).count() == 1


def test_moderation_needs_a_public_reason(discussion, amina, moderator):
    comment = services.add_comment(amina, discussion, "Text")
    for reason in ("", "   ", "x" * 501):
        with pytest.raises(ValidationError) as exc:
            services.hide(moderator, comment, reason)
        assert "reason" in exc.value.message_dict
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert not ModerationAction.objects.exists() and not AuditLogEntry.objects.exists()


# --- limits and honeypot -------------------------------------------------------------------------------------


def test_new_accounts_post_three_comments_per_ten_minutes(discussion, citizen):
    for n in range(3):
        services.add_comment(citizen, discussion, f"Comment {n}")
    with pytest.raises(ValidationError) as exc:
        services.add_comment(citizen, discussion, "Fourth")
    assert exc.value.message_dict["body"] == ["You are posting too fast; try again in a few minutes."]
    assert Comment.objects.count() == 3 and counts(discussion) == (0, 3)


def test_new_accounts_post_ten_comments_per_day(discussion, citizen, settings):
    settings.PARTICIPATION_LIMITS = {**settings.PARTICIPATION_LIMITS, "new_account_comments": [(10, 86400)]}
    for n in range(10):
        services.add_comment(citizen, discussion, f"Comment {n}")
    with pytest.raises(ValidationError):
        services.add_comment(citizen, discussion, "Eleventh")
    assert Comment.objects.count() == 10


def test_everyone_posts_ten_comments_per_ten_minutes(discussion, amina):
    for n in range(10):
        services.add_comment(amina, discussion, f"Comment {n}")
    with pytest.raises(ValidationError):
        services.add_comment(amina, discussion, "Eleventh")
    assert Comment.objects.count() == 10


def test_failed_attempts_do_not_count(discussion, citizen):
    for _attempt in range(5):
        with pytest.raises(ValidationError):
            services.add_comment(citizen, discussion, "   ")
    services.add_comment(citizen, discussion, "Now a real one")


def test_sixty_supports_per_ten_minutes(commune, amina, focal_point):
    from remacto.participation.models import Discussion

    now = timezone.now()
    topics = Discussion.objects.bulk_create(
        [Discussion(collectivity=commune, title=f"T{n}", body="b", opens_at=now) for n in range(61)]
    )
    for topic in topics[:60]:
        assert services.support(amina, topic)
    with pytest.raises(ValidationError) as exc:
        services.support(amina, topics[60])
    assert exc.value.messages == ["You are posting too fast; try again in a few minutes."]
    assert Support.objects.count() == 60
    topics[60].refresh_from_db()
    assert topics[60].support_count == 0


def test_limit_message_in_the_users_language(discussion, citizen):
    for n in range(3):
        services.add_comment(citizen, discussion, f"c{n}")
    with translation.override("fr"), pytest.raises(ValidationError) as exc:
        services.add_comment(citizen, discussion, "encore")
    assert exc.value.message_dict["body"] == ["Vous publiez trop vite ; réessayez dans quelques minutes."]
    with translation.override("ar"), pytest.raises(ValidationError) as arabic:
        services.add_comment(citizen, discussion, "مرة أخرى")
    assert arabic.value.message_dict["body"] == ["أنت تنشر بسرعة كبيرة؛ يرجى المحاولة مجددا بعد بضع دقائق."]


def test_honeypot_rejects_silently_and_saves_nothing(discussion, amina):
    with pytest.raises(ValidationError) as exc:
        services.add_comment(amina, discussion, "Great offer", website="http://spam.example")
    assert exc.value.messages == ["Your comment could not be posted."]
    assert not Comment.objects.exists() and counts(discussion) == (0, 0)


# --- bad input -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("body", ["", "   \n ", "x" * 4001])
def test_empty_or_too_long_comment(discussion, amina, body):
    with pytest.raises(ValidationError) as exc:
        services.add_comment(amina, discussion, body)
    assert "body" in exc.value.message_dict
    assert not Comment.objects.exists()


def test_script_is_stored_raw_and_rendered_inert(discussion, amina):
    from remacto.core.markdown import render_markdown

    body = '<script>alert("x")</script><img src=x onerror=alert(1)> **ok**'
    comment = services.add_comment(amina, discussion, body)
    assert comment.body == body
    html = render_markdown(comment.body)
    assert "<script" not in html and "onerror" not in html and "<strong>ok</strong>" in html


def test_replying_to_a_hidden_comment_is_refused(discussion, amina, youssef, moderator):
    top = services.add_comment(amina, discussion, "Top")
    services.hide(moderator, top, "Off-topic.")
    with pytest.raises(ValidationError) as exc:
        services.add_comment(youssef, discussion, "Reply", parent=top)
    assert "body" in exc.value.message_dict
    assert Comment.objects.count() == 1


def test_reply_must_belong_to_the_same_target(discussion, other_discussion, amina):
    elsewhere = services.add_comment(amina, other_discussion, "Elsewhere")
    with pytest.raises(ValidationError):
        services.add_comment(amina, discussion, "Reply", parent=elsewhere)


def test_flag_needs_a_reason_and_details_for_other(discussion, amina):
    with pytest.raises(ValidationError) as none:
        services.flag(amina, discussion, "")
    assert "reason" in none.value.message_dict
    with pytest.raises(ValidationError) as other:
        services.flag(amina, discussion, "other", "   ")
    assert "details" in other.value.message_dict
    with pytest.raises(ValidationError):
        services.flag(amina, discussion, "spam", "x" * 1001)
    assert not Flag.objects.exists()


def test_moderator_of_another_collectivity_changes_nothing(discussion, amina, other_commune):
    from remacto.accounts.models import Role

    outsider = make_user("mod-zagora@example.ma")
    Role.objects.create(user=outsider, kind=Role.Kind.MODERATOR, collectivity=other_commune)
    comment = services.add_comment(amina, discussion, "Text")
    with pytest.raises(PermissionDenied):
        services.hide(outsider, comment, "Because.")
    comment.refresh_from_db()
    assert not comment.is_hidden and counts(discussion) == (0, 1)


def test_start_discussion_validates_dates(commune, focal_point):
    now = timezone.now()
    with pytest.raises(ValidationError) as exc:
        services.start_discussion(
            focal_point, commune, title="T", body="B", opens_at=now, closes_at=now - timedelta(hours=1)
        )
    assert "closes_at" in exc.value.message_dict
    with pytest.raises(ValidationError) as empty:
        services.start_discussion(focal_point, commune, title="  ", body="B")
    assert "title" in empty.value.message_dict
    discussion = services.start_discussion(focal_point, commune, title="Budget 2027", body="What first?")
    assert discussion.author == focal_point
    assert AuditLogEntry.objects.filter(action="discussion.start", collectivity=commune).count() == 1


def test_seasoned_helper_makes_old_accounts(db):
    user = seasoned("old@example.ma")
    assert timezone.now() - user.date_joined > timedelta(days=1)


@pytest.mark.parametrize("body", ["\u200b\u200c\u200d", "<script>x</script>", "***", "[](https://x.ma)"])
def test_a_comment_that_shows_nothing_is_refused(amina, discussion, body):
    with pytest.raises(ValidationError) as exc:
        services.add_comment(amina, discussion, body)
    assert exc.value.error_dict["body"][0].code == "invisible"
    comment = services.add_comment(amina, discussion, "Real words")
    with pytest.raises(ValidationError):
        services.edit_comment(amina, comment, body)
    comment.refresh_from_db()
    assert Comment.objects.count() == 1 and comment.body == "Real words"


def test_a_discussion_or_report_that_shows_nothing_is_refused(commune, focal_point, amina, discussion):
    with pytest.raises(ValidationError) as exc:
        services.start_discussion(focal_point, commune, title="\u2060\u2060", body="<b></b>")
    assert set(exc.value.message_dict) == {"title", "body"}
    with pytest.raises(ValidationError) as report:
        services.flag(amina, discussion, Flag.Reason.SPAM, details="\ufeff")
    assert "details" in report.value.message_dict
    assert not Flag.objects.exists()
