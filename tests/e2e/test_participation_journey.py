"""Participation in a real browser, in Arabic at 360 px: a citizen opens a discussion of Ben Guerir, supports it
(the count changes without reloading the page), comments and replies; a moderator hides the reply with a
public reason, which the public moderation log then shows."""

import re

import pytest

from remacto.participation import services
from remacto.participation.models import Comment

from .steps import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REASON = "إساءة إلى مشارك آخر."


def test_discussion_support_comment_reply_and_moderation(
    live_server, page, artifacts, commune, focal_point, citizen, moderator
):
    discussion = services.start_discussion(
        focal_point,
        commune,
        title="المساحات الخضراء في بن جرير",
        body="ما هي **الحدائق** التي تحتاج إلى عناية أولاً؟",
    )
    sign_in(page, live_server, citizen.email)

    page.goto(f"{live_server.url}/ar/members/{commune.slug}/discussions/")
    page.get_by_role("link", name=discussion.title).click()
    page.wait_for_url(f"{live_server.url}{discussion.get_absolute_url()}")
    assert page.locator("html").get_attribute("dir") == "rtl"

    # Support: htmx swaps the button, the page is not reloaded (the marker survives).
    page.evaluate("window.__noReload = true")
    count = page.locator(".support-count strong")
    assert count.inner_text() == "0"
    page.locator(".support-button").click()
    page.locator(".support-button.is-on").wait_for()
    assert count.inner_text() == "1"
    assert page.evaluate("window.__noReload") is True

    # Comment, then reply to it.
    block = page.locator("section.comments")
    block.locator("form.comment-form textarea[name=body]").first.fill("أقترح حديقة قرب السوق الأسبوعي.")
    block.locator("form.comment-form button[type=submit]").first.click()
    page.locator(".comment-body", has_text="أقترح حديقة قرب السوق الأسبوعي.").wait_for()
    page.locator("details.reply summary").first.click()
    page.locator("details.reply textarea[name=body]").first.fill("وأيضًا مقاعد للمسنين.")
    page.locator("details.reply button[type=submit]").first.click()
    page.locator(".replies .comment-body", has_text="وأيضًا مقاعد للمسنين.").wait_for()
    assert page.evaluate("window.__noReload") is True
    assert page.locator("section.comments h2 .count").inner_text() == "(2)"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"horizontal scroll at 360 px: {width}px"
    page.screenshot(path=str(artifacts / "participation-ar.png"), full_page=True)

    # The moderator hides the reply with a public reason.
    reply = Comment.objects.get(parent__isnull=False)
    sign_in(page, live_server, moderator.email)
    page.goto(f"{live_server.url}{discussion.get_absolute_url()}")
    page.locator(f"#comment-{reply.pk} a[href*='/moderate/']").click()
    page.wait_for_url(re.compile(r"/moderate/"))
    page.locator("button[name=action][value=hide]").click()  # no reason: refused, nothing hidden
    page.locator(".has-error .error").wait_for()
    reply.refresh_from_db()
    assert not reply.is_hidden
    page.fill("input[name=reason]", REASON)
    page.locator("button[name=action][value=hide]").click()
    page.wait_for_url(f"{live_server.url}{discussion.get_absolute_url()}")
    assert REASON in page.locator(f"#comment-{reply.pk} .moderation-note").inner_text()
    page.screenshot(path=str(artifacts / "participation-moderator-ar.png"), full_page=True)

    # The public sees the reason in the log and no longer sees the reply.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{discussion.get_absolute_url()}")
    assert page.locator(".comment-body", has_text="وأيضًا مقاعد للمسنين.").count() == 0
    page.goto(f"{live_server.url}/ar/members/{commune.slug}/moderation/log/")
    entry = page.locator(".log-entry").first
    assert REASON in entry.inner_text() and discussion.title in entry.inner_text()
    assert citizen.display_name not in page.locator("main").inner_text()
    page.screenshot(path=str(artifacts / "participation-log-ar.png"), full_page=True)
