"""Joining the network in a real browser, in Arabic at 360 px: a commune applies (deliberation, charter, focal
point), a network admin accepts it, its space shows it as a member, and its focal point's first news post appears
in its Atom feed. Screenshots go to test-artifacts/."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from remacto.accounts.models import Role

from ..conftest import make_user
from ..network.conftest import candidate_commune
from .test_cocreation_ideas_journey import no_horizontal_scroll, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def expected_console_errors() -> list[str]:
    """The application without deliberation is refused on purpose: its page answers 400."""
    return [r"status of 400 .*/network/apply/"]


def shot(page, artifacts, name: str) -> None:
    no_horizontal_scroll(page)
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.screenshot(path=str(artifacts / f"network-journey-{name}-ar.png"), full_page=True)


def test_a_commune_applies_is_accepted_and_publishes_news(live_server, page, artifacts, reference):
    commune = candidate_commune()
    applicant = make_user("president-journey@example.ma", "رئيس الجماعة")
    focal = make_user("focal-journey@example.ma", "سناء العلوي")
    admin = make_user("admin-journey@example.ma", "فريق الشبكة")
    Role.objects.create(user=admin, kind=Role.Kind.NETWORK_ADMIN)

    sign_in(page, live_server, applicant.email)
    page.goto(f"{live_server.url}/ar/network/apply/")
    page.select_option("select[name=collectivity]", str(commune.pk))
    page.check("input[name=charter_accepted]")
    page.fill("input[name=focal_name]", "سناء العلوي")
    page.fill("input[name=focal_title]", "رئيسة مصلحة الشراكة")
    page.fill("input[name=focal_email]", focal.email)
    page.fill("input[name=focal_phone]", "+212 5 28 60 00 00")
    shot(page, artifacts, "1-apply")
    page.locator("main form button[type=submit]").click()  # no deliberation yet: refused, nothing saved
    page.locator(".field.has-error").first.wait_for()
    assert "مداولة" in page.locator(".field.has-error").first.inner_text()
    page.set_input_files(
        "input[name=deliberation]",
        files=[{"name": "مداولة.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}],
    )
    page.check("input[name=charter_accepted]")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/ar/network/applications/*/")
    assert "قيد الدراسة" in page.locator("main").inner_text()
    shot(page, artifacts, "2-received")

    sign_in(page, live_server, admin.email)
    page.goto(f"{live_server.url}/ar/network/applications/?status=pending")
    page.get_by_role("link", name="جماعة تافراوت").click()
    page.check("input[name=decision][value=accept]")
    page.fill("textarea[name=text]", "مرحبا بجماعة تافراوت في الشبكة.")
    page.fill("input[name=cohort_year]", str(datetime.date.today().year))
    page.locator("main form button[type=submit]").click()
    page.locator("h2#decision-title").wait_for()
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
