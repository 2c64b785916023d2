"""The Amazigh programme page in a browser: Tifinagh interface, content not yet translated shown right to left
in Arabic, and the notice said once."""

import pytest

from remacto.accounts.demo import load_demo as load_accounts
from remacto.cocreation.demo import load_demo

from ..test_amazigh_coverage import LATIN_KEPT

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_amazigh_programme_page(live_server, page, artifacts, reference):
    load_accounts()
    load_demo()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/zgh/members/ben-guerir/programme/2024-2025/")
    assert page.locator("html").get_attribute("lang") == "zgh"
    assert page.locator("html").get_attribute("dir") == "ltr"
    nav = page.locator("nav.main-nav").inner_text()
    assert all(not ch.isalpha() or "\u2d30" <= ch <= "\u2d7f" for ch in nav), nav
    assert page.locator(".fallback-note").count() == 1
    title = page.locator("main h1").first
    assert title.get_attribute("lang") == "ar"
    assert title.evaluate("element => getComputedStyle(element).direction") == "rtl"
    cards = page.locator(".axis-card h3")
    assert cards.count() > 1
    for index in range(cards.count()):
        assert cards.nth(index).evaluate("element => getComputedStyle(element).direction") == "rtl"
    page.screenshot(path=str(artifacts / "programme-zgh-desktop.png"), full_page=True)


def test_amazigh_sign_up_page_is_in_tifinagh(live_server, page, artifacts, reference):
    page.goto(f"{live_server.url}/zgh/accounts/signup/")
    main = page.locator("main").inner_text()
    letters = [ch for ch in LATIN_KEPT.sub("", main) if ch.isalpha()]
    assert letters and all("\u2d30" <= ch <= "\u2d7f" for ch in letters), main
    page.fill("input[name=display_name]", "Tiziri")
    page.fill("input[name=email]", "tiziri@example.ma")
    page.fill("input[name=password1]", "123")
    page.fill("input[name=password2]", "123")
    page.locator("main form button[type=submit]").click()
    page.locator(".errorlist").first.wait_for()
    errors = page.locator(".errorlist").all_inner_texts()
    assert errors and all(not ch.isalpha() or "\u2d30" <= ch <= "\u2d7f" for ch in " ".join(errors)), errors
    page.screenshot(path=str(artifacts / "signup-zgh-360.png"), full_page=True)
