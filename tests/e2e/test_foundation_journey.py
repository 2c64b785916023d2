"""The foundation's main journey in a real browser, in Arabic: home, language switch, sign-up, verification,
login, a directory search with another hamza spelling, and a member's space."""

import re

import pytest
from django.core import mail

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "Argan-Tree-2026-Souss"


def test_citizen_journey_in_arabic(live_server, reference, page, artifacts, settings):
    settings.SITE_URL = live_server.url  # links in emails point at the site's public address
    page.goto(f"{live_server.url}/ar/")
    html = page.locator("html")
    assert html.get_attribute("dir") == "rtl" and html.get_attribute("lang") == "ar"
    page.screenshot(path=str(artifacts / "home-ar-360.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(artifacts / "home-ar.png"), full_page=True)

    page.get_by_role("link", name="Français").click()
    page.wait_for_url(f"{live_server.url}/fr/")
    assert html.get_attribute("dir") == "ltr" and html.get_attribute("lang") == "fr"

    page.get_by_role("link", name="العربية").click()
    page.wait_for_url(f"{live_server.url}/ar/")
    page.locator(".main-nav a[href='/ar/accounts/signup/']").click()
    page.fill("#id_display_name", "أمينة")
    page.fill("#id_email", "amina@example.ma")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/ar/accounts/confirm-email/"))

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[0].body).group(0)
    page.goto(link)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/ar/accounts/login/")
    page.fill("input[name=login]", "amina@example.ma")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/ar/profile/")
    assert page.locator("#id_display_name").input_value() == "أمينة"

    page.goto(f"{live_server.url}/ar/members/")
    page.fill("#id_q", "اولاد تايمه")
    result = page.locator("#results .member-card a", has_text="أولاد تايمة")
    result.wait_for()
    assert page.locator("#results .member-card").count() == 1
    result.click()
    page.wait_for_url(f"{live_server.url}/ar/members/oulad-teima/")
    assert page.locator("h1").inner_text() == "أولاد تايمة"
    assert html.get_attribute("dir") == "rtl"
    page.screenshot(path=str(artifacts / "space-ar.png"), full_page=True)


def test_directory_and_space_are_usable_at_360px_in_french(live_server, reference, page, artifacts):
    page.goto(f"{live_server.url}/fr/members/?region=07")
    assert page.locator("#results .member-card").count() == 7
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"horizontal scroll at 360 px: {width}px"
    page.screenshot(path=str(artifacts / "directory-fr-360.png"), full_page=True)
