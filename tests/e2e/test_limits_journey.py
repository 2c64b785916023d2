"""A citizen who posts too fast, in Arabic at 360 px: the refused comment and support answer 429, htmx still
swaps the answer in, the message is shown and the text typed is kept; nothing is saved."""

import pytest

from remacto.participation import services
from remacto.participation.models import Comment, Support

from .test_participation_journey import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TOO_FAST = "أنت تنشر بسرعة كبيرة؛ يرجى المحاولة مجددا بعد بضع دقائق."


def test_a_refused_comment_and_support_show_the_message(
    live_server, page, artifacts, commune, focal_point, citizen, settings, expected_console_errors
):
    # The browser and htmx report the two refusals themselves; any other console error still fails the journey.
    expected_console_errors += [r"status of 429 \(Too Many Requests\)", r"Response Status Error Code 429 from "]
    settings.PARTICIPATION_LIMITS = {
        **settings.PARTICIPATION_LIMITS,
        "new_account_comments": [(1, 600)],
        "supports": [(0, 600)],
    }
    discussion = services.start_discussion(focal_point, commune, title="النقل العمومي", body="ما رأيكم في الحافلات؟")
    sign_in(page, live_server, citizen.email)
    page.goto(f"{live_server.url}{discussion.get_absolute_url()}")
    page.evaluate("window.__noReload = true")
    statuses = []
    page.on("response", lambda r: statuses.append(r.status) if "/participation/" in r.url else None)

    block = page.locator("section.comments")
    block.locator("form.comment-form textarea[name=body]").first.fill("أول تعليق.")
    block.locator("form.comment-form button[type=submit]").first.click()
    page.locator(".comment-body", has_text="أول تعليق.").wait_for()

    block.locator("form.comment-form textarea[name=body]").first.fill("تعليق ثان بسرعة.")
    block.locator("form.comment-form button[type=submit]").first.click()
    page.locator("section.comments", has_text=TOO_FAST).wait_for()
    assert block.locator("form.comment-form textarea[name=body]").first.input_value() == "تعليق ثان بسرعة."

    page.locator(".support-button").click()
    page.locator(".support .error", has_text=TOO_FAST).wait_for()
    assert page.evaluate("window.__noReload") is True
    assert statuses.count(429) == 2, statuses
    assert Comment.objects.count() == 1 and not Support.objects.exists()
    page.screenshot(path=str(artifacts / "limits-ar.png"), full_page=True)
