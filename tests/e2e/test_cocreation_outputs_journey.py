"""The programme's public outputs in a real browser, in Arabic: the programme page with its timeline and the
statistics page with its SVG charts, right to left, at 360 px and on a wide screen."""

import pytest

from ..cocreation.outputs_fixtures import Known, build_known

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def known(commune) -> Known:
    return build_known(commune)


def _no_horizontal_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"horizontal scroll: {width}px"


def test_programme_and_statistics_in_arabic(live_server, known, page, artifacts):
    base = f"{live_server.url}/ar/members/{known.programme.collectivity.slug}/programme/{known.programme.cycle}/"
    page.goto(base)
    html = page.locator("html")
    assert html.get_attribute("dir") == "rtl" and html.get_attribute("lang") == "ar"
    assert page.locator(".what-now a.button").first.is_visible()
    assert page.locator(".phase-timeline [aria-current=step]").count() == 1
    _no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / "programme-ar-360.png"), full_page=True)

    page.goto(base + "statistics/")
    assert html.get_attribute("dir") == "rtl"
    charts = page.locator("svg.chart-svg[role=img]")
    assert charts.count() == 9
    for index in range(charts.count()):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        assert chart.is_visible()
        box = chart.bounding_box()
        assert box["width"] > 200 and box["height"] > 40
    # bars grow from the right edge in Arabic: every bar ends where the chart's track ends
    first = page.locator("#chart-channel rect.chart-bar").first.bounding_box()
    track = page.locator("#chart-channel rect").first.bounding_box()
    assert abs((first["x"] + first["width"]) - (track["x"] + track["width"])) < 1.5
    _no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / "statistics-ar-360.png"), full_page=True)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base)
    page.screenshot(path=str(artifacts / "programme-ar.png"), full_page=True)
    page.goto(base + "statistics/")
    page.screenshot(path=str(artifacts / "statistics-ar.png"), full_page=True)
