"""Finding programmes in a real browser, in Arabic, on the demo data: "open now" on the home page, every cycle from
the member space (the 2024-2025 programme saying what its source does not give), and the directory's search with
kind words, names written together and the "something open" filter."""

import pytest
from playwright.sync_api import expect

from remacto.accounts.demo import load_demo as load_accounts
from remacto.cocreation.demo import load_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_finding_the_programmes_in_arabic(live_server, reference, page, artifacts):
    load_accounts()
    load_demo()
    page.goto(f"{live_server.url}/ar/")
    open_now = page.locator("section[aria-labelledby=open-now-title]")
    assert "ابن جرير" in open_now.inner_text() and "2026-2027" in open_now.inner_text()
    page.screenshot(path=str(artifacts / "home-open-now-ar-360.png"), full_page=True)

    open_now.locator("a[href='/ar/members/?open_now=on']").click()
    page.wait_for_url(f"{live_server.url}/ar/members/?open_now=on")
    assert page.locator("#results .member-card").count() == 1
    assert page.locator("#id_open_now").is_checked()

    page.goto(f"{live_server.url}/ar/members/")
    for query, count in (("بنجرير", 1), ("Benguerir", 1), ("إقليم", 8), ("جماعة بنجرير", 1)):
        page.fill("#id_q", query)
        expect(page.locator("#results .member-card")).to_have_count(count)
    page.fill("#id_q", "zzzz")
    page.locator("#results .empty-state").wait_for()
    assert page.locator("#results .result-count").count() == 0
    page.screenshot(path=str(artifacts / "directory-empty-ar-360.png"), full_page=True)

    page.goto(f"{live_server.url}/ar/members/ben-guerir/")
    page.locator("ul.cycles a", has_text="2024-2025").click()
    page.wait_for_url(f"{live_server.url}/ar/members/ben-guerir/programme/2024-2025/")
    main = page.locator("main").inner_text()
    assert "اجتمعت لجنة التتبع 3 مرات" in main and "لم تُشكَّل لجنة التتبع بعد" not in main
    assert "23 فكرة بدون محور مسجَّل" in main
    page.screenshot(path=str(artifacts / "programme-2024-2025-ar-360.png"), full_page=True)
