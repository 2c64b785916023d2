"""Steps shared by the browser journeys: each app's own journey and the network layer's whole story
(test_network_layer_journey.py) walk the same pages the same way, in Arabic at 360 px."""

import datetime
import re

from remacto.events.models import Event, Registration, Status
from remacto.practices.models import Practice

from ..conftest import PASSWORD

PHONE = {"width": 360, "height": 780}
PRACTICE = {
    "title": "الإدارة الرقمية وتبسيط المساطر",
    "summary": "شباك رقمي للمواطنين ومسطرة مبسطة لإيداع العرائض.",
    "description": "- ورشة مع الجمعيات\n- منصة رقمية لإيداع العرائض",
    "results": "120 عريضة مودعة عبر المنصة في السنة الأولى.",
    "structure": "الرقمنة\n- شباك رقمي للمواطنين\n- تكوين الموظفين\nالمشاركة المواطنة\n- دليل العرائض",
    "contact_name": "نقطة الارتكاز",
}


def sign_in(page, live_server, email: str, language: str = "ar") -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/{language}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/{language}/profile/"))


def no_horizontal_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"horizontal scroll at 360 px on {page.url}: {width}px"


def shot(page, artifacts, name: str) -> None:
    """The page at 360 px, right to left and without horizontal scroll, saved as ``<name>-ar.png``."""
    no_horizontal_scroll(page)
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.screenshot(path=str(artifacts / f"{name}-ar.png"), full_page=True)


def register_for_event(page, live_server, event: Event, collectivity) -> None:
    """From the events list: open ``event``, fill its registration as the focal point of ``collectivity``."""
    page.goto(f"{live_server.url}/ar/events/")
    page.locator("main a", has_text=event.title).first.click()
    page.wait_for_url(re.compile(rf"/ar/events/{event.pk}/$"))
    page.select_option("#id_category", "focal_point")
    page.select_option("#id_collectivity", str(collectivity.pk))


def confirm_registration(page, event: Event, user, collectivity) -> Registration:
    """Send the registration filled by :func:`register_for_event`: confirmed, for ``collectivity``."""
    page.locator("#registration button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/ar/events/{event.pk}/$"))
    assert "أنت مسجل(ة)." in page.locator("#registration").inner_text()
    registration = Registration.objects.get(event=event, user=user)
    assert registration.status == Status.CONFIRMED and registration.collectivity == collectivity
    return registration


def mark_present_at_door(browser, live_server, artifacts, registration: Registration, organiser, name: str) -> None:
    """The organiser, on a phone without JavaScript, searches the first letters of the registered person's name at
    the door and taps once on the only row found (screenshot ``name``); the presence is recorded by them."""
    door = browser.new_context(viewport=PHONE, locale="ar-MA", java_script_enabled=False)
    phone = door.new_page()
    phone.goto(f"{live_server.url}/ar/accounts/login/")
    phone.fill("input[name=login]", organiser.email)
    phone.fill("input[name=password]", PASSWORD)
    phone.locator("main form button[type=submit]").click()
    phone.goto(f"{live_server.url}/ar/events/{registration.event_id}/door/")
    person = registration.user.display_name
    phone.fill("#door-q", person[:3])
    phone.locator(".door-search button").click()
    row = phone.locator(".door-list li", has_text=person)
    assert row.count() == 1
    row.locator("button.door-mark").click()
    phone.locator(".door-list li .badge").first.wait_for()
    shot(phone, artifacts, name)
    door.close()
    registration.refresh_from_db()
    assert registration.attended_at is not None and registration.marked_by == organiser


