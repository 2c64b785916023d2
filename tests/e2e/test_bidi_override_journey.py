"""A display name with a right-to-left override (U+202E), seen in Arabic at 360 px: the name is drawn inside its
own isolate, so the date beside it in the comment line keeps its order; the tab title has no override."""

import pytest
from django.utils import timezone

from remacto.participation import services
from remacto.participation.models import Discussion

from ..conftest import make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_override_in_a_name_stays_inside_its_isolate(page, live_server, commune, focal_point, artifacts):
    author = make_user("amina@example.ma", "\u202eAmina")
    discussion = Discussion.objects.create(
        collectivity=commune,
        title="\u202eالمساحات الخضراء",
        body="ما هي الحدائق؟",
        author=focal_point,
        opens_at=timezone.now(),
    )
    services.add_comment(author, discussion, "أقترح غرس الأشجار")
    page.goto(f"{live_server.url}{discussion.get_absolute_url()}")
    name = page.locator(".comment-meta bdi").first
    assert name.inner_text() == "\u202eAmina"
    assert name.evaluate("el => getComputedStyle(el).unicodeBidi") == "isolate"
    assert "\u202e" not in page.title()
    page.screenshot(path=str(artifacts / "bidi-override-comment-ar-360.png"), full_page=True)
