"""Joining the network in a real browser, in Arabic at 360 px: a commune applies (deliberation, charter, focal
point), a network admin accepts it, its space shows it as a member, and its focal point's first news post appears
in its Atom feed. Screenshots go to test-artifacts/."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from remacto.accounts.models import Role

from ..conftest import make_user
from ..network.conftest import candidate_commune
from . import steps
from .steps import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def expected_console_errors() -> list[str]:
    """The application without deliberation is refused on purpose: its page answers 400."""
    return [r"status of 400 .*/network/apply/"]


def shot(page, artifacts, name: str) -> None:
    steps.shot(page, artifacts, f"network-journey-{name}")


def test_a_commune_applies_is_accepted_and_publishes_news(live_server, page, artifacts, reference):
    commune = candidate_commune()
    applicant = make_user("president-journey@example.ma", "رئيس الجماعة")
    focal = make_user("focal-journey@example.ma", "سناء العلوي")
    admin = make_user("admin-journey@example.ma", "فريق الشبكة")
    Role.objects.create(user=admin, kind=Role.Kind.NETWORK_ADMIN)

    sign_in(page, live_server, applicant.email)
    page.goto(f"{live_server.url}/ar/network/apply/")
    page.select_option("select[name=collectivity]", str(commune.pk))
    steps.fill_focal_point(page, focal.email)
    shot(page, artifacts, "1-apply")
    page.locator("main form button[type=submit]").click()  # no deliberation yet: refused, nothing saved
    page.locator(".field.has-error").first.wait_for()
    assert "مداولة" in page.locator(".field.has-error").first.inner_text()
    steps.attach_deliberation(page)
    page.check("input[name=charter_accepted]")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/ar/network/applications/*/")
    assert "قيد الدراسة" in page.locator("main").inner_text()
    shot(page, artifacts, "2-received")

    sign_in(page, live_server, admin.email)
    steps.accept_application(page, live_server, "جماعة تافراوت", "مرحبا بجماعة تافراوت في الشبكة.")
    shot(page, artifacts, "3-accepted")

    page.goto(f"{live_server.url}/ar/members/{commune.slug}/")
    membership = page.locator("section[aria-labelledby=membership-title]").inner_text()
    assert str(datetime.date.today().year) in membership
    assert "سناء العلوي" in page.locator("section[aria-labelledby=focal-title]").inner_text()
    shot(page, artifacts, "4-member-space")

    sign_in(page, live_server, focal.email)
    page.goto(f"{live_server.url}/ar/members/{commune.slug}/news/write/")
    page.fill("input[name=title]", "انضمامنا إلى شبكة ريماكتو")
    page.fill("textarea[name=body]", "صادق المجلس على **الانخراط** في الشبكة.")
    page.select_option("select[name=status]", "published")
    page.locator("main form button[type=submit]").click()
    page.locator("article.news-post h1").wait_for()
    assert page.locator("article.news-post strong").inner_text() == "الانخراط"
    page.goto(f"{live_server.url}/ar/members/{commune.slug}/news/")
    shot(page, artifacts, "5-news")

    feed = page.request.get(f"{live_server.url}/ar/members/{commune.slug}/news/feed/")
    root = ET.fromstring(feed.body())  # noqa: S314 - our own feed
    titles = [entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")]
    assert titles == ["انضمامنا إلى شبكة ريماكتو"]