def share_practice(page, artifacts, name: str, values: dict[str, str] = PRACTICE, serves="digitalisation") -> Practice:
    """From the member space the page shows: the form sharing a practice, filled with ``values`` and serving one
    principle (screenshot ``name``), then sent; the practice, waiting for review."""
    page.locator(".space-practices a[href$='/practices/new/']").click()
    for field, value in values.items():
        page.fill(f"main [name={field}]", value)
    page.check(f"input[name=serves_{serves}]")
    shot(page, artifacts, name)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/practices/*/")
    practice = Practice.objects.latest("pk")
    assert practice.status == Practice.Status.SUBMITTED
    return practice


def publish_practice(page, live_server, admin, practice: Practice) -> None:
    """``admin`` (a network admin) signs in and publishes ``practice`` from the review queue."""
    sign_in(page, live_server, admin.email)
    page.goto(f"{live_server.url}/ar/network/practices/")
    page.locator(f"a[href$='/practices/{practice.pk}/']").click()
    page.locator("form[action$='/review/publish/'] button").click()
    page.locator("[role=status], .message.success").first.wait_for()
    practice.refresh_from_db()
    assert practice.is_published


def search_practices(page, live_server, query: str) -> None:
    """From the home page's footer to the library, searching ``query``."""
    page.goto(f"{live_server.url}/ar/")
    page.locator("footer a[href$='/practices/']").click()
    page.fill("input[name=q]", query)
    page.locator("form[role=search] button[type=submit]").click()
    page.locator(".practice-list").wait_for()


def use_as_template(page, programme):
    """On a practice's page: use it as a template for ``programme``; the programme page's section of practices."""
    page.select_option("select[name=programme]", str(programme.pk))
    page.locator("form[action$='/use/'] button[type=submit]").click()
    page.wait_for_url(f"**{programme.get_absolute_url()}")
    return page.locator("#practice-uses-title").locator("..")


def open_ticket(page, collectivity, subject: str, message: str) -> None:
    """From the profile (just signed in) to the desk's form, filled for ``collectivity`` (not submitted)."""
    page.locator("a[href='/ar/support/']").first.click()
    page.locator("a[href='/ar/support/new/']").first.click()
    page.select_option("select[name=collectivity]", str(collectivity.pk))
    page.select_option("select[name=category]", "methodology")
    page.fill("input[name=subject]", subject)
    page.fill("textarea[name=message]", message)


def answer_ticket(page, url: str, answer: str) -> None:
    """The network team answers the ticket at ``url`` (the notification's link)."""
    page.goto(url)
    page.fill(".reply-form textarea[name=body]", answer)
    page.locator(".reply-form button[type=submit]").click()
    page.locator(".messages .message.success").wait_for()


def filter_dashboard(page, field: str, value: str) -> None:
    """On the network dashboard: unfold the filter box, type ``value`` in ``field`` and show the figures."""
    page.locator("#netdash-filter-box summary").click()
    page.fill(f"#netdash-filters input[name={field}]", value)
    page.locator("#netdash-filters button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/network/dashboard/\?.*{field}={value}"))


def fill_focal_point(page, email: str, name: str = "سناء العلوي", title: str = "رئيسة مصلحة الشراكة") -> None:
    """The application form's focal point, with the charter accepted."""
    page.check("input[name=charter_accepted]")
    page.fill("input[name=focal_name]", name)
    page.fill("input[name=focal_title]", title)
    page.fill("input[name=focal_email]", email)
    page.fill("input[name=focal_phone]", "+212 5 28 60 00 00")


def attach_deliberation(page) -> None:
    page.set_input_files(
        "input[name=deliberation]",
        files=[{"name": "مداولة.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}],
    )


def accept_application(page, live_server, name: str, text: str) -> None:
    """A network admin accepts the pending application of the collectivity called ``name``, cohort of this year."""
    page.goto(f"{live_server.url}/ar/network/applications/?status=pending")
    page.get_by_role("link", name=name).click()
    page.check("input[name=decision][value=accept]")
    page.fill("textarea[name=text]", text)
    page.fill("input[name=cohort_year]", str(datetime.date.today().year))
    page.locator("main form button[type=submit]").click()
    page.locator("h2#decision-title").wait_for()
