"""The Amazigh programme page in a browser: Tifinagh interface, content not yet translated shown right to left
in Arabic, and the notice said once."""

import pytest

from remacto.accounts.demo import load_demo as load_accounts
from remacto.cocreation.demo import load_demo

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
