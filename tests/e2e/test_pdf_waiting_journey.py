"""Browser journey in Arabic: the results PDF is asked for, the waiting page follows its building (htmx polling its
own address), then offers the file; on a 360 px phone and on a desktop."""

import pytest
from django.urls import reverse
from django.utils import translation

from remacto.budgets import output_tasks

from ..budgets.test_results_pages import closed, done, published  # noqa: F401 - fixtures
from .test_cocreation_ideas_journey import no_horizontal_scroll

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_results_pdf_waiting_page_then_the_file(live_server, closed, published, page, artifacts, monkeypatch):  # noqa: F811
    started = []
    monkeypatch.setattr(output_tasks.render_results_pdf, "delay", lambda *args: started.append(args))
    with translation.override("ar"):
        path = reverse("budgets:results_pdf", kwargs={"slug": closed.collectivity.slug, "pk": closed.pk, "lang": "fr"})
    page.goto(live_server.url + path)
    status = page.locator("#export-status")
    assert page.locator("html").get_attribute("dir") == "rtl" and started
    assert "يجري إعداد ملف PDF للنتائج" in status.inner_text() and status.locator("progress").count() == 1
    no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / "pdf-waiting-ar-360.png"), full_page=True)
    output_tasks.render_results_pdf(*started[0])  # the worker finishes; the next poll says so
    link = status.locator('a.button[type="application/pdf"]')
    link.wait_for()
    assert link.get_attribute("href") == path and link.get_attribute("hreflang") == "fr"
    assert status.get_attribute("hx-get") is None and len(started) == 1
    no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / "pdf-ready-ar-360.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.screenshot(path=str(artifacts / "pdf-ready-ar-desktop.png"), full_page=True)
